import { CompletionItemKind, MarkupKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver';
import type { ResolvedConfig } from '../config/config.js';
import { actionItemStatuses, actionItemTypes } from '../parse/model.js';
import { schemaKeys, type KeyInfo } from './schema-keys.js';
import type { Vocabulary } from './workspace.js';

/** Where the cursor stands, read from the lines around it: the model lags while a line is half typed. */
type Place =
  | { kind: 'key'; parent: string[]; present: Set<string>; word: string }
  | { kind: 'value'; key: string; word: string }
  | { kind: 'cell'; column: string; word: string };

const fence = /^---[ \t]*\r?$/;
const listKeys: Record<string, keyof Vocabulary> = { services: 'services', teams: 'teams', authors: 'people', reviewers: 'people' };

export interface CompletionSources {
  config: ResolvedConfig;
  vocabulary: () => Promise<Vocabulary>;
}

/** Completion in the frontmatter (keys, values) and in the Action Items table (status, type, owner). */
export async function complete(lines: readonly string[], position: Position, sources: CompletionSources): Promise<CompletionItem[]> {
  const place = placeAt(lines, position);
  if (!place) return [];
  const range: Range = { start: { line: position.line, character: position.character - place.word.length }, end: position };
  const item = (label: string, kind: CompletionItemKind, detail?: string, documentation?: string, insert = label): CompletionItem => ({
    label,
    kind,
    ...(detail ? { detail } : {}),
    ...(documentation ? { documentation: { kind: MarkupKind.Markdown, value: documentation } } : {}),
    textEdit: { range, newText: insert },
  });
  if (place.kind === 'key') {
    const keys = place.parent.reduce<Record<string, KeyInfo>>((known, parent) => known[parent]?.children ?? {}, schemaKeys());
    return Object.entries(keys)
      .filter(([key]) => !place.present.has(key))
      .map(([key, info]) => item(key, CompletionItemKind.Property, undefined, info.description, `${key}: `));
  }
  if (place.kind === 'value') {
    if (place.key === 'severity') {
      return sources.config.severities.map((severity) => item(severity.id, CompletionItemKind.EnumMember, severity.name, severity.definition));
    }
    const listed = listKeys[place.key];
    if (listed) return (await sources.vocabulary())[listed].map((value) => item(value, CompletionItemKind.Value));
    return (schemaKeys()[place.key]?.values ?? []).map((value) => item(value, CompletionItemKind.EnumMember));
  }
  if (place.column === 'status') return actionItemStatuses.map((value) => item(value, CompletionItemKind.EnumMember, value === 'open' ? 'also an empty cell' : undefined));
  if (place.column === 'type') return actionItemTypes.map((value) => item(value, CompletionItemKind.EnumMember));
  if (place.column === 'owner') return (await sources.vocabulary()).people.map((value) => item(value, CompletionItemKind.Value));
  return [];
}

function placeAt(lines: readonly string[], position: Position): Place | undefined {
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const closing = fence.test(lines[0] ?? '') ? lines.findIndex((text, index) => index > 0 && fence.test(text)) : 0;
  if (position.line > 0 && (closing === -1 || position.line < closing)) return frontmatterPlace(lines.slice(1, closing === -1 ? lines.length : closing), position.line - 1, before);
  return cellPlace(lines, position.line, before);
}

function frontmatterPlace(yaml: readonly string[], index: number, before: string): Place | undefined {
  const keyLine = /^(?<indent>[ ]*)(?<word>[A-Za-z_][\w-]*)?$/.exec(before);
  if (keyLine?.groups) {
    const indent = keyLine.groups.indent?.length ?? 0;
    const parent = parentsOf(yaml, index, indent);
    if (!parent) return undefined;
    const present = new Set(siblingKeys(yaml, index, indent));
    return { kind: 'key', parent, present, word: keyLine.groups.word ?? '' };
  }
  const value = /^(?<key>[A-Za-z_][\w-]*):[ \t]*(?:\[(?:[^\]]*,)?[ \t]*)?(?<word>[^\s,[\]]*)$/.exec(before);
  if (value?.groups) return { kind: 'value', key: value.groups.key ?? '', word: value.groups.word ?? '' };
  const listItem = /^[ ]+-[ \t]+(?<word>\S*)$/.exec(before);
  if (listItem?.groups) {
    const owner = yaml.slice(0, index).findLast((text) => /^[A-Za-z_][\w-]*:/.test(text));
    const key = /^([A-Za-z_][\w-]*):[ \t]*$/.exec(owner ?? '')?.[1];
    if (key) return { kind: 'value', key, word: listItem.groups.word ?? '' };
  }
  return undefined;
}

/** The keys enclosing a line at this indentation (`['impact']`), or `undefined` inside a list or value. */
function parentsOf(yaml: readonly string[], index: number, indent: number): string[] | undefined {
  const parents: string[] = [];
  let limit = indent;
  for (let line = index - 1; line >= 0 && limit > 0; line--) {
    const match = /^(?<indent>[ ]*)(?<key>[A-Za-z_][\w-]*):[ \t]*$/.exec(yaml[line] ?? '');
    const own = /^[ ]*/.exec(yaml[line] ?? '')?.[0].length ?? 0;
    if ((yaml[line] ?? '').trim() === '' || own >= limit) continue;
    if (!match?.groups) return undefined;
    parents.unshift(match.groups.key ?? '');
    limit = own;
  }
  return parents;
}

/** The keys already written at this level, so completion offers only the others. */
function siblingKeys(yaml: readonly string[], index: number, indent: number): string[] {
  const keys: string[] = [];
  const pattern = new RegExp(`^ {${indent}}([A-Za-z_][\\w-]*):`);
  for (const direction of [-1, 1]) {
    for (let line = index + direction; line >= 0 && line < yaml.length; line += direction) {
      const text = yaml[line] ?? '';
      const own = /^[ ]*/.exec(text)?.[0].length ?? 0;
      if (text.trim() === '' || own > indent) continue;
      if (own < indent) break;
      const key = pattern.exec(text)?.[1];
      if (key) keys.push(key);
    }
  }
  return keys;
}

/** A cell of a table row under `## Action Items`, named by its column's header. */
function cellPlace(lines: readonly string[], index: number, before: string): Place | undefined {
  if (!before.trimStart().startsWith('|')) return undefined;
  let top = index;
  while (top > 0 && (lines[top - 1] ?? '').trimStart().startsWith('|')) top--;
  // Not in the header row or the delimiter row below it.
  if (index <= top + 1) return undefined;
  const heading = lines.slice(0, top).findLast((text) => /^#{1,6}[ \t]/.test(text));
  if (!heading || heading.replace(/^##[ \t]+/, '').trim().toLowerCase() !== 'action items') return undefined;
  const cells = splitRow(before);
  const headers = splitRow(lines[top] ?? '').map((header) => header.trim().toLowerCase());
  const column = headers[cells.length - 1];
  if (column === undefined) return undefined;
  return { kind: 'cell', column: column === 'due date' ? 'due' : column, word: (cells.at(-1) ?? '').trimStart() };
}

/** The cells of a table row (up to where it is cut), without the leading pipe; `\|` does not split. */
function splitRow(row: string): string[] {
  return row.trimStart().slice(1).split(/(?<!\\)\|/);
}
