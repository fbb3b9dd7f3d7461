import type { Heading, InlineCode, List, ListItem, Root, Table, TableCell, TableRow, Text } from 'mdast';
import type { Point, Position } from 'unist';
import { inlineMark, maxMarksPerBlock, optionalSyntax } from './markdown.js';
import { LineIndex } from './text.js';

/**
 * Text in which no inline Markdown can start: no marks of emphasis, code, links, HTML, entities or
 * escapes, no pipes, no control characters (tabs and carriage returns among them) and no literal
 * autolink. The parser reads such text as one text node, as it stands.
 */
const markupOrControl = new RegExp(`${inlineMark.source}|[\\0-\\x1f\\x7f|]`);
function isPlain(text: string): boolean {
  return !markupOrControl.test(text) && !optionalSyntax.literalAutolinks.test(text);
}

const atxHeading = /^(#{1,6}) ([^#]*)$/;
const delimiterCell = /^ *(:?)-+(:?) *$/;
/** A list item's text that could start a block of its own (a nested ordered list) rather than a paragraph. */
const orderedListStart = /^\d{1,9}[.)](?: |$)/;
/** A list item's text that starts a paragraph: a letter, a digit or code (no other list, quote, heading, rule or fence). */
const paragraphStart = /^[\p{L}\p{N}`]/u;
/** A code span's content that the parser would not keep as it stands: a space it strips from each end, or a control character (a tab, say). */
const notPlainCode = /^ | $|[\0-\x1f\x7f]/;

/**
 * A line's plain text and code spans of one backtick (`` `timeout acquiring connection` ``) as
 * the parser's nodes, from `from` in the line; none if anything else could be read in it.
 */
function inlineNodes(text: string, line: number, from: number, lineSpan: LineSpan): Array<Text | InlineCode> | undefined {
  // A run of two backticks opens or ends code differently: left to the parser.
  if (text.includes('``')) return undefined;
  const parts = text.split('`');
  // Outside code and inside it, by turns; an odd number of backticks leaves one that opens nothing.
  if (parts.length % 2 === 0) return undefined;
  const nodes: Array<Text | InlineCode> = [];
  let at = from;
  for (const [index, part] of parts.entries()) {
    if (index % 2 === 1) {
      if (notPlainCode.test(part)) return undefined;
      nodes.push({ type: 'inlineCode', value: part, position: lineSpan(line, at, at + part.length + 2) });
      at += part.length + 2;
      continue;
    }
    if (!isPlain(part)) return undefined;
    if (part !== '') nodes.push({ type: 'text', value: part, position: lineSpan(line, at, at + part.length) });
    at += part.length;
  }
  return nodes;
}

/**
 * The tree the Markdown parser gives for a section that is an ATX heading of plain words, then one
 * table or one tight `-` list whose cells and items are plain text and code, between blank lines:
 * an Action Items table or a Timeline as people usually write them. Read line by line, in a small
 * fraction of the parser's time (it takes half a millisecond over a table of a few rows). Any other
 * section, or any doubt, gives `undefined`, and the parser reads it.
 */
export function plainSectionTree(section: string): Root | undefined {
  // Past this many marks in a block (code spans' backticks, and what they hold) the parser reads
  // the marks as plain characters (`defuse`): such a section is left to it.
  if ((section.match(inlineMark)?.length ?? 0) > maxMarksPerBlock) return undefined;
  const lines = section.split('\n');
  const { starts } = new LineIndex(section);
  const point = (line: number, column: number): Point => ({ line: line + 1, column: column + 1, offset: (starts[line] ?? 0) + column });
  const span = (line: number, from: number, toLine: number, to: number): Position => ({ start: point(line, from), end: point(toLine, to) });
  const lineSpan = (line: number, from = 0, to = (lines[line] ?? '').length): Position => span(line, from, line, to);

  const heading = headingAt(lines[0] ?? '', lineSpan);
  if (!heading) return undefined;
  let first = 1;
  while (lines[first] === '') first++;
  let last = first;
  while (last + 1 < lines.length && lines[last + 1] !== '') last++;
  if (first >= lines.length || lines.slice(last + 1).some((line) => line !== '')) return undefined;
  const block = lines.slice(first, last + 1);
  const read = block[0]?.startsWith('|') ? tableAt : listAt;
  const content = read(block, first, lineSpan);
  if (!content) return undefined;
  return { type: 'root', children: [heading, content], position: span(0, 0, lines.length - 1, (lines.at(-1) ?? '').length) };
}

type LineSpan = (line: number, from?: number, to?: number) => Position;

function headingAt(line: string, lineSpan: LineSpan): Heading | undefined {
  const [, marks, title] = atxHeading.exec(line) ?? [];
  if (!marks || !title || title.startsWith(' ') || title.endsWith(' ') || !isPlain(title)) return undefined;
  const text: Text = { type: 'text', value: title, position: lineSpan(0, marks.length + 1) };
  return { type: 'heading', depth: marks.length as Heading['depth'], children: [text], position: lineSpan(0) };
}

/** A table whose every row starts and ends with a pipe and has as many cells as its delimiter row. */
function tableAt(rows: readonly string[], first: number, lineSpan: LineSpan): Table | undefined {
  const [header, delimiter, ...body] = rows;
  if (header === undefined || delimiter === undefined) return undefined;
  const aligns = cellsOf(delimiter)?.map((cell) => delimiterCell.exec(cell.text));
  if (!aligns || aligns.some((align) => !align)) return undefined;
  const children: TableRow[] = [];
  for (const [index, row] of [header, ...body].entries()) {
    const line = index === 0 ? first : first + index + 1;
    const cells = cellsOf(row);
    if (!cells || cells.length !== aligns.length) return undefined;
    const tableCells: TableCell[] = [];
    for (const [column, { text, from, to }] of cells.entries()) {
      const content = inlineNodes(text.trim(), line, from + text.length - text.trimStart().length, lineSpan);
      if (!content) return undefined;
      // A cell runs from its pipe to the next one; the last takes the closing pipe as well.
      tableCells.push({ type: 'tableCell', children: content, position: lineSpan(line, from - 1, column === cells.length - 1 ? to + 1 : to) });
    }
    children.push({ type: 'tableRow', children: tableCells, position: lineSpan(line) });
  }
  const align = aligns.map((match) => {
    const [, left, right] = match ?? [];
    return left && right ? 'center' : left ? 'left' : right ? 'right' : null;
  });
  const lastLine = first + rows.length - 1;
  return { type: 'table', align, children, position: { start: lineSpan(first).start, end: lineSpan(lastLine).end } };
}

/** The cells between a row's pipes, each with its text's place in the line; none unless the row starts and ends with one. */
function cellsOf(row: string): Array<{ text: string; from: number; to: number }> | undefined {
  if (row.length < 2 || !row.startsWith('|') || !row.endsWith('|')) return undefined;
  const cells: Array<{ text: string; from: number; to: number }> = [];
  for (let from = 1; from < row.length; ) {
    const to = row.indexOf('|', from);
    cells.push({ text: row.slice(from, to), from, to });
    from = to + 1;
  }
  return cells;
}

/** A tight list of `- ` items, each one line of plain text and code that starts a paragraph. */
function listAt(items: readonly string[], first: number, lineSpan: LineSpan): List | undefined {
  const children: ListItem[] = [];
  for (const [index, item] of items.entries()) {
    const text = item.slice(2);
    const line = first + index;
    if (!item.startsWith('- ') || !paragraphStart.test(text) || orderedListStart.test(text) || text.endsWith(' ')) return undefined;
    const content = inlineNodes(text, line, 2, lineSpan);
    if (!content) return undefined;
    children.push({ type: 'listItem', spread: false, checked: null, children: [{ type: 'paragraph', children: content, position: lineSpan(line, 2) }], position: lineSpan(line) });
  }
  const lastLine = first + items.length - 1;
  return { type: 'list', ordered: false, start: null, spread: false, children, position: { start: lineSpan(first).start, end: lineSpan(lastLine).end } };
}
