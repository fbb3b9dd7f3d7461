/**
 * Time zones as postmortems write them. An abbreviation that names standard or daylight time
 * (`PDT`, `CET`) is that fixed offset, as written; a name without that distinction (`PT`,
 * `Pacific Time`, `Europe/Berlin`) is an IANA zone, whose offset on the day comes from `Intl`.
 */
export type Zone = { kind: 'offset'; minutes: number; name: string } | { kind: 'iana'; id: string; name: string };

const fixedOffsets: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, UT: 0,
  PST: -8 * 60, PDT: -7 * 60,
  MST: -7 * 60, MDT: -6 * 60,
  CDT: -5 * 60,
  EST: -5 * 60, EDT: -4 * 60,
  AKST: -9 * 60, AKDT: -8 * 60,
  HST: -10 * 60,
  WET: 0, WEST: 60, BST: 60,
  CET: 60, CEST: 2 * 60,
  EET: 2 * 60, EEST: 3 * 60,
  MSK: 3 * 60,
  JST: 9 * 60, KST: 9 * 60,
  AEST: 10 * 60, AEDT: 11 * 60,
  NZST: 12 * 60, NZDT: 13 * 60,
};

/** Names that do not say whether daylight time applies: the zone decides, by the date. */
const zoneNames: Record<string, string> = {
  PT: 'America/Los_Angeles', 'Pacific Time': 'America/Los_Angeles',
  MT: 'America/Denver', 'Mountain Time': 'America/Denver',
  CT: 'America/Chicago', 'Central Time': 'America/Chicago',
  ET: 'America/New_York', 'Eastern Time': 'America/New_York',
  'UK time': 'Europe/London', 'London time': 'Europe/London',
  'Central European Time': 'Europe/Berlin', 'Berlin time': 'Europe/Berlin', 'Paris time': 'Europe/Paris',
};
const namesByLowerCase = new Map(Object.entries(zoneNames).map(([name, id]) => [name.toLowerCase(), id]));

/**
 * A zone pattern for regular expressions: abbreviations, UTC or GMT with an offset, a numeric
 * offset, an IANA name, or a spelled-out name. Ambiguous abbreviations (`CST`, `IST`) are left out.
 */
export const zoneSource = [
  '(?:UTC|GMT)\\s?[+-]\\s?\\d{1,2}(?::?\\d{2})?',
  '[+-]\\d{2}:?\\d{2}',
  '[A-Z][a-z]+(?:_[A-Z][a-z]+)*\\/[A-Z][A-Za-z]+(?:_[A-Z][a-z]+)*(?:\\/[A-Z][a-z]+)?',
  // Spelled-out names in any case of their first letters; two-letter names only in capitals.
  ...Object.keys(zoneNames).sort((a, b) => b.length - a.length).map((name) => name.replace(/\b([a-z])(?=[a-z]{2})/gi, (letter: string) => `[${letter.toUpperCase()}${letter.toLowerCase()}]`).replace(/ /g, '\\s+')),
  ...Object.keys(fixedOffsets).sort((a, b) => b.length - a.length),
].join('|');

/** The zone a piece of text names exactly, or `undefined` when it names none Hindsight knows for sure. */
export function parseZone(raw: string): Zone | undefined {
  const text = raw.trim().replace(/^\(|\)$/g, '').trim();
  const upper = text.toUpperCase();
  const fixed = fixedOffsets[upper];
  if (fixed !== undefined && upper === text) return { kind: 'offset', minutes: fixed, name: text };
  const offset = /^(?:(?:UTC|GMT)\s?)?([+-])\s?(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    if (minutes > 14 * 60) return undefined;
    return { kind: 'offset', minutes: offset[1] === '-' ? -minutes : minutes, name: text };
  }
  const named = namesByLowerCase.get(text.toLowerCase().replace(/\s+/g, ' '));
  if (named) return { kind: 'iana', id: named, name: text };
  if (text.includes('/') && isIanaZone(text)) return { kind: 'iana', id: text, name: text };
  return undefined;
}

function isIanaZone(id: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: id });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC, in minutes, at an instant. */
function offsetAt(zone: string, time: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(time)
    .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

export interface LocalTime {
  /** `YYYY-MM-DD` as written in the zone. */
  day: string;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The UTC instant (`YYYY-MM-DDTHH:MM:SSZ`) of a wall-clock time in a zone, or `null` when the
 * zone's clocks skipped that time or showed it twice (the change to or from daylight time):
 * such a time names no single moment.
 */
export function toUtc(local: LocalTime, zone: Zone): string | null {
  const wall = Date.parse(`${local.day}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}Z`);
  if (Number.isNaN(wall)) return null;
  if (zone.kind === 'offset') return iso(wall - zone.minutes * 60_000);
  // Every offset the zone has within a day of this wall time; each that maps back to it is a reading.
  const candidates = new Set([offsetAt(zone.id, wall - 86_400_000), offsetAt(zone.id, wall), offsetAt(zone.id, wall + 86_400_000)]);
  const readings = [...candidates].map((minutes) => wall - minutes * 60_000).filter((time) => offsetAt(zone.id, time) * 60_000 === wall - time);
  return readings.length === 1 ? iso(readings[0] as number) : null;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function iso(time: number): string {
  return new Date(time).toISOString().replace(/\.000Z$/, 'Z');
}

/** The day (`YYYY-MM-DD`) an instant falls on in a zone. */
export function localDay(utc: string, zone: Zone): string {
  const time = Date.parse(utc);
  if (zone.kind === 'offset') return new Date(time + zone.minutes * 60_000).toISOString().slice(0, 10);
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone.id, year: 'numeric', month: '2-digit', day: '2-digit' }).format(time);
}
