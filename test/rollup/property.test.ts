import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionItemStatus } from '../../src/parse/model.js';
import { computeBreakdowns, computeStats, type Stats } from '../../src/rollup/index.js';
import { item, model } from './model.js';

/**
 * Random postmortems whose true instants are known: each timestamp is written with a random offset
 * (and `t`/space, `z`, fractional seconds), and the reference reads the instants, not the text.
 */
interface Truth {
  id: string;
  severity: string;
  /** Milliseconds since the epoch; `undefined` when the field is left out. */
  started: number;
  detected: number | undefined;
  acknowledged: number | undefined;
  mitigated: number | undefined;
  resolved: number;
  usersAffected: number | undefined;
  failedRequests: number | undefined;
  supportTickets: number | undefined;
  revenueCents: { cents: number; currency: string } | undefined;
  items: Array<{ owner: string; due: string; status: ActionItemStatus }>;
}

const minute = 60_000;
const day = 86_400_000;
const firstInstant = Date.parse('2024-01-01T00:00:00Z');

const severity = fc.constantFrom('SEV1', 'SEV2', 'SEV3', 'SEV4');
const status = fc.constantFrom<ActionItemStatus>('open', 'in-progress', 'done', 'wont-do');
const dueDay = fc.integer({ min: 0, max: 1000 }).map((days) => new Date(firstInstant + days * day).toISOString().slice(0, 10));
/** Steps between milestones: whole minutes mostly, with odd seconds and milliseconds now and then. */
const step = fc.oneof(fc.integer({ min: 0, max: 600 }).map((minutes) => minutes * minute), fc.integer({ min: 0, max: 3 * day }));
const optionalCount = fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined });

const truth = fc
  .record({
    severity,
    started: fc.integer({ min: firstInstant, max: firstInstant + 900 * day }),
    steps: fc.tuple(step, step, step, step),
    present: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
    usersAffected: optionalCount,
    failedRequests: optionalCount,
    supportTickets: optionalCount,
    revenueCents: fc.option(fc.record({ cents: fc.integer({ min: 0, max: 100_000_000 }), currency: fc.constantFrom('USD', 'EUR', 'GBP', 'JPY') }), { nil: undefined }),
    items: fc.array(fc.record({ owner: fc.constantFrom('Alice', 'Bob', 'Carol'), due: dueDay, status }), { maxLength: 5 }),
  })
  .map(({ started, steps: [a, b, c, d], present: [hasDetected, hasAcknowledged, hasMitigated], ...rest }) => {
    const detected = started + a;
    const acknowledged = detected + b;
    const mitigated = acknowledged + c;
    return {
      ...rest,
      started,
      detected: hasDetected ? detected : undefined,
      acknowledged: hasAcknowledged ? acknowledged : undefined,
      mitigated: hasMitigated ? mitigated : undefined,
      resolved: mitigated + d,
    };
  });

const corpus = fc
  .array(truth, { maxLength: 25 })
  .map((truths): Truth[] => truths.map((each, index) => ({ ...each, id: `incident-${String(index).padStart(2, '0')}` })));

/** An RFC 3339 text for an instant, in the zone `offsetMinutes` east of UTC. */
const writeInstant = fc
  .record({
    offsetMinutes: fc.integer({ min: -12 * 4, max: 14 * 4 }).map((quarters) => quarters * 15),
    separator: fc.constantFrom('T', 't', ' '),
    utcMark: fc.constantFrom('Z', 'z'),
  })
  .map(({ offsetMinutes, separator, utcMark }) => (time: number) => {
    const local = new Date(time + offsetMinutes * minute).toISOString();
    const fraction = time % 1000 === 0 ? '' : local.slice(19, 23);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
    const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
    const zone = offsetMinutes === 0 ? utcMark : `${sign}${hours}:${minutes}`;
    return `${local.slice(0, 10)}${separator}${local.slice(11, 19)}${fraction}${zone}`;
  });

function toModel(postmortem: Truth, write: (time: number) => string) {
  const optional = (key: string, time: number | undefined) => (time === undefined ? {} : { [key]: write(time) });
  const impact = {
    ...(postmortem.usersAffected === undefined ? {} : { users_affected: postmortem.usersAffected }),
    ...(postmortem.failedRequests === undefined ? {} : { failed_requests: postmortem.failedRequests }),
    ...(postmortem.supportTickets === undefined ? {} : { support_tickets: postmortem.supportTickets }),
    ...(postmortem.revenueCents === undefined ? {} : { revenue_loss: { amount: postmortem.revenueCents.cents / 100, currency: postmortem.revenueCents.currency } }),
  };
  return model({
    id: postmortem.id,
    date: new Date(postmortem.started).toISOString().slice(0, 10),
    severity: postmortem.severity,
    started_at: write(postmortem.started),
    resolved_at: write(postmortem.resolved),
    ...optional('detected_at', postmortem.detected),
    ...optional('acknowledged_at', postmortem.acknowledged),
    ...optional('mitigated_at', postmortem.mitigated),
    impact,
    items: postmortem.items.map((row, index) => item({ ...row, action: `${postmortem.id} item ${index}` })),
  });
}

/** The contract's definitions, written out plainly. */
function reference(postmortems: readonly Truth[], asOf: string): Stats {
  const bySeverity: Record<string, number> = {};
  for (const { severity: level } of postmortems) bySeverity[level] = (bySeverity[level] ?? 0) + 1;
  const total = (pick: (postmortem: Truth) => number | undefined) => postmortems.reduce((sum, postmortem) => sum + (pick(postmortem) ?? 0), 0);
  const cents: Record<string, number> = {};
  for (const { revenueCents } of postmortems) if (revenueCents) cents[revenueCents.currency] = (cents[revenueCents.currency] ?? 0) + revenueCents.cents;
  const durationStats = (from: (postmortem: Truth) => number | undefined, to: (postmortem: Truth) => number | undefined) => {
    const values: number[] = [];
    for (const postmortem of postmortems) {
      const start = from(postmortem);
      const end = to(postmortem);
      if (start !== undefined && end !== undefined) values.push(end - start);
    }
    values.sort((a, b) => a - b);
    const n = values.length;
    if (n === 0) return { count: 0, medianMinutes: null, p90Minutes: null };
    const median = n % 2 === 1 ? values[(n - 1) / 2]! : (values[n / 2 - 1]! + values[n / 2]!) / 2;
    return { count: n, medianMinutes: median / minute, p90Minutes: values[Math.ceil(0.9 * n) - 1]! / minute };
  };
  const items = postmortems.flatMap((postmortem) => postmortem.items.map((row, index) => ({ ...row, postmortem: postmortem.id, action: `${postmortem.id} item ${index}` })));
  const isOpen = (row: { status: ActionItemStatus }) => row.status === 'open' || row.status === 'in-progress';
  const overdue = items
    .filter((row) => isOpen(row) && row.due < asOf)
    .map(({ postmortem, action, owner, due }) => ({ postmortem, action, owner, due, daysOverdue: (Date.parse(asOf) - Date.parse(due)) / day }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || (a.postmortem < b.postmortem ? -1 : a.postmortem > b.postmortem ? 1 : 0));
  return {
    asOf,
    postmortems: postmortems.length,
    bySeverity,
    impact: { usersAffected: total((p) => p.usersAffected), failedRequests: total((p) => p.failedRequests), supportTickets: total((p) => p.supportTickets) },
    revenueLoss: Object.fromEntries(Object.entries(cents).map(([currency, sum]) => [currency, sum / 100])),
    durations: {
      timeToDetect: durationStats((p) => p.started, (p) => p.detected),
      timeToAcknowledge: durationStats((p) => p.detected, (p) => p.acknowledged),
      timeToMitigate: durationStats((p) => p.started, (p) => p.mitigated),
      timeToResolve: durationStats((p) => p.started, (p) => p.resolved),
    },
    actionItems: {
      total: items.length,
      open: items.filter(isOpen).length,
      done: items.filter((row) => row.status === 'done').length,
      wontDo: items.filter((row) => row.status === 'wont-do').length,
      overdue: overdue.length,
    },
    overdue,
  };
}

describe('computeStats against a plain reference', () => {
  it('agrees field for field on random corpora', () => {
    fc.assert(
      fc.property(corpus, writeInstant, dueDay, (truths, write, asOf) => {
        expect(computeStats(truths.map((each) => toModel(each, write)), asOf)).toEqual(reference(truths, asOf));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the postmortems', () => {
    fc.assert(
      fc.property(corpus.chain((truths) => fc.tuple(fc.constant(truths), fc.shuffledSubarray(truths, { minLength: truths.length }))), writeInstant, dueDay, ([truths, shuffled], write, asOf) => {
        const stats = computeStats(truths.map((each) => toModel(each, write)), asOf);
        expect(computeStats(shuffled.map((each) => toModel(each, write)), asOf)).toStrictEqual(stats);
      }),
      { numRuns: 100 },
    );
  });

  it('has breakdowns that add up to the totals', () => {
    fc.assert(
      fc.property(corpus, dueDay, (truths, asOf) => {
        const models = truths.map((each) => toModel(each, (time) => new Date(time).toISOString()));
        const stats = computeStats(models, asOf);
        const breakdowns = computeBreakdowns(models, asOf, ['SEV1', 'SEV2', 'SEV3', 'SEV4']);
        const sum = (groups: Array<{ postmortems: number }>) => groups.reduce((total, group) => total + group.postmortems, 0);
        expect(sum(breakdowns.bySeverity)).toBe(stats.postmortems);
        expect(sum(breakdowns.byQuarter)).toBe(stats.postmortems);
        expect(breakdowns.actionItemsByOwner.reduce((total, owner) => total + owner.overdue, 0)).toBe(stats.actionItems.overdue);
        for (const group of breakdowns.bySeverity) expect(group.postmortems).toBe(stats.bySeverity[group.key] ?? 0);
      }),
      { numRuns: 100 },
    );
  });
});
