import type { ValidPostmortem } from '../parse/model.js';
import { actionItemsOf, actionItemState, assertAsOf, overdueItems, type OverdueItem } from './action-items.js';
import { compareText } from './order.js';
import { countBySeverity, severityOrder, summarize, type Summary } from './stats.js';

/** One bar of a chart: a severity, service, team or quarter, and what its postmortems add up to. */
export interface GroupStats extends Summary {
  key: string;
  /** Its postmortems per severity id, only those that occur. */
  bySeverity: Record<string, number>;
}

export interface OwnerActionItems {
  owner: string;
  total: number;
  /** `open` and `in-progress`. */
  open: number;
  overdue: number;
  /** The owner's first entry in the overdue list (most days overdue), or `null`. */
  oldestOverdue: OverdueItem | null;
}

/** A contributing factor named by two or more postmortems. */
export interface RecurringFactor {
  factor: string;
  incidents: number;
  /** The earliest and latest `date` among them. */
  firstSeen: string;
  lastSeen: string;
  /** Their ids, oldest first. */
  postmortems: string[];
}

export interface Breakdowns {
  /** Every configured severity (worst first, zeros included), then any other that occurs. */
  bySeverity: GroupStats[];
  /** A postmortem counts once for each of its services; most postmortems first, then by name. */
  byService: GroupStats[];
  /** A postmortem counts once for each of its teams (none without `teams`); most postmortems first, then by name. */
  byTeam: GroupStats[];
  /** `2026-Q1`, by `date`, oldest first, every quarter from the first to the last (empty ones with zeros). */
  byQuarter: GroupStats[];
  /** Most overdue first, then most open, then by name. */
  actionItemsByOwner: OwnerActionItems[];
  /** Most incidents first, then most recently seen, then by name. */
  recurringFactors: RecurringFactor[];
}

/** The groupings the site charts, from the same postmortems and day as `computeStats`. */
export function computeBreakdowns(postmortems: readonly ValidPostmortem[], asOf: string, severities: readonly string[] = []): Breakdowns {
  assertAsOf(asOf);
  const bySeverity = groupBy(postmortems, (postmortem) => [postmortem.frontmatter.severity]);
  return {
    bySeverity: severityOrder(postmortems, severities).map((severity) => groupStats(severity, bySeverity.get(severity) ?? [])),
    byService: largestFirst(groupBy(postmortems, (postmortem) => postmortem.frontmatter.services)),
    byTeam: largestFirst(groupBy(postmortems, (postmortem) => postmortem.frontmatter.teams ?? [])),
    byQuarter: quarters(postmortems),
    actionItemsByOwner: actionItemsByOwner(postmortems, asOf),
    recurringFactors: recurringFactors(postmortems),
  };
}

/** `2026-Q1` for a `YYYY-MM-DD` day. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
}

function groupStats(key: string, postmortems: readonly ValidPostmortem[]): GroupStats {
  return { key, ...summarize(postmortems), bySeverity: countBySeverity(postmortems) };
}

/** Postmortems by each key they name (a key named twice by one postmortem counts it once). */
function groupBy(postmortems: readonly ValidPostmortem[], keys: (postmortem: ValidPostmortem) => readonly string[]): Map<string, ValidPostmortem[]> {
  const groups = new Map<string, ValidPostmortem[]>();
  for (const postmortem of postmortems) {
    for (const key of new Set(keys(postmortem))) {
      const group = groups.get(key);
      if (group) group.push(postmortem);
      else groups.set(key, [postmortem]);
    }
  }
  return groups;
}

function largestFirst(groups: Map<string, ValidPostmortem[]>): GroupStats[] {
  return [...groups]
    .map(([key, members]) => groupStats(key, members))
    .sort((a, b) => b.postmortems - a.postmortems || compareText(a.key, b.key));
}

function quarters(postmortems: readonly ValidPostmortem[]): GroupStats[] {
  const groups = groupBy(postmortems, (postmortem) => [quarterOf(postmortem.frontmatter.date)]);
  const present = [...groups.keys()].sort(compareText);
  const first = present[0];
  const last = present.at(-1);
  if (first === undefined || last === undefined) return [];
  const result: GroupStats[] = [];
  for (let quarter = first; compareText(quarter, last) <= 0; quarter = nextQuarter(quarter)) {
    result.push(groupStats(quarter, groups.get(quarter) ?? []));
  }
  return result;
}

function nextQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const number = Number(quarter.slice(6));
  return number === 4 ? `${String(year + 1).padStart(4, '0')}-Q1` : `${quarter.slice(0, 4)}-Q${number + 1}`;
}

function actionItemsByOwner(postmortems: readonly ValidPostmortem[], asOf: string): OwnerActionItems[] {
  const owners = new Map<string, OwnerActionItems>();
  const ownerOf = (owner: string): OwnerActionItems => {
    let entry = owners.get(owner);
    if (!entry) owners.set(owner, (entry = { owner, total: 0, open: 0, overdue: 0, oldestOverdue: null }));
    return entry;
  };
  for (const postmortem of postmortems) {
    for (const item of actionItemsOf(postmortem)) {
      const entry = ownerOf(item.owner);
      const state = actionItemState(item, asOf);
      entry.total += 1;
      if (state.open) entry.open += 1;
      if (state.overdue) entry.overdue += 1;
    }
  }
  for (const item of overdueItems(postmortems, asOf)) ownerOf(item.owner).oldestOverdue ??= item;
  return [...owners.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || compareText(a.owner, b.owner));
}

function recurringFactors(postmortems: readonly ValidPostmortem[]): RecurringFactor[] {
  const byFactor = groupBy(postmortems, (postmortem) => postmortem.frontmatter.contributing_factors ?? []);
  const recurring: RecurringFactor[] = [];
  for (const [factor, members] of byFactor) {
    if (members.length < 2) continue;
    const ordered = [...members].sort((a, b) => compareText(a.frontmatter.date, b.frontmatter.date) || compareText(a.id, b.id));
    recurring.push({
      factor,
      incidents: ordered.length,
      firstSeen: ordered[0]!.frontmatter.date,
      lastSeen: ordered.at(-1)!.frontmatter.date,
      postmortems: ordered.map((postmortem) => postmortem.id),
    });
  }
  return recurring.sort((a, b) => b.incidents - a.incidents || compareText(b.lastSeen, a.lastSeen) || compareText(a.factor, b.factor));
}
