import { describe, expect, it } from 'vitest';
import { computeBreakdowns, computeStats, quarterOf } from '../../src/rollup/index.js';
import { item, model } from './model.js';

const severities = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const asOf = '2026-06-01';

const postmortems = [
  model({
    id: '2025-11-20-search',
    date: '2025-11-20',
    severity: 'SEV3',
    services: ['search'],
    teams: ['Discovery'],
    impact: { users_affected: 10, revenue_loss: { amount: 300, currency: 'EUR' } },
    contributing_factors: ['config-change'],
    items: [item({ owner: 'Bob', due: '2026-05-01' })],
  }),
  model({
    id: '2026-03-04-checkout',
    date: '2026-03-04',
    severity: 'SEV1',
    services: ['checkout-api', 'orders-db'],
    teams: ['Checkout', 'Databases'],
    mitigated_at: '2026-03-04T15:20:00Z',
    impact: { users_affected: 1032, failed_requests: 1247, revenue_loss: { amount: 15000, currency: 'USD' } },
    contributing_factors: ['missing-load-test', 'config-change'],
    items: [
      item({ owner: 'Alice', status: 'done', due: '2026-03-07' }),
      item({ owner: 'Bob', status: 'in-progress', due: '2026-03-14', action: 'Load test' }),
      item({ owner: 'Carol', due: '2026-07-01' }),
    ],
  }),
  model({
    id: '2026-03-20-orders',
    date: '2026-03-20',
    severity: 'SEV1',
    services: ['orders-db'],
    impact: { users_affected: 5 },
    contributing_factors: ['missing-load-test', 'config-change'],
  }),
];

describe('computeBreakdowns', () => {
  const breakdowns = computeBreakdowns(postmortems, asOf, severities);

  it('lists every configured severity, worst first, with zeros for those that do not occur', () => {
    expect(breakdowns.bySeverity.map(({ key, postmortems: count }) => [key, count])).toEqual([['SEV1', 2], ['SEV2', 0], ['SEV3', 1], ['SEV4', 0]]);
    const [sev1, sev2] = breakdowns.bySeverity;
    expect(sev1).toMatchObject({ impact: { usersAffected: 1037, failedRequests: 1247, supportTickets: 0 }, revenueLoss: { USD: 15000 } });
    expect(sev1?.durations.timeToMitigate).toEqual({ count: 1, medianMinutes: 48, p90Minutes: 48 });
    expect(sev2).toMatchObject({ postmortems: 0, revenueLoss: {}, durations: { timeToResolve: { count: 0, medianMinutes: null, p90Minutes: null } } });
  });

  it('adds severities that are not configured after the configured ones', () => {
    const keys = computeBreakdowns([...postmortems, model({ id: 'x', severity: 'SEV0' })], asOf, severities).bySeverity.map(({ key }) => key);
    expect(keys).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV0']);
  });

  it('counts a postmortem once for each of its services and teams, most postmortems first', () => {
    expect(breakdowns.byService.map(({ key, postmortems: count }) => [key, count])).toEqual([['orders-db', 2], ['checkout-api', 1], ['search', 1]]);
    expect(breakdowns.byTeam.map(({ key, postmortems: count }) => [key, count])).toEqual([['Checkout', 1], ['Databases', 1], ['Discovery', 1]]);
  });

  it('lists every quarter from the first to the last, oldest first', () => {
    expect(breakdowns.byQuarter.map(({ key, postmortems: count }) => [key, count])).toEqual([['2025-Q4', 1], ['2026-Q1', 2]]);
    const gap = computeBreakdowns([postmortems[0]!, model({ id: 'late', date: '2026-08-01' })], asOf).byQuarter;
    expect(gap.map(({ key, postmortems: count }) => [key, count])).toEqual([['2025-Q4', 1], ['2026-Q1', 0], ['2026-Q2', 0], ['2026-Q3', 1]]);
    expect(computeBreakdowns([], asOf).byQuarter).toEqual([]);
  });

  it('names the quarter of a day', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-09-30', '2026-12-31'].map(quarterOf)).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });

  it('gives each owner their open and overdue items and the oldest overdue one', () => {
    expect(breakdowns.actionItemsByOwner).toEqual([
      {
        owner: 'Bob',
        total: 2,
        open: 2,
        overdue: 2,
        oldestOverdue: { postmortem: '2026-03-04-checkout', action: 'Load test', owner: 'Bob', due: '2026-03-14', daysOverdue: 79 },
      },
      { owner: 'Carol', total: 1, open: 1, overdue: 0, oldestOverdue: null },
      { owner: 'Alice', total: 1, open: 0, overdue: 0, oldestOverdue: null },
    ]);
  });

  it('lists the contributing factors named by two or more postmortems, with first and last seen', () => {
    expect(breakdowns.recurringFactors).toEqual([
      { factor: 'config-change', incidents: 3, firstSeen: '2025-11-20', lastSeen: '2026-03-20', postmortems: ['2025-11-20-search', '2026-03-04-checkout', '2026-03-20-orders'] },
      { factor: 'missing-load-test', incidents: 2, firstSeen: '2026-03-04', lastSeen: '2026-03-20', postmortems: ['2026-03-04-checkout', '2026-03-20-orders'] },
    ]);
  });

  it('counts each quarter\'s incidents by severity', () => {
    const total = (severity: string) => breakdowns.byQuarter.reduce((sum, group) => sum + (group.bySeverity[severity] ?? 0), 0);
    expect(['SEV1', 'SEV2', 'SEV3', 'SEV4'].map(total)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4'].map((severity) => computeStats(postmortems, asOf).bySeverity[severity] ?? 0));
    expect(breakdowns.byQuarter.every((group) => Object.values(group.bySeverity).reduce((sum, count) => sum + count, 0) === group.postmortems)).toBe(true);
  });

  it('agrees with computeStats for each group', () => {
    for (const group of breakdowns.byService) {
      const members = postmortems.filter((postmortem) => postmortem.frontmatter.services.includes(group.key));
      const { postmortems: count, impact, revenueLoss, durations, bySeverity } = computeStats(members, asOf);
      expect(group).toEqual({ key: group.key, postmortems: count, impact, revenueLoss, durations, bySeverity });
    }
  });
});
