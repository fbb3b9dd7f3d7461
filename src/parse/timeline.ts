import { instant, isValidDay } from '../time.js';

/** `HH:MM`, `HH:MM UTC`, `YYYY-MM-DD HH:MM` or an RFC 3339 date-time, then `-`, `–`, `—` or `:`, then text. */
const entryPattern =
  /^(?<time>(?:(?<day>\d{4}-\d{2}-\d{2})[T ])?(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.\d+)?)?(?<zone>Z|[+-]\d{2}:\d{2})?(?:[ \t]*UTC)?)[ \t]*[-–—:][ \t]*(?<text>\S.*)$/is;

export interface TimelineLine {
  time: string;
  /** ISO 8601 in UTC, or `null` when the time names no real moment (`25:61`, `2026-02-30`). */
  at: string | null;
  text: string;
}

/**
 * Reads one timeline entry. A bare `HH:MM` is on `date`, the incident's UTC day.
 * Returns `null` when the line does not start with a time.
 */
export function parseTimelineLine(line: string, date: string | undefined): TimelineLine | null {
  const match = entryPattern.exec(line.trim());
  if (!match?.groups) return null;
  const { time = '', day, hour = '', minute = '', second, zone, text = '' } = match.groups;
  return { time: time.trim(), at: toInstant(day ?? date, hour, minute, second, zone), text: text.trim() };
}

function toInstant(day: string | undefined, hour: string, minute: string, second = '00', zone = 'Z'): string | null {
  if (!isValidDay(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const time = instant(`${day}T${hour.padStart(2, '0')}:${minute}:${second}${zone.toUpperCase()}`);
  return time === null ? null : new Date(time).toISOString();
}
