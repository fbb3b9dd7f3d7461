import type { List, ListItem, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { actionItemStatuses, actionItemTypes } from '../parse/model.js';
import { isValidDay } from '../time.js';
import { setOwn } from './fields.js';
import { headingKey } from './sections.js';
import { cellSource } from './metadata.js';
import { daySource, readDay } from './moments.js';
import type { Block } from './structure.js';

/** One action item as imported; `written` keeps a status, type or due date whose text was changed to the contract's. */
interface ImportedItem {
  action: string;
  owner: string;
  due: string;
  status: string;
  type: string;
  ticket: string;
  /** Cells of columns the contract does not know, by header as written. */
  other: Record<string, string>;
  written: Partial<Record<'status' | 'type' | 'due', string>>;
}

type GroupedItem = ImportedItem & { group?: string };
type Column = 'action' | 'owner' | 'due' | 'status' | 'type' | 'ticket';
const columnNames: Record<Column, string> = { action: 'Action', owner: 'Owner', due: 'Due', status: 'Status', type: 'Type', ticket: 'Ticket' };
const columnSynonyms: Array<[Column, string[]]> = [
  ['action', ['action', 'action item', 'action items', 'item', 'task', 'description', 'what', 'title', 'summary', 'remediation', 'follow up', 'corrective action', 'todo', 'to do']],
  ['owner', ['owner', 'owners', 'assignee', 'assigned to', 'who', 'responsible', 'dri', 'point of contact', 'poc', 'owner s']],
  ['due', ['due', 'due date', 'deadline', 'target date', 'target', 'eta', 'by when', 'when', 'date due', 'due by']],
  ['status', ['status', 'state', 'progress']],
  ['type', ['type', 'category', 'kind', 'action type', 'class']],
  ['ticket', ['ticket', 'bug', 'issue', 'jira', 'jira ticket', 'link', 'tracking', 'tracking issue', 'ticket link', 'github issue', 'tracker']],
];
const columnByHeader = new Map(columnSynonyms.flatMap(([column, names]) => names.map((name) => [name, column] as const)));

const statusSynonyms: Record<string, (typeof actionItemStatuses)[number]> = {
  complete: 'done', completed: 'done', closed: 'done', fixed: 'done', resolved: 'done', finished: 'done', shipped: 'done', merged: 'done', '✅': 'done',
  started: 'in-progress', ongoing: 'in-progress', wip: 'in-progress', doing: 'in-progress', 'in-review': 'in-progress', 'under-way': 'in-progress',
  todo: 'open', 'to-do': 'open', 'not-started': 'open', new: 'open', pending: 'open', planned: 'open', backlog: 'open',
  "won't-do": 'wont-do', "won't-fix": 'wont-do', 'wont-fix': 'wont-do', wontfix: 'wont-do', cancelled: 'wont-do', canceled: 'wont-do', dropped: 'wont-do', declined: 'wont-do', rejected: 'wont-do', obsolete: 'wont-do',
};
const typeSynonyms: Record<string, (typeof actionItemTypes)[number]> = {
  prevention: 'prevent', preventive: 'prevent', preventative: 'prevent',
  mitigation: 'mitigate', mitigative: 'mitigate',
  detection: 'detect', monitoring: 'detect', alerting: 'detect',
};

/** The contract's value for a status or type as written (`Completed` is `done`), or the text as written when none fits. */
function contractValue(written: string, known: readonly string[], synonyms: Record<string, string>): string {
  const value = written.trim().toLowerCase().replace(/[\s_]+/g, '-').replace(/’/g, "'");
  if (known.includes(value)) return written.trim();
  return synonyms[value] ?? synonyms[value.replace(/'/g, '')] ?? written.trim();
}

function dueValue(written: string): string {
  const text = written.trim();
  if (text === '' || isValidDay(text)) return text;
  return readDay(text) ?? text;
}

/** Sets a status, type or due date, keeping the text as written when the contract's value differs from it. */
function setValue(item: ImportedItem, column: 'status' | 'type' | 'due', written: string): void {
  const value = column === 'due' ? dueValue(written) : column === 'status' ? contractValue(written, actionItemStatuses, statusSynonyms) : contractValue(written, actionItemTypes, typeSynonyms);
  item[column] = value;
  if (value.toLowerCase() !== written.trim().toLowerCase().replace(/\s+/g, '-') && value !== written.trim()) item.written[column] = written.trim();
}

function emptyItem(action: string): ImportedItem {
  return { action, owner: '', due: '', status: '', type: '', ticket: '', other: {}, written: {} };
}

/** `owner: Alice`, `Due 2026-04-01`, `status: done`, `ticket: INC-12`, in a bullet's text. */
const labelled: Array<[Column, RegExp]> = [
  ['owner', /\b(?:owner|owners|assignee|assigned to|dri)\s*[:=]\s*([^,;)\]]+?)\s*(?=[,;)\]]|$)/i],
  ['due', new RegExp(`\\b(?:due(?: date)?|deadline|eta|target|by)\\s*[:=]?\\s*(${daySource})`, 'i')],
  ['status', /\bstatus\s*[:=]\s*([^,;)\]]+?)\s*(?=[,;)\]]|$)/i],
  ['type', /\btype\s*[:=]\s*([A-Za-z-]+)/i],
  ['ticket', /\b(?:ticket|bug|issue|jira)\s*[:=]\s*(\S+?)\s*(?=[,;)\]]|$)/i],
];

const maxBulletLength = 2000;

/** A bullet's action, with the owner, due date, status and ticket it names taken out into their columns. */
function bulletItem(item: ListItem, source: string): ImportedItem {
  const text = source.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?/, '').replace(/\s*\n\s*/g, ' ').trim();
  const imported = emptyItem('');
  let action = text;
  // An owner or due date is read from a bullet of ordinary length; a longer one is kept whole as the action.
  for (const [column, pattern] of text.length <= maxBulletLength ? labelled : []) {
    const match = pattern.exec(action);
    if (!match?.[1]) continue;
    if (column === 'due' || column === 'status' || column === 'type') setValue(imported, column, match[1]);
    else imported[column] = match[1].trim();
    action = action.slice(0, match.index) + action.slice(match.index + match[0].length);
  }
  const mention = /(?:^|\s|\()(@[\w.-]*\w)/.exec(action);
  if (!imported.owner && mention?.[1]) {
    imported.owner = mention[1];
    action = action.replace(mention[1], '');
  }
  // `Roll out in stages — Bruno`: a name after a long dash at the end.
  const signed = action.length > maxBulletLength ? null : /\s+[—–]\s+(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})\s*[,;]?\s*$/u.exec(action);
  if (!imported.owner && signed?.[1]) {
    imported.owner = signed[1];
    action = action.slice(0, signed.index);
  }
  if (!imported.status && item.checked !== null && item.checked !== undefined) imported.status = item.checked ? 'done' : 'open';
  imported.action = action
    .replace(/\(\s*[,;]?\s*\)|\[\s*\]/g, '')
    .replace(/\s*[,;]\s*(?=[,;)]|$)/g, '')
    .replace(/\s+[-–—:]\s*$/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return imported;
}

function listItems(list: List, source: string, group: string | undefined): GroupedItem[] {
  const base = list.position?.start.offset ?? 0;
  return list.children.flatMap((item) => {
    const [first, ...rest] = item.children;
    const own = first ? [{ ...bulletItem(item, source.slice((item.position?.start.offset ?? 0) - base, (first.position?.end.offset ?? 0) - base)), ...(group ? { group } : {}) }] : [];
    const nested = rest.flatMap((child) => (child.type === 'list' ? listItems(child, source.slice((child.position?.start.offset ?? 0) - base), group) : []));
    const kept = rest.filter((child) => child.type !== 'list').map((child) => source.slice((child.position?.start.offset ?? 0) - base, (child.position?.end.offset ?? 0) - base).replace(/\s*\n\s*/g, ' '));
    for (const ownItem of own) if (kept.length > 0) ownItem.action = [ownItem.action, ...kept].join(' ');
    return [...own, ...nested];
  });
}

function tableItems(table: Table, source: string, group: string | undefined): { items: GroupedItem[]; renamed: string[] } {
  const [header, ...rows] = table.children;
  const headers = (header?.children ?? []).map((cell) => toString(cell).trim());
  const taken = new Set<Column>();
  const columns = headers.map((text) => {
    const column = columnByHeader.get(headingKey(text));
    if (!column || taken.has(column)) return undefined;
    taken.add(column);
    return column;
  });
  // A table with no action column is someone's table of other things; its first column is the action.
  if (!taken.has('action') && columns[0] === undefined) columns[0] = 'action';
  const renamed = headers.filter((text, index) => columns[index] !== undefined && text !== columnNames[columns[index] as Column]);
  const items = rows.map((row) => {
    const item = emptyItem('');
    headers.forEach((text, index) => {
      const cell = row.children[index];
      const value = cell ? cellSource(cell, table, source) : '';
      const column = columns[index];
      if (column === 'status' || column === 'type' || column === 'due') setValue(item, column, value);
      else if (column) item[column] = value;
      else setOwn(item.other, text, value);
    });
    return { ...item, ...(group ? { group } : {}) };
  });
  return { items, renamed: renamed.length > 0 ? headers : [] };
}

/**
 * The Action Items section's bullets and tables, as one table of the contract's columns in the
 * place of the first (sub-headings read as each item's group); other columns are kept, and so is text as written that was changed (`Completed`
 * under `Status as written`). Prose and headings stay where they stood.
 */
export function importActionItems(blocks: readonly Block[]): string[] {
  const items: GroupedItem[] = [];
  const renamed: string[][] = [];
  const markdown: string[] = [];
  let tableAt: number | undefined;
  // Items under a heading of their own (`### Prevent`) say so in a Group column.
  let group: string | undefined;
  for (const block of blocks) {
    if (block.node.type === 'heading') group = toString(block.node).trim();
    if (block.node.type === 'list') items.push(...listItems(block.node, block.source, group));
    else if (block.node.type === 'table') {
      const table = tableItems(block.node, block.source, group);
      items.push(...table.items);
      if (table.renamed.length > 0) renamed.push(table.renamed);
    } else {
      markdown.push(block.source);
      continue;
    }
    tableAt ??= markdown.length;
  }
  if (tableAt !== undefined) {
    const note = renamed.map((headers) => `<!-- Columns as written: ${headers.join(' | ').replace(/--/g, '- -')} -->`);
    markdown.splice(tableAt, 0, [...note, itemsTable(items)].join('\n'));
  }
  return markdown;
}

function itemsTable(items: readonly GroupedItem[]): string {
  const has = (read: (item: GroupedItem) => string | undefined): boolean => items.some((item) => Boolean(read(item)));
  const optional = (header: string, read: (item: GroupedItem) => string): Array<[string, (item: GroupedItem) => string]> => (has(read) ? [[header, read]] : []);
  const columns: Array<[string, (item: GroupedItem) => string]> = [
    ['Action', (item) => item.action],
    ['Owner', (item) => item.owner],
    ['Due', (item) => item.due],
    ...optional('Status', (item) => item.status),
    ...optional('Type', (item) => item.type),
    ...optional('Ticket', (item) => item.ticket),
    ...[...new Set(items.flatMap((item) => Object.keys(item.other)))].map((header): [string, (item: GroupedItem) => string] => [header, (item) => item.other[header] ?? '']),
    ...(['status', 'type', 'due'] as const).flatMap((key) => optional(`${columnNames[key]} as written`, (item) => item.written[key] ?? '')),
    ...optional('Group', (item) => item.group ?? ''),
  ];
  const cell = (text: string): string => text.replace(/\s*\n\s*/g, ' ').replace(/(?<!\\)\|/g, '\\|');
  return [
    `| ${columns.map(([header]) => cell(header)).join(' | ')} |`,
    `|${' --- |'.repeat(columns.length)}`,
    ...items.map((item) => `| ${columns.map(([, read]) => cell(read(item))).join(' | ')} |`),
  ].join('\n');
}
