import type { Severity } from '../config/config.js';
import { titleSlug } from '../scaffold.js';
import { headingKey } from './sections.js';
import { findMoment, findZone, readDay, type WrittenMoment } from './moments.js';
import type { Zone } from './zones.js';

export const momentFields = ['started_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at'] as const;
export type MomentField = (typeof momentFields)[number];
type ListField = 'authors' | 'services' | 'teams' | 'reviewers' | 'tags';
type LinkField = 'incident' | 'ticket' | 'dashboard' | 'runbook' | 'chat';
type FieldName = 'title' | 'date' | 'severity' | MomentField | ListField | `links.${LinkField}`;

const keys: Array<[FieldName, string[]]> = [
  ['title', ['title', 'incident title', 'postmortem title']],
  ['date', ['date', 'incident date', 'date of incident', 'day', 'incident day', 'date of the incident']],
  ['started_at', ['start', 'start time', 'started', 'started at', 'incident start', 'incident start time', 'incident started', 'impact start', 'impact start time', 'impact started', 'began', 'incident began', 'time started', 'start of impact', 'first impact', 'start date']],
  ['detected_at', ['detected', 'detected at', 'detection time', 'time detected', 'time of detection', 'alerted', 'alerted at', 'first alert', 'alert time', 'reported at', 'detected on']],
  ['acknowledged_at', ['acknowledged', 'acknowledged at', 'acked', 'acked at', 'time acknowledged', 'response started']],
  ['mitigated_at', ['mitigated', 'mitigated at', 'mitigation time', 'time mitigated', 'impact end', 'impact ended', 'impact end time', 'end of impact', 'impact stopped']],
  ['resolved_at', ['resolved', 'resolved at', 'resolution time', 'time resolved', 'end', 'end time', 'ended', 'incident end', 'incident end time', 'incident ended', 'closed', 'closed at', 'recovered', 'recovered at', 'end date']],
  ['authors', ['author', 'authors', 'written by', 'prepared by', 'postmortem owner', 'postmortem author', 'postmortem authors', 'document owner', 'owner', 'created by', 'report author', 'report owner']],
  ['severity', ['severity', 'sev', 'incident severity', 'severity level', 'priority', 'incident priority', 'impact level', 'level']],
  ['services', ['service', 'services', 'affected service', 'affected services', 'services affected', 'systems affected', 'affected systems', 'system', 'systems', 'components', 'affected components', 'component', 'components affected']],
  ['teams', ['team', 'teams', 'owning team', 'owning teams', 'teams involved', 'responding team', 'responding teams']],
  ['reviewers', ['reviewer', 'reviewers', 'reviewed by', 'approver', 'approvers', 'approved by']],
  ['tags', ['tag', 'tags', 'label', 'labels', 'keywords']],
  ['links.incident', ['incident', 'incident link', 'incident url', 'incident record']],
  ['links.ticket', ['ticket', 'jira', 'jira ticket', 'jira issue', 'tracking ticket', 'ticket link', 'issue']],
  ['links.dashboard', ['dashboard', 'dashboards', 'grafana']],
  ['links.runbook', ['runbook', 'playbook']],
  ['links.chat', ['slack', 'slack channel', 'channel', 'chat', 'incident channel', 'chat channel']],
];
const fieldByKey = new Map(keys.flatMap(([field, names]) => names.map((name) => [name, field] as const)));

/** What a document states, gathered from frontmatter, metadata and prose before it is written. */
export class Facts {
  title: string | undefined;
  /** The day the incident happened, as written (a local day). */
  incidentDay: string | undefined;
  /** The day the page was published, which is not the incident's day when the text tells them apart. */
  publishedDay: string | undefined;
  readonly moments: Partial<Record<MomentField, WrittenMoment>> = {};
  readonly lists: Partial<Record<ListField, string[]>> = {};
  severity: string | undefined;
  readonly links: Partial<Record<LinkField, string>> = {};
  /** The source's own keys and values, as written, under `x-imported`. */
  readonly imported: Record<string, unknown> = {};
  /** What was read from where it is not stated as a field: prose, headings, the file name. */
  readonly inferred = new Set<string>();
  /** The zone the document states once for its bare times ("All times in PDT"). */
  documentZone: Zone | undefined;

  constructor(private readonly severities: readonly Severity[]) {}

  /** Keeps a source key and value as written; a key seen before gets ` (2)`, ` (3)`… */
  keep(key: string, value: unknown): void {
    let name = key;
    for (let count = 2; Object.hasOwn(this.imported, name); count++) name = `${key} (${count})`;
    setOwn(this.imported, name, value);
  }

  /**
   * Reads one `key: value` the document states, into the field the key names. Returns whether the
   * value was taken as-is (so a caller need not keep it twice); a value of a field it cannot read stays only in `x-imported`.
   */
  take(key: string, value: unknown): boolean {
    const field = fieldByKey.get(headingKey(key.replace(/\([^)]*\)/g, ' ')));
    if (!field) return false;
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
    if (field === 'title') {
      if (text === undefined || text === '' || this.title !== undefined) return false;
      this.title = text;
      return true;
    }
    if (field === 'date') {
      const day = text === undefined ? undefined : readDay(text) ?? findMoment(text)?.day;
      if (day && !this.incidentDay) this.incidentDay = day;
      return day === text;
    }
    if (field === 'severity') {
      const level = text === undefined ? undefined : severityFor(text, this.severities);
      if (level && !this.severity) this.severity = level;
      return level === text;
    }
    if (field.startsWith('links.')) {
      const url = text === undefined ? undefined : field === 'links.chat' ? text : /https?:\/\/[^\s)>\]]+/.exec(text)?.[0];
      const link = field.slice('links.'.length) as LinkField;
      if (url && !this.links[link]) this.links[link] = url;
      return url === text;
    }
    if ((momentFields as readonly string[]).includes(field)) {
      const moment = text === undefined ? undefined : findMoment(text);
      if (!moment?.time) return false;
      const zone = moment.zone ?? findZone(key);
      this.moments[field as MomentField] ??= { ...moment, ...(zone ? { zone } : {}), written: text ?? moment.written };
      return false;
    }
    const items = listItems(value);
    const list = field === 'services' || field === 'tags' ? items.filter((item) => /[\p{L}\p{N}]/u.test(item)).map(titleSlug) : items;
    if (list.length === 0) return false;
    this.lists[field as ListField] = [...new Set([...(this.lists[field as ListField] ?? []), ...list])];
    return Array.isArray(value) && list.every((item, index) => item === value[index]);
  }
}

/** Sets a key a document chose, `__proto__` included, as an ordinary own property. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Whether `Key:` names a field Hindsight reads. */
export function isFieldKey(key: string): boolean {
  return fieldByKey.has(headingKey(key.replace(/\([^)]*\)/g, ' ')));
}

/** A list as written in frontmatter or prose: `a, b and c`, `[a, b]`, `{ name: a }` entries. */
function listItems(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .flatMap((item): string[] => {
      if (typeof item === 'string') return item.split(/\s*(?:[,;]|\band\b|&)\s*/);
      if (item !== null && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') return [(item as { name: string }).name];
      return typeof item === 'number' ? [String(item)] : [];
    })
    .map((item) => item.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/^[*_`\s]+|[*_`\s.]+$/g, '').trim())
    .filter((item) => item !== '');
}

/**
 * The configured level a written severity names: its id in any case, with or without `-` or a
 * space (`sev-1`, `Sev 1`), its name (`Critical`), or its number (`S1`, `Severity 1` for `SEV1`).
 */
export function severityFor(written: string, severities: readonly Severity[]): string | undefined {
  const compact = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const text = compact(written.replace(/\([^)]*\)/g, ''));
  const byId = severities.find((level) => compact(level.id) === text);
  if (byId) return byId.id;
  const byName = severities.find((level) => compact(level.name) === text || compact(`${level.id}${level.name}`) === text);
  if (byName) return byName.id;
  const number = /^(?:sev|severity|s|level)?(\d+)$/.exec(text)?.[1];
  if (number === undefined) return undefined;
  const matches = severities.filter((level) => new RegExp(`^(?:sev|severity|s)${number}$`).test(compact(level.id)));
  return matches.length === 1 ? matches[0]?.id : undefined;
}

