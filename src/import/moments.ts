import { isValidDay } from '../time.js';
import { parseZone, toUtc, zoneSource, type LocalTime, type Zone } from './zones.js';

/** Days, times and zones as people write them in postmortems, and their UTC reading. */

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Month and weekday names with a capital or not; written out so that the zones beside them stay case-sensitive. */
const monthSource = '(?:[Jj]an|[Ff]eb|[Mm]ar|[Aa]pr|[Mm]ay|[Jj]un|[Jj]ul|[Aa]ug|[Ss]ep|[Oo]ct|[Nn]ov|[Dd]ec)[a-z]*\\.?';
const weekdaySource = '(?:(?:[Mm]on|[Tt]ue|[Ww]ed|[Tt]hu|[Ff]ri|[Ss]at|[Ss]un)[a-z]*,?\\s+)?';

/** `2026-03-04`, `2026/03/04`, `March 4, 2026`, `Wed, Mar 4 2026`, `4 March 2026`. */
export const daySource = `(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|${weekdaySource}(?:${monthSource}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${monthSource},?\\s+\\d{4}))`;
/** `14:32`, `14:32:05`, `2:32 PM`, `2:32pm`. */
export const timeSource = '\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?(?:\\s*[AaPp]\\.?[Mm]\\.?(?![A-Za-z]))?';
/** A zone after a time: `PDT`, `(UTC)`, `-07:00`, `Z`. */
export const zoneAfterSource = `\\s*\\(?(?:${zoneSource})\\)?(?![A-Za-z])`;

const dayPattern = new RegExp(`(?<![\\w/.-])${daySource}(?![\\d/])(?!-\\d)`);
const timePattern = new RegExp(`(?<![\\d:])${timeSource}(?![\\d:])`);
const zoneAfterPattern = new RegExp(`^${zoneAfterSource}`);
const zonePattern = new RegExp(`(?<![\\w/])\\(?(?:${zoneSource})\\)?(?![A-Za-z/])`);

/** A day as written, read as `YYYY-MM-DD`; `undefined` when it is not a real day. */
export function readDay(text: string): string | undefined {
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const words = text.toLowerCase().replace(/(?:st|nd|rd|th)\b/g, '').replace(/[,.]/g, ' ').split(/\s+/).filter(Boolean);
  const monthIndex = words.findIndex((word) => months.includes(word.slice(0, 3)) && !/^\d/.test(word));
  const numbers = words.filter((word) => /^\d+$/.test(word)).map(Number);
  const year = numbers.find((value) => value > 999);
  const day = numbers.find((value) => value <= 31);
  if (monthIndex === -1 || year === undefined || day === undefined) return undefined;
  return validDay(year, months.indexOf((words[monthIndex] ?? '').slice(0, 3)) + 1, day);
}

function validDay(year: number, month: number, day: number): string | undefined {
  const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isValidDay(text) ? text : undefined;
}

/** The first day written in the text. */
export function findDay(text: string): { day: string; written: string } | undefined {
  const match = dayPattern.exec(text);
  const day = match ? readDay(match[0]) : undefined;
  return match && day ? { day, written: match[0] } : undefined;
}

/** A time as written, on the 24-hour clock; `undefined` when it is no time of day. */
export function readTime(text: string): Omit<LocalTime, 'day'> | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(?:([AaPp])\.?[Mm]\.?)?$/.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3] ?? 0);
  const half = match[4]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  }
  return hour <= 23 && minute <= 59 && second <= 59 ? { hour, minute, second } : undefined;
}

/** A moment written in some text: its day, time and zone where each is given. */
export interface WrittenMoment {
  day?: string;
  time?: Omit<LocalTime, 'day'>;
  zone?: Zone;
  /** The time and its zone as written (`14:32 PDT`). */
  written: string;
}

/** The first time in the text with the day and zone written around it; `undefined` without a time. */
export function findMoment(text: string): WrittenMoment | undefined {
  const match = timePattern.exec(text);
  if (!match) {
    const day = findDay(text);
    return day ? { day: day.day, written: day.written } : undefined;
  }
  const time = readTime(match[0]);
  if (!time) return undefined;
  const after = text.slice(match.index + match[0].length);
  const zoneMatch = zoneAfterPattern.exec(after);
  const zone = zoneMatch ? parseZone(zoneMatch[0]) : undefined;
  const day = findDay(text)?.day;
  const end = match.index + match[0].length + (zone && zoneMatch ? zoneMatch[0].length : 0);
  return { ...(day ? { day } : {}), time, ...(zone ? { zone } : {}), written: text.slice(match.index, end).trim() };
}

/** The zone a text names anywhere (`Start (PDT)`, `all times UTC`). */
export function findZone(text: string): Zone | undefined {
  const match = zonePattern.exec(text);
  return match ? parseZone(match[0]) : undefined;
}

const statementPattern = new RegExp(`\\b(?:[Aa]ll\\s+)?[Tt]imes\\s+(?:(?:are|shown|given|listed|below|here|quoted|reported|written)\\s+)*(?:in\\s+)?\\(?(${zoneSource})\\)?(?![A-Za-z])`);

/** The zone a sentence such as "All times in PDT" or "(all times UTC)" states for the times around it. */
export function zoneStatement(text: string): Zone | undefined {
  const match = statementPattern.exec(text);
  return match?.[1] ? parseZone(match[1]) : undefined;
}

/** The UTC instant of a moment, given the day and zone that apply where none is written; `null` when one is unknown. */
export function momentToUtc(moment: WrittenMoment, day: string | undefined, zone: Zone | undefined): string | null {
  const onDay = moment.day ?? day;
  const inZone = moment.zone ?? zone;
  if (!moment.time || !onDay || !inZone) return null;
  return toUtc({ day: onDay, ...moment.time }, inZone);
}

/** `2026-03-04 21:32 UTC` for an instant, as timeline entries write it. */
export function timelineTime(utc: string): string {
  const [day, clock = ''] = utc.replace(/Z$/, '').split('T');
  return `${day} ${clock.endsWith(':00') ? clock.slice(0, 5) : clock} UTC`;
}
