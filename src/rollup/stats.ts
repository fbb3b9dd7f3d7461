import type { ValidPostmortem } from '../parse/model.js';
import { actionItemTotals, assertAsOf, overdueItems, type ActionItemTotals, type OverdueItem } from './action-items.js';
import { durationStatsOf, type DurationName, type DurationStats } from './durations.js';
import { sumByCurrency, type RevenueByCurrency } from './money.js';
import { compareText } from './order.js';

export interface ImpactTotals {
  usersAffected: number;
  failedRequests: number;
  supportTickets: number;
}

/** What a set of postmortems cost and how long it took, the same for the whole corpus and for each group. */
export interface Summary {
  postmortems: number;
  impact: ImpactTotals;
  revenueLoss: RevenueByCurrency;
  durations: Record<DurationName, DurationStats>;
}

/** `hindsight stats --format json` and the site's `/api/stats.json` (CONTRACT.md §2). */
export interface Stats extends Summary {
  asOf: string;
  /** Postmortems per severity id; only severities that occur. */
  bySeverity: Record<string, number>;
  actionItems: ActionItemTotals;
  overdue: OverdueItem[];
}

/**
 * The contract's rollup over every postmortem given, whatever its status, on the day `asOf`.
 * `severities` (the configured ids, worst first) only orders `bySeverity`; severities that do not
 * occur are left out, as in the contract, and `computeBreakdowns` lists them with zeros.
 */
export function computeStats(postmortems: readonly ValidPostmortem[], asOf: string, severities: readonly string[] = []): Stats {
  assertAsOf(asOf);
  const { postmortems: count, impact, revenueLoss, durations } = summarize(postmortems);
  return {
    asOf,
    postmortems: count,
    bySeverity: countBySeverity(postmortems, severities),
    impact,
    revenueLoss,
    durations,
    actionItems: actionItemTotals(postmortems, asOf),
    overdue: overdueItems(postmortems, asOf),
  };
}

export function summarize(postmortems: readonly ValidPostmortem[]): Summary {
  const impact: ImpactTotals = { usersAffected: 0, failedRequests: 0, supportTickets: 0 };
  for (const { frontmatter } of postmortems) {
    impact.usersAffected += frontmatter.impact.users_affected ?? 0;
    impact.failedRequests += frontmatter.impact.failed_requests ?? 0;
    impact.supportTickets += frontmatter.impact.support_tickets ?? 0;
  }
  return {
    postmortems: postmortems.length,
    impact,
    revenueLoss: sumByCurrency(postmortems.flatMap(({ frontmatter }) => frontmatter.impact.revenue_loss ?? [])),
    durations: durationStatsOf(postmortems),
  };
}

/** Postmortems per severity id, only those that occur, in `severityOrder`. */
export function countBySeverity(postmortems: readonly ValidPostmortem[], severities: readonly string[] = []): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const severity of severityOrder(postmortems, severities)) {
    const occurrences = postmortems.filter((postmortem) => postmortem.frontmatter.severity === severity).length;
    if (occurrences > 0) counts[severity] = occurrences;
  }
  return counts;
}

/** The configured severities in their order, then any others that occur, by id. */
export function severityOrder(postmortems: readonly ValidPostmortem[], severities: readonly string[]): string[] {
  const configured = new Set(severities);
  const others = new Set(postmortems.map((postmortem) => postmortem.frontmatter.severity).filter((severity) => !configured.has(severity)));
  return [...configured, ...[...others].sort(compareText)];
}
