import { basename } from 'node:path';
import type { Position } from 'unist';
import type { RenderedBody } from '../render/body.js';
import type { PostmortemFrontmatter } from '../schema/postmortem.generated.js';

export type { Position };

/** The frontmatter once the schema has accepted it; severity ids come from config, so any string. */
export type Frontmatter = Omit<PostmortemFrontmatter, 'severity'> & { severity: string };

/** Where a frontmatter key and its value stand, by JSON Pointer (`/impact/revenue_loss/amount`). */
export interface FieldPlace {
  key?: Position;
  value: Position;
}

/** A problem that kept part of the file from being read at all (not YAML, no closing fence, not text). */
export interface SyntaxProblem {
  message: string;
  place: Position;
}

export interface Section {
  /** The heading's plain text, as written. */
  title: string;
  depth: number;
  /** The heading line. */
  position: Position;
  /** From the heading to the line before the next heading of the same or a higher level. */
  range: Position;
}

export interface TimelineEntry {
  /** The time as written (`14:32`, `14:32 UTC`, `2026-03-04 14:32`, an RFC 3339 date-time). */
  time: string;
  /** The moment as an ISO 8601 UTC string, or `null` when `time` names no real moment. */
  at: string | null;
  text: string;
  /** The whole entry. */
  position: Position;
}

/** A timeline line that does not start with a time. */
export interface TimelineStray {
  text: string;
  position: Position;
}

export interface TableCell {
  text: string;
  position: Position;
}

export interface TableColumn {
  /** The header as written. */
  header: string;
  /** The contract's name for a known column (`action`, `owner`, `due`, `status`, `type`, `ticket`); `null` for others. */
  key: ActionItemColumn | null;
  position: Position;
}

export const actionItemColumns = ['action', 'owner', 'due', 'status', 'type', 'ticket'] as const;
export type ActionItemColumn = (typeof actionItemColumns)[number];

export const actionItemStatuses = ['open', 'in-progress', 'done', 'wont-do'] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];

export const actionItemTypes = ['prevent', 'mitigate', 'detect', 'process', 'other'] as const;
export type ActionItemType = (typeof actionItemTypes)[number];

export interface ActionItem {
  action: string;
  owner: string;
  /** As written; a valid item has `YYYY-MM-DD`. */
  due: string;
  /** The normalised status; `null` when the cell says something unknown (see `cells.status`). Empty means `open`. */
  status: ActionItemStatus | null;
  /** The normalised type; `undefined` without a Type column or with an empty cell, `null` when unknown. */
  type: ActionItemType | null | undefined;
  ticket: string | undefined;
  /** Every cell by its header as written, including columns Hindsight does not know. */
  cells: Record<string, TableCell>;
  /** The table row. */
  position: Position;
}

export interface ActionItemsTable {
  columns: TableColumn[];
  items: ActionItem[];
  position: Position;
}

/** A run of prose lines (paragraph, list, table, heading) exactly as written, markup included, outside code and HTML comments: for rules that look for words. */
export interface ProseSpan {
  text: string;
  /** Where `text` begins; with the text this gives the exact place of any match. */
  start: { line: number; column: number };
}

/** One postmortem file, parsed once; rules, rollups and the site all read this. */
export interface Postmortem {
  /** The file name without `.md`. */
  id: string;
  /** The path as it is shown in findings (relative to the working directory when it lies below it). */
  file: string;
  /** The raw frontmatter data: whatever the YAML said, before the schema judged it. */
  data: Record<string, unknown>;
  /** Places of frontmatter keys and values by JSON Pointer; `''` is the whole block. */
  fields: Record<string, FieldPlace>;
  /** Problems that kept the file from being read (the `syntax` rule reports them). */
  syntax: SyntaxProblem[];
  /** Level-2 sections and deeper headings, in document order. */
  sections: Section[];
  timeline: TimelineEntry[];
  timelineStrays: TimelineStray[];
  /** `null` when the Action Items section holds no table. */
  actionItems: ActionItemsTable | null;
  prose: ProseSpan[];
  /** The number of lines in the file. */
  lines: number;
  /** The body as sanitized HTML, made only when asked for (the site shows it). */
  body?: RenderedBody;
}

/** A postmortem whose frontmatter the schema accepted. */
export interface ValidPostmortem extends Postmortem {
  frontmatter: Frontmatter;
}

/** The postmortem id: the file name without `.md`. */
export function postmortemId(file: string): string {
  return basename(file).replace(/\.md$/i, '');
}

/** What only the rules read of a model: the places of keys, the sections, stray timeline lines and the prose. */
export type RuleParts = Pick<Postmortem, 'fields' | 'sections' | 'timelineStrays' | 'prose'>;

/** The model without its rule parts, for readers that hold many at once (the site) and read none of them. */
export function withoutRuleParts(postmortem: Postmortem): Postmortem {
  return { ...postmortem, fields: {}, sections: [], timelineStrays: [], prose: [] };
}
