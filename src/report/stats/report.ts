import type { Severity } from '../../config/config.js';
import type { ValidPostmortem } from '../../parse/model.js';
import { durationNames, formatDuration, formatMoney, type Breakdowns, type DurationName, type RevenueByCurrency, type Stats } from '../../rollup/index.js';

/** Everything a stats formatter may show, computed once by the command. */
export interface StatsReport {
  stats: Stats;
  breakdowns: Breakdowns;
  /** The postmortems the numbers come from (the CSV has one row each). */
  postmortems: readonly ValidPostmortem[];
  /** Ids of the postmortems left out for lint errors. */
  skipped: readonly string[];
  /** The configured severities, for their names. */
  severities: readonly Severity[];
}

/** A stats formatter is a pure function of the report. */
export type StatsFormatter = (report: StatsReport) => string;

export const durationLabels: Record<DurationName, string> = {
  timeToDetect: 'Time to detect',
  timeToAcknowledge: 'Time to acknowledge',
  timeToMitigate: 'Time to mitigate',
  timeToResolve: 'Time to resolve',
};

const countFormat = new Intl.NumberFormat('en-US');

/** A count with thousands separators: `1,247`. */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** Each currency's total, by code, never added together: `€2,300.50 · $15,000`; `—` for none. */
export function formatRevenue(revenue: RevenueByCurrency): string {
  const totals = Object.entries(revenue).map(([currency, amount]) => formatMoney(amount, currency));
  return totals.length > 0 ? totals.join(' · ') : '—';
}

/** `SEV1 (Critical)`, or the id alone when the severity has no name in config. */
export function severityLabel(id: string, severities: readonly Severity[]): string {
  const name = severities.find((severity) => severity.id === id)?.name;
  return name ? `${id} (${name})` : id;
}

/** `12 total: 5 open, 6 done, 1 won't do; 2 overdue`. */
export function actionItemsLine({ total, open, done, wontDo, overdue }: Stats['actionItems']): string {
  return `${formatCount(total)} total: ${formatCount(open)} open, ${formatCount(done)} done, ${formatCount(wontDo)} won't do; ${formatCount(overdue)} overdue`;
}

/** A header row and the rows below it; `right` marks the columns of numbers. */
export interface Rows {
  headers: string[];
  right: boolean[];
  rows: string[][];
}

/** One line per severity: how many, who was hit, what it cost, how long it took. */
export function severityRows(breakdowns: Breakdowns, severities: readonly Severity[]): Rows {
  return {
    headers: ['Severity', 'Postmortems', 'Users affected', 'Revenue loss', 'Median to mitigate', 'Median to resolve'],
    right: [false, true, true, true, true, true],
    rows: breakdowns.bySeverity.map((group) => [
      severityLabel(group.key, severities),
      formatCount(group.postmortems),
      formatCount(group.impact.usersAffected),
      formatRevenue(group.revenueLoss),
      formatDuration(group.durations.timeToMitigate.medianMinutes),
      formatDuration(group.durations.timeToResolve.medianMinutes),
    ]),
  };
}

export function durationRows(stats: Stats): Rows {
  return {
    headers: ['Duration', 'Postmortems', 'Median', 'p90'],
    right: [false, true, true, true],
    rows: durationNames.map((name) => {
      const { count, medianMinutes, p90Minutes } = stats.durations[name];
      return [durationLabels[name], formatCount(count), formatDuration(medianMinutes), formatDuration(p90Minutes)];
    }),
  };
}

/** The overdue list in its order (most days overdue first); the action, the longest, comes last. */
export function overdueRows(stats: Stats): Rows {
  return {
    headers: ['Days overdue', 'Due', 'Owner', 'Postmortem', 'Action'],
    right: [true, false, false, false, false],
    rows: stats.overdue.map((item) => [formatCount(item.daysOverdue), item.due, item.owner, item.postmortem, item.action]),
  };
}
