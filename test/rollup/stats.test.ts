import { describe, expect, it } from 'vitest';
import { actionItemState, computeStats, postmortemDurations } from '../../src/rollup/index.js';
import { fixtureText, item, model, parseValid } from './model.js';

const checkoutId = '2026-03-04-checkout-database-connection-pool-exhaustion';
const checkoutText = fixtureText(`${checkoutId}.md`);
const checkout = parseValid(`${checkoutId}.md`, checkoutText);

describe('the checkout example', () => {
  it('takes 2 minutes to detect and acknowledge, 48 to mitigate and 73 to resolve', () => {
    expect(postmortemDurations(checkout)).toEqual({ timeToDetect: 2, timeToAcknowledge: 2, timeToMitigate: 48, timeToResolve: 73 });
  });

  it('adds up its impact, revenue and action items', () => {
    const stats = computeStats([checkout], '2026-03-10');
    expect(stats.postmortems).toBe(1);
    expect(stats.bySeverity).toEqual({ SEV1: 1 });
    expect(stats.impact).toEqual({ usersAffected: 1032, failedRequests: 1247, supportTickets: 47 });
    expect(stats.revenueLoss).toEqual({ USD: 15000 });
    expect(stats.durations.timeToMitigate).toEqual({ count: 1, medianMinutes: 48, p90Minutes: 48 });
    expect(stats.durations.timeToResolve).toEqual({ count: 1, medianMinutes: 73, p90Minutes: 73 });
    // The in-progress load test counts as open; the rollback tree is due on the as-of day, not overdue yet.
    expect(stats.actionItems).toEqual({ total: 3, open: 2, done: 1, wontDo: 0, overdue: 0 });
    expect(stats.overdue).toEqual([]);
  });

  it('lists the open items past their due day, most days overdue first', () => {
    expect(computeStats([checkout], '2026-03-11').overdue).toEqual([
      { postmortem: checkoutId, action: 'Create rollback decision tree', owner: 'Carol', due: '2026-03-10', daysOverdue: 1 },
    ]);
    const stats = computeStats([checkout], '2026-03-20');
    expect(stats.actionItems.overdue).toBe(2);
    expect(stats.overdue).toEqual([
      { postmortem: checkoutId, action: 'Create rollback decision tree', owner: 'Carol', due: '2026-03-10', daysOverdue: 10 },
      { postmortem: checkoutId, action: 'Add load test for checkout flow', owner: 'Bob', due: '2026-03-14', daysOverdue: 6 },
    ]);
  });

  it('reads the same from a file with a byte order mark and CRLF line ends', () => {
    const windows = parseValid(`${checkoutId}.md`, `\uFEFF${checkoutText.replace(/\n/g, '\r\n')}`);
    expect(computeStats([windows], '2026-03-20')).toEqual(computeStats([checkout], '2026-03-20'));
  });

  it('honours the offset of each timestamp', () => {
    const offsets = checkoutText
      .replace('started_at: 2026-03-04T14:32:00Z', 'started_at: 2026-03-04T16:32:00+02:00')
      .replace('detected_at: 2026-03-04T14:34:00Z', 'detected_at: 2026-03-04T09:34:00-05:00')
      .replace('acknowledged_at: 2026-03-04T14:36:00Z', 'acknowledged_at: 2026-03-04T20:06:00+05:30')
      .replace('resolved_at: 2026-03-04T15:45:00Z', 'resolved_at: 2026-03-05T00:45:00+09:00');
    expect(offsets).not.toBe(checkoutText);
    expect(postmortemDurations(parseValid(`${checkoutId}.md`, offsets))).toEqual(postmortemDurations(checkout));
  });
});

describe('durations', () => {
  const resolvedAfter = (minutes: number[]) =>
    minutes.map((minute, index) => model({ id: `2026-03-04-incident-${index}`, resolved_at: new Date(Date.parse('2026-03-04T14:32:00Z') + minute * 60_000).toISOString() }));

  it('takes the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(computeStats(resolvedAfter([30, 10, 20]), '2026-06-01').durations.timeToResolve).toMatchObject({ count: 3, medianMinutes: 20 });
    expect(computeStats(resolvedAfter([40, 10, 20, 30]), '2026-06-01').durations.timeToResolve).toMatchObject({ count: 4, medianMinutes: 25 });
    expect(computeStats(resolvedAfter([10, 11]), '2026-06-01').durations.timeToResolve).toMatchObject({ medianMinutes: 10.5 });
  });

  it('takes p90 by nearest rank: the ceil(0.9 n)-th smallest value', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(computeStats(resolvedAfter(ten), '2026-06-01').durations.timeToResolve.p90Minutes).toBe(9);
    expect(computeStats(resolvedAfter([...ten, 11]), '2026-06-01').durations.timeToResolve.p90Minutes).toBe(10);
    expect(computeStats(resolvedAfter([7]), '2026-06-01').durations.timeToResolve.p90Minutes).toBe(7);
    expect(computeStats(resolvedAfter([5, 100]), '2026-06-01').durations.timeToResolve.p90Minutes).toBe(100);
  });

  it('keeps seconds as fractions of a minute', () => {
    const postmortem = model({ started_at: '2026-03-04T14:32:00Z', detected_at: '2026-03-04T14:32:30Z', resolved_at: '2026-03-04T14:33:20Z' });
    expect(postmortemDurations(postmortem)).toMatchObject({ timeToDetect: 0.5, timeToResolve: 80 / 60 });
  });

  it('counts a duration only where both of its ends are given', () => {
    const acknowledgedOnly = model({ acknowledged_at: '2026-03-04T14:40:00Z' });
    expect(postmortemDurations(acknowledgedOnly)).toEqual({ timeToDetect: null, timeToAcknowledge: null, timeToMitigate: null, timeToResolve: 73 });
    const { durations } = computeStats([acknowledgedOnly], '2026-06-01');
    expect(durations.timeToAcknowledge).toEqual({ count: 0, medianMinutes: null, p90Minutes: null });
    expect(durations.timeToResolve.count).toBe(1);
  });

  it('measures acknowledgement from detection, not from the start', () => {
    const postmortem = model({ detected_at: '2026-03-04T14:50:00Z', acknowledged_at: '2026-03-04T14:55:00Z' });
    expect(postmortemDurations(postmortem)).toMatchObject({ timeToDetect: 18, timeToAcknowledge: 5 });
  });
});

describe('revenue loss', () => {
  it('is summed per currency, never across currencies', () => {
    const postmortems = [
      model({ id: 'a', impact: { revenue_loss: { amount: 15000, currency: 'USD' } } }),
      model({ id: 'b', impact: { revenue_loss: { amount: 2300.5, currency: 'EUR' } } }),
      model({ id: 'c', impact: { revenue_loss: { amount: 500, currency: 'USD' } } }),
      model({ id: 'd', impact: { revenue_loss: { amount: 0, currency: 'GBP' } } }),
      model({ id: 'e' }),
    ];
    expect(computeStats(postmortems, '2026-06-01').revenueLoss).toEqual({ EUR: 2300.5, GBP: 0, USD: 15500 });
  });

  it('adds cents exactly, whatever the order of the postmortems', () => {
    const amounts = [0.1, 0.2, 1334.55, 99.99, 0.07];
    const postmortems = amounts.map((amount, index) => model({ id: `p${index}`, impact: { revenue_loss: { amount, currency: 'USD' } } }));
    expect(computeStats(postmortems, '2026-06-01').revenueLoss).toEqual({ USD: 1434.91 });
    expect(computeStats([...postmortems].reverse(), '2026-06-01').revenueLoss).toEqual({ USD: 1434.91 });
  });
});

describe('action items', () => {
  const asOf = '2026-03-10';

  it('counts open and in-progress as open, and done and wont-do apart', () => {
    const items = [
      item({ status: 'open', due: '2026-04-01' }),
      item({ status: 'in-progress', due: '2026-04-01' }),
      item({ status: 'done', due: '2026-01-01' }),
      item({ status: 'wont-do', due: '2026-01-01' }),
    ];
    expect(computeStats([model({ items })], asOf).actionItems).toEqual({ total: 4, open: 2, done: 1, wontDo: 1, overdue: 0 });
    expect(items.map((row) => actionItemState(row, asOf).open)).toEqual([true, true, false, false]);
  });

  it('is overdue from the day after its due day, and only while open', () => {
    expect(actionItemState(item({ due: '2026-03-10' }), asOf)).toEqual({ open: true, overdue: false, daysOverdue: 0 });
    expect(actionItemState(item({ due: '2026-03-09' }), asOf)).toEqual({ open: true, overdue: true, daysOverdue: 1 });
    expect(actionItemState(item({ status: 'in-progress', due: '2026-02-08' }), asOf)).toEqual({ open: true, overdue: true, daysOverdue: 30 });
    expect(actionItemState(item({ status: 'done', due: '2026-02-08' }), asOf)).toEqual({ open: false, overdue: false, daysOverdue: 0 });
    expect(actionItemState(item({ status: 'wont-do', due: '2026-02-08' }), asOf)).toEqual({ open: false, overdue: false, daysOverdue: 0 });
  });

  it('counts whole days across a month end and a leap day', () => {
    expect(actionItemState(item({ due: '2028-02-27' }), '2028-03-01').daysOverdue).toBe(3);
  });

  it('sorts the overdue list by days overdue, then postmortem id, then table order', () => {
    const postmortems = [
      model({ id: 'b', items: [item({ action: 'b1', due: '2026-03-01' }), item({ action: 'b2', due: '2026-03-05' }), item({ action: 'b3', due: '2026-03-01' })] }),
      model({ id: 'a', items: [item({ action: 'a1', due: '2026-03-05' }), item({ action: 'a2', due: '2026-02-01' })] }),
    ];
    expect(computeStats(postmortems, asOf).overdue.map(({ action, daysOverdue }) => `${action}:${daysOverdue}`)).toEqual(['a2:37', 'b1:9', 'b3:9', 'a1:5', 'b2:5']);
  });
});

describe('computeStats', () => {
  it('gives zeros and no medians for no postmortems', () => {
    expect(computeStats([], '2026-06-01')).toEqual({
      asOf: '2026-06-01',
      postmortems: 0,
      bySeverity: {},
      impact: { usersAffected: 0, failedRequests: 0, supportTickets: 0 },
      revenueLoss: {},
      durations: {
        timeToDetect: { count: 0, medianMinutes: null, p90Minutes: null },
        timeToAcknowledge: { count: 0, medianMinutes: null, p90Minutes: null },
        timeToMitigate: { count: 0, medianMinutes: null, p90Minutes: null },
        timeToResolve: { count: 0, medianMinutes: null, p90Minutes: null },
      },
      actionItems: { total: 0, open: 0, done: 0, wontDo: 0, overdue: 0 },
      overdue: [],
    });
  });

  it('counts every postmortem whatever its status', () => {
    const postmortems = [model({ id: 'a', status: 'draft' }), model({ id: 'b', status: 'in-review' }), model({ id: 'c', status: 'published' })];
    expect(computeStats(postmortems, '2026-06-01').postmortems).toBe(3);
  });

  it('lists only the severities that occur, in the configured order', () => {
    const postmortems = [model({ id: 'a', severity: 'SEV3' }), model({ id: 'b', severity: 'SEV1' }), model({ id: 'c', severity: 'SEV3' })];
    const { bySeverity } = computeStats(postmortems, '2026-06-01', ['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    expect(bySeverity).toEqual({ SEV1: 1, SEV3: 2 });
    expect(Object.keys(bySeverity)).toEqual(['SEV1', 'SEV3']);
  });

  it('refuses an as-of that is not a day', () => {
    expect(() => computeStats([], '2026-02-30')).toThrow('Invalid as-of day `2026-02-30`, expected YYYY-MM-DD');
  });
});
