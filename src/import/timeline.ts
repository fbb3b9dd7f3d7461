import type { List, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseTimelineLine } from '../parse/timeline.js';
import { addDays } from '../time.js';
import { cellSource } from './metadata.js';
import { daySource, findDay, findMoment, findZone, momentToUtc, timelineTime, timeSource, zoneAfterSource, zoneStatement } from './moments.js';
import type { Block } from './structure.js';
import { localDay, toUtc, type LocalTime, type Zone } from './zones.js';

/** One timeline entry as imported: the time as written, its UTC reading (`null` when unknown) and the event. */
export interface ImportedEntry {
  written: string;
  at: string | null;
  text: string;
  /** Whether the time was read in a zone other than UTC, so the UTC time differs from the one written. */
  converted: boolean;
}

/** A line that starts with a time (after a day, perhaps bold), then a dash, colon, bar or just a space, then the event. */
const entryPattern = new RegExp(
  `^(?:\\*\\*|__|\`)?(?<moment>(?:${daySource}(?:T|,?\\s+(?:at\\s+)?|\\s*[-–—]\\s*))?${timeSource}(?:${zoneAfterSource})?)(?:\\*\\*|__|\`)?(?<zone>${zoneAfterSource})?(?:\\s*[-–—:|]+\\s*|\\s+)(?=\\S|$)`,
);
/**
 * How much of a line may hold its time: a day, a time, a zone and a separator fit with room to
 * spare. Matching only this much keeps a line of thousands of spaces from costing minutes.
 */
const timePrefixLength = 120;
/** A line that only names a day, such as `**2015-10-21** (all times UTC)` or `March 4, 2026:`. */
const dayLinePattern = new RegExp(`^[\\W_]{0,20}${daySource}[\\W_]{0,20}(?:\\([^)]{0,80}\\))?[\\W_]{0,20}$`);
const listMarker = /^(\s*)([-*+]|\d{1,9}[.)])(\s+)(\[[ xX]\]\s+)?/;
/** Written after a time that could not be read as UTC (no zone, no day, or a time the clock change skipped or repeated), so that the linter asks for it. */
const zoneUnknown = '(not converted to UTC)';

interface Clock {
  /**
   * The day of the bare times: named by a line or heading of its own (`2015-10-21 (all times UTC)`),
   * else the day that puts the first bare time nearest the incident's start.
   */
  day: string | undefined;
  /** The incident's start, whose day in each entry's zone is the day of a bare time before any such line. */
  start: string | undefined;
  /** The incident's day as written, when its start is unknown. */
  incidentDay: string | undefined;
  zone: Zone | undefined;
  /** Days added to bare times since the last named day, as they passed midnight. */
  rollover: number;
  /** Minutes past midnight of the last bare time, to notice midnight passing. */
  lastMinutes: number | undefined;
}

/**
 * Rewrites a Timeline section's blocks so that each entry starts with its UTC time
 * (`2026-03-04 21:32 UTC - (14:32 PDT) Deploy starts`), keeping the time as written beside it.
 * Lines of prose that are no entries (a stated zone, a day) become a quoted note, where they stood.
 */
export function importTimeline(blocks: readonly Block[], incident: { start: string | undefined; day: string | undefined; zone: Zone | undefined }): { markdown: string[]; entries: ImportedEntry[] } {
  const clock: Clock = { day: undefined, start: incident.start, incidentDay: incident.day, zone: incident.zone, rollover: 0, lastMinutes: undefined };
  const entries: ImportedEntry[] = [];
  const markdown: string[] = [];
  for (const { node, source } of blocks) {
    const statement = zoneStatement(toString(node));
    if (statement) clock.zone = statement;
    if (node.type === 'heading') noteDay(toString(node), clock);
    if (node.type === 'paragraph') markdown.push(...paragraphEntries(source, clock, entries));
    else if (node.type === 'list') markdown.push(listEntries(node, source, clock, entries));
    else if (node.type === 'table') markdown.push(tableEntries(node, source, clock, entries));
    else markdown.push(source);
  }
  return { markdown, entries };
}

/** Reads one line as an entry, or `undefined` when it does not start with a time. */
function readEntry(line: string, clock: Clock, tableZone?: Zone): ImportedEntry | undefined {
  const trimmed = line.trim();
  const found = entryPattern.exec(trimmed.slice(0, timePrefixLength));
  const match = found?.groups;
  const text = found ? trimmed.slice(found[0].length).trim() : '';
  if (!found || !match || text === '') return undefined;
  const written = `${match.moment ?? ''}${match.zone ?? ''}`.trim();
  const moment = findMoment(written);
  if (!moment?.time) return undefined;
  const zone = moment.zone ?? tableZone ?? clock.zone;
  // An entry's own day is its alone (a lead-up event days before); a bare time is on the day last
  // named, else on the incident's day in its zone, moved on as the times pass midnight.
  let day = moment.day;
  if (!day) {
    const minutes = moment.time.hour * 60 + moment.time.minute;
    if (clock.lastMinutes !== undefined && clock.lastMinutes >= 20 * 60 && minutes < 4 * 60) clock.rollover++;
    clock.lastMinutes = minutes;
    clock.day ??= clock.start && zone ? dayNearest(clock.start, moment.time, zone) : clock.incidentDay;
    day = clock.day === undefined ? undefined : addDays(clock.day, clock.rollover);
  }
  const at = momentToUtc(moment, day, zone);
  return { written, at, text, converted: !(zone?.kind === 'offset' && zone.minutes === 0) };
}

/** The day, in the zone, on which a time of day falls nearest an instant: a timeline's first bare time is near the incident's start. */
function dayNearest(start: string, time: Omit<LocalTime, 'day'>, zone: Zone): string {
  const around = localDay(start, zone);
  const candidates = [-1, 0, 1].map((offset) => addDays(around, offset));
  const distance = (day: string): number => {
    const utc = toUtc({ day, ...time }, zone);
    return utc === null ? Number.POSITIVE_INFINITY : Math.abs(Date.parse(utc) - Date.parse(start));
  };
  return candidates.reduce((best, day) => (distance(day) < distance(best) ? day : best), around);
}

/** An entry for the linter: its UTC time, then the time as written when that differs, then the event. */
function entryLine(entry: ImportedEntry): string {
  if (entry.at === null) return `${entry.written} ${zoneUnknown} - ${entry.text}`;
  return entry.converted ? `${timelineTime(entry.at)} - (${entry.written}) ${entry.text}` : `${utcTime(entry.written, entry.at)} - ${entry.text}`;
}

/** A UTC time as written when the linter reads it as this moment (an RFC 3339 time); else the full `YYYY-MM-DD HH:MM UTC`. */
function utcTime(written: string, at: string): string {
  const read = parseTimelineLine(`${written} - event`, undefined)?.at;
  return read && Date.parse(read) === Date.parse(at) ? written : timelineTime(at);
}

function noteDay(line: string, clock: Clock): boolean {
  if (!dayLinePattern.test(line.trim())) return false;
  const day = findDay(line)?.day;
  if (!day) return false;
  clock.day = day;
  clock.rollover = 0;
  clock.lastMinutes = undefined;
  return true;
}

/** A paragraph's lines: entries become list items, a line after an entry continues it, other lines become a note. */
function paragraphEntries(source: string, clock: Clock, entries: ImportedEntry[]): string[] {
  const out: string[] = [];
  let items: string[] = [];
  let notes: string[] = [];
  const flush = (): void => {
    if (notes.length > 0) out.push(notes.map((note) => `> ${note}`).join('\n'));
    if (items.length > 0) out.push(items.join('\n'));
    notes = [];
    items = [];
  };
  for (const raw of source.split('\n')) {
    const line = raw.replace(/(?:\\| {2,})$/, '').trim();
    if (noteDay(line, clock)) {
      if (items.length > 0) flush();
      notes.push(line);
      continue;
    }
    const entry = readEntry(line, clock);
    if (entry) {
      if (notes.length > 0) flush();
      entries.push(entry);
      items.push(`- ${entryLine(entry)}`);
    } else if (items.length > 0) {
      items[items.length - 1] += ` ${line}`;
    } else {
      notes.push(line);
    }
  }
  flush();
  return out;
}

/** A list's items: an item that starts with a time gets its UTC time; its other lines stay as written. */
function listEntries(list: List, source: string, clock: Clock, entries: ImportedEntry[]): string {
  const base = list.position?.start.offset ?? 0;
  return list.children
    .map((item) => {
      const text = source.slice((item.position?.start.offset ?? 0) - base, (item.position?.end.offset ?? 0) - base);
      const [first = '', ...rest] = text.split('\n');
      const marker = listMarker.exec(first);
      const content = marker ? first.slice(marker[0].length) : first;
      const entry = readEntry(content, clock);
      if (!entry) return text;
      entries.push(entry);
      return [`${marker?.[1] ?? ''}${marker?.[2] ?? '-'} ${entryLine(entry)}`, ...rest].join('\n');
    })
    .join('\n');
}

/**
 * A timeline table: a first column with each row's UTC time is added before the columns as written.
 * The zone may stand in the time column's header (`Time (PDT)`); a separate date column gives the day.
 */
function tableEntries(table: Table, source: string, clock: Clock, entries: ImportedEntry[]): string {
  const [header, ...rows] = table.children;
  const headers = (header?.children ?? []).map((cell) => toString(cell).trim());
  const timeColumn = Math.max(0, headers.findIndex((text) => /\b(?:time|when|timestamp)\b/i.test(text)));
  const dayColumn = headers.findIndex((text, index) => index !== timeColumn && /^(?:date|day)\b/i.test(text));
  const headerZone = findZone(headers[timeColumn] ?? '');
  const cells = (row: NonNullable<typeof header>): string[] => headers.map((_, index) => {
    const cell = row.children[index];
    return cell ? cellSource(cell, table, source) : '';
  });
  const lines = [`| Time (UTC) | ${(header ? cells(header) : []).join(' | ')} |`, `|${' --- |'.repeat(headers.length + 1)}`];
  for (const row of rows) {
    const written = cells(row);
    const day = dayColumn === -1 ? '' : `${toString(row.children[dayColumn] ?? { type: 'text', value: '' })} `;
    const entry = readEntry(`${day}${toString(row.children[timeColumn] ?? { type: 'text', value: '' })} - ${written.filter((_, index) => index !== timeColumn && index !== dayColumn).join(' ')}`, clock, headerZone);
    if (entry) entries.push(entry);
    const time = entry ? (entry.at === null ? `${entry.written} ${zoneUnknown}` : entry.converted ? timelineTime(entry.at) : utcTime(entry.written, entry.at)) : '';
    lines.push(`| ${time} | ${written.join(' | ')} |`);
  }
  return lines.join('\n');
}
