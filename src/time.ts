const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const millisecondsPerDay = 86_400_000;

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30), in the Gregorian calendar. */
export function isValidDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parts = dayPattern.exec(value);
  if (!parts) return false;
  // Counted rather than parsed as a date: the rules ask this of every date in every file.
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [4, 6, 9, 11].includes(month) ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Milliseconds since the epoch of an RFC 3339 date-time, or `null` when it is none. */
export function instant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

/** The UTC day (`YYYY-MM-DD`) of an instant. */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / millisecondsPerDay);
}

/** The day (`YYYY-MM-DD`) some whole days after another (before it when `days` is negative). */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * millisecondsPerDay);
}

/** Today as the UTC day, the default `--as-of`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
