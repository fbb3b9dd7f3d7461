import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isFieldKey } from './fields.js';
import { isSectionKey } from './sections.js';
import { sourceOf, type Block } from './structure.js';

/** One `key: value` a document states, the value as written (Markdown included). */
export interface Pair {
  key: string;
  value: string;
}

/** `Date: 2026-03-04`, `**Date:** 2026-03-04`, `**Date**: 2026-03-04`, `- Date: 2026-03-04`. */
const keyValueLine = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?<key>\p{L}[\p{L}\p{N} ()'’/&.#-]{0,50}?)\s*(?:(?:\*\*|__)\s*:|:\s*(?:\*\*|__)?)(?<value>.*)$/u;
/** Confluence's page header: `Created by Alice Smith, last modified by Bob Jones on Mar 06, 2026`. */
const pageHeader = /^\s*created by\s+(?<author>.+?)(?:\s+on\s+(?<created>[^,]+?))?(?:,\s*last (?:modified|updated)(?:\s+by\s+(?<editor>.+?))?(?:\s+on\s+(?<modified>.+?))?)?\s*$/i;

/**
 * The pairs of a block of metadata: a paragraph of `Key: value` lines, a list of them (bold keys
 * or not), a two-column table of keys and values (its header row may be empty or a pair itself),
 * or a page header. `undefined` when the block is anything else: prose stays prose, so at least
 * one key must be one Hindsight reads or a section's name.
 */
export function metadataPairs(block: Block, sections: readonly string[]): Pair[] | undefined {
  const pairs = candidatePairs(block);
  if (!pairs || pairs.length === 0) return undefined;
  return pairs.some(({ key }) => isFieldKey(key) || isSectionKey(key, sections)) ? pairs : undefined;
}

function candidatePairs({ node, source }: Block): Pair[] | undefined {
  if (node.type === 'paragraph') return linePairs(source.split('\n'));
  if (node.type === 'list') {
    const items = node.children.map((item) => sourceOf(source, shift(item, node)).replace(/^\s*(?:[-*+]|\d+[.)])\s+/, ''));
    return items.some((item) => item.includes('\n')) ? undefined : linePairs(items);
  }
  if (node.type === 'table') return tablePairs(node, source);
  return undefined;
}

/** Positions of a child measured from its parent's start, for slicing the parent's source. */
function shift<Node extends { position?: { start: { offset?: number }; end: { offset?: number } } }>(child: Node, parent: { position?: { start: { offset?: number } } }): Node {
  const base = parent.position?.start.offset ?? 0;
  return {
    ...child,
    position: { start: { offset: (child.position?.start.offset ?? 0) - base }, end: { offset: (child.position?.end.offset ?? 0) - base } },
  };
}

function linePairs(lines: readonly string[]): Pair[] | undefined {
  const pairs: Pair[] = [];
  for (const raw of lines) {
    const line = raw.replace(/(?:\\| {2,})$/, '');
    if (line.trim() === '') continue;
    // A page header is one short line; a long one is prose, and not worth the pattern's backtracking.
    const header = line.length <= 300 ? pageHeader.exec(line)?.groups : undefined;
    if (header) {
      pairs.push({ key: 'Created by', value: header.author ?? '' });
      if (header.created) pairs.push({ key: 'Created on', value: header.created });
      if (header.editor) pairs.push({ key: 'Last modified by', value: header.editor });
      if (header.modified) pairs.push({ key: 'Last modified on', value: header.modified });
      continue;
    }
    const match = keyValueLine.exec(line)?.groups;
    if (!match || /^https?$/i.test(match.key ?? '')) return undefined;
    pairs.push({ key: (match.key ?? '').trim(), value: (match.value ?? '').replace(/^(?:\*\*|__)\s*/, '').trim() });
  }
  return pairs;
}

/** A table cell's Markdown as written, without the pipes and padding around it. */
export function cellSource(cell: Table['children'][number]['children'][number], table: Table, source: string): string {
  const first = cell.children[0];
  const last = cell.children.at(-1);
  if (!first || !last) return '';
  const base = table.position?.start.offset ?? 0;
  return source.slice((first.position?.start.offset ?? 0) - base, (last.position?.end.offset ?? 0) - base).trim();
}

function tablePairs(table: Table, source: string): Pair[] | undefined {
  if (table.children.some((row) => row.children.length !== 2)) return undefined;
  const rows = table.children.map(({ children: [key, value] }) => [key ? toString(key).trim() : '', value ? cellSource(value, table, source) : ''] as const);
  const [header, ...body] = rows;
  const keyed = header?.every((cell) => cell === '') ? body : rows;
  const pairs = keyed.map(([key, value]) => ({ key: key.replace(/:$/, '').trim(), value }));
  return pairs.every(({ key }) => /^\p{L}[\p{L}\p{N} ()'’/&.#-]{0,50}$/u.test(key)) ? pairs : undefined;
}
