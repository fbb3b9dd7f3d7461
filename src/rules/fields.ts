import { closest, distance } from 'fastest-levenshtein';
import type { Position, Postmortem } from '../parse/model.js';
import { instant, isValidDay } from '../time.js';

/** The place of a frontmatter value by JSON Pointer, falling back to the nearest enclosing node, then line 1. */
export function valuePlace(postmortem: Postmortem, pointer: string): Position {
  return nearestField(postmortem, pointer)?.value ?? fileStart;
}

/** The place of a frontmatter key (its value's place where the key has none, as for list items). */
export function keyPlace(postmortem: Postmortem, pointer: string): Position {
  const field = nearestField(postmortem, pointer);
  return field?.key ?? field?.value ?? fileStart;
}

const fileStart: Position = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

function nearestField(postmortem: Postmortem, pointer: string) {
  for (let current = pointer; ; current = current.slice(0, current.lastIndexOf('/'))) {
    const field = postmortem.fields[current];
    if (field || current === '') return field;
  }
}

/** A frontmatter string, or `undefined` when it is missing or of another type (the schema rule says so). */
export function stringField(postmortem: Postmortem, key: string): string | undefined {
  const value = postmortem.data[key];
  return typeof value === 'string' ? value : undefined;
}

/** The incident's `date` when it names a real day. */
export function incidentDate(postmortem: Postmortem): string | undefined {
  const date = postmortem.data.date;
  return isValidDay(date) ? date : undefined;
}

export const timestampKeys = ['started_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at'] as const;
export type TimestampKey = (typeof timestampKeys)[number];

/** The milestones that are valid date-times, in milliseconds. */
export function timestamps(postmortem: Postmortem): Partial<Record<TimestampKey, number>> {
  const result: Partial<Record<TimestampKey, number>> = {};
  for (const key of timestampKeys) {
    const value = postmortem.data[key];
    const time = typeof value === 'string' && /[Zz]|[+-]\d{2}:\d{2}$/.test(value) ? instant(value) : null;
    if (time !== null) result[key] = time;
  }
  return result;
}

/** A value as a message shows it: in backticks, cut short when long. */
export function quote(value: string): string {
  return `\`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\``;
}

/** `/impact/revenue_loss/currency` reads `impact.revenue_loss.currency`; `/services/1` reads `services[1]`. */
export function fieldName(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((name, segment) => (/^\d+$/.test(segment) ? `${name}[${segment}]` : name ? `${name}.${segment}` : segment), '');
}

/** The candidate a misspelt word most likely meant, when one is close enough to suggest. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const candidate = closest(word, candidates as string[]);
  return distance(word, candidate) <= Math.max(2, Math.floor(word.length / 3)) ? candidate : undefined;
}
