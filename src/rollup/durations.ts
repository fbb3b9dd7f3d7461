import type { ValidPostmortem } from '../parse/model.js';
import type { TimestampKey } from '../rules/fields.js';
import { instant } from '../time.js';

export const durationNames = ['timeToDetect', 'timeToAcknowledge', 'timeToMitigate', 'timeToResolve'] as const;
export type DurationName = (typeof durationNames)[number];

/** Each duration in minutes, `null` when either end is missing. */
export type Durations = Record<DurationName, number | null>;

export interface DurationStats {
  /** How many postmortems have both ends. */
  count: number;
  /** `null` when `count` is 0. */
  medianMinutes: number | null;
  /** Nearest rank: the ceil(0.9 n)-th smallest; `null` when `count` is 0. */
  p90Minutes: number | null;
}

/** The two frontmatter timestamps each duration runs between. */
const durationEnds: Record<DurationName, readonly [from: TimestampKey, to: TimestampKey]> = {
  timeToDetect: ['started_at', 'detected_at'],
  timeToAcknowledge: ['detected_at', 'acknowledged_at'],
  timeToMitigate: ['started_at', 'mitigated_at'],
  timeToResolve: ['started_at', 'resolved_at'],
};

const millisecondsPerMinute = 60_000;

/** Each duration in whole milliseconds (exact, so medians stay exact), `null` when either end is missing. */
export function durationMilliseconds(postmortem: ValidPostmortem): Record<DurationName, number | null> {
  const result = {} as Record<DurationName, number | null>;
  for (const name of durationNames) {
    const [from, to] = durationEnds[name];
    const start = instant(postmortem.frontmatter[from]);
    const end = instant(postmortem.frontmatter[to]);
    result[name] = start === null || end === null ? null : end - start;
  }
  return result;
}

/** Time to detect, acknowledge, mitigate and resolve, in (possibly fractional) minutes. */
export function postmortemDurations(postmortem: ValidPostmortem): Durations {
  const milliseconds = durationMilliseconds(postmortem);
  const result = {} as Durations;
  for (const name of durationNames) result[name] = toMinutes(milliseconds[name]);
  return result;
}

/**
 * Count, median and p90 of durations given in milliseconds. Working on whole milliseconds keeps the
 * mean of two middle values exact; the result is converted to minutes once, at the end.
 */
export function durationStats(milliseconds: readonly number[]): DurationStats {
  const sorted = [...milliseconds].sort((a, b) => a - b);
  const count = sorted.length;
  if (count === 0) return { count, medianMinutes: null, p90Minutes: null };
  const middle = Math.floor(count / 2);
  const median = count % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  // 9n/10 in integers: 0.9 * n can land a hair above a whole number and move the rank.
  const p90 = sorted[Math.ceil((9 * count) / 10) - 1]!;
  return { count, medianMinutes: toMinutes(median), p90Minutes: toMinutes(p90) };
}

/** Each duration's stats over the postmortems that have both of its ends. */
export function durationStatsOf(postmortems: readonly ValidPostmortem[]): Record<DurationName, DurationStats> {
  const samples = Object.fromEntries(durationNames.map((name) => [name, [] as number[]])) as Record<DurationName, number[]>;
  for (const postmortem of postmortems) {
    const milliseconds = durationMilliseconds(postmortem);
    for (const name of durationNames) {
      const value = milliseconds[name];
      if (value !== null) samples[name].push(value);
    }
  }
  const result = {} as Record<DurationName, DurationStats>;
  for (const name of durationNames) result[name] = durationStats(samples[name]);
  return result;
}

function toMinutes(milliseconds: number): number;
function toMinutes(milliseconds: number | null): number | null;
function toMinutes(milliseconds: number | null): number | null {
  return milliseconds === null ? null : milliseconds / millisecondsPerMinute;
}
