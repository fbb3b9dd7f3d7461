import type { Root, RootContent, Table, TableCell as TableCellNode } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type {
  ActionItem,
  ActionItemColumn,
  ActionItemsTable,
  Position,
  ProseSpan,
  Section,
  SyntaxProblem,
  TableCell,
  TableColumn,
  TimelineEntry,
  TimelineStray,
} from './model.js';
import { actionItemStatuses, actionItemTypes } from './model.js';
import { grouped, overLimit, type ParseLimits } from './limits.js';
import { eachPoint, frontmatterSpan, parseMarkdown, parseMarkdownPiece } from './markdown.js';
import { outline, type OutlineHeading } from './outline.js';
import { plainSectionTree } from './plain.js';
import type { LineIndex } from './text.js';
import { parseTimelineLine } from './timeline.js';

export interface BodyParts {
  sections: Section[];
  timeline: TimelineEntry[];
  timelineStrays: TimelineStray[];
  actionItems: ActionItemsTable | null;
  prose: ProseSpan[];
  /** Counts past their limits. */
  problems: SyntaxProblem[];
  /** The sections parsed as Markdown to read them, in the file's order. */
  parsed: ParsedSlice[];
}

/** A stretch of the file, from a heading's line to the next section's, and its tree. */
export interface ParsedSlice {
  start: number;
  end: number;
  tree: Root;
}

export interface BodyOptions {
  /** The incident's day, on which bare `HH:MM` timeline times fall. */
  date: string | undefined;
  limits: Pick<ParseLimits, 'maxTimelineEntries' | 'maxActionItems'>;
}

const timelineTitle = 'timeline';
const actionItemsTitle = 'action items';

/** Parses Markdown into a tree whose positions count from the start of the string. */
type MarkdownParser = (markdown: string) => Root;

/**
 * Reads sections, timeline, action items and prose. The outline scan finds the headings and prose;
 * only the Timeline and Action Items sections are parsed as Markdown, or read as plain text
 * when they are (`plainSectionTree`).
 */
export function readBody(text: string, bodyStart: number, lines: LineIndex, options: BodyOptions): BodyParts {
  const { date, limits } = options;
  const { headings, prose } = outline(text, bodyStart, lines);
  const sections = readSections(headings, lines.point(text.length));
  const problems: SyntaxProblem[] = [];
  const overLimitAt = (offset: number, count: Counted): void => {
    const limit = limits[count.key];
    problems.push({ message: overLimit(`${count.what} ${grouped(limit + 1)}`, count.key, limit), place: lines.position(offset, offset) });
  };
  /**
   * The section's blocks. The Markdown parser takes its time over each line, so the section is cut
   * before the line that starts entry `limit + 1` (a line the parser would read as one).
   */
  const parsed: ParsedSlice[] = [];
  const nodesOf = (title: string, count: Counted): RootContent[] => {
    const section = sections.find((candidate) => candidate.depth === 2 && candidate.title.toLowerCase() === title);
    if (!section) return [];
    const first = section.range.start.line - 1;
    const start = lines.starts[first] ?? 0;
    let end = section.range.end.offset ?? text.length;
    let entries = -count.headerLines;
    for (let line = first + 1; line < lines.lineCount && (lines.starts[line] ?? end) < end; line++) {
      const lineStart = lines.starts[line] ?? end;
      if (entries === -count.headerLines && !matchesAt(count.firstLine, text, lineStart)) continue;
      if (!matchesAt(count.entry, text, lineStart) || ++entries <= limits[count.key]) continue;
      end = lineStart;
      overLimitAt(end, count);
    }
    const tree = parseSlice(text.slice(start, end), start, first, parseSection);
    parsed.push({ start, end, tree });
    return tree.children.filter((node) => node.type !== 'heading');
  };
  const { timeline, timelineStrays } = readTimeline(nodesOf(timelineTitle, timelineEntries), date);
  const extra = timeline[limits.maxTimelineEntries];
  if (problems.length === 0 && extra?.position.start.offset !== undefined) overLimitAt(extra.position.start.offset, timelineEntries);
  return {
    sections,
    timeline: timeline.slice(0, limits.maxTimelineEntries),
    timelineStrays,
    actionItems: readActionItems(nodesOf(actionItemsTitle, actionItems)),
    prose,
    problems,
    parsed: parsed.sort((a, b) => a.start - b.start),
  };
}

/**
 * The whole file's tree: the sections already parsed, and the text around them parsed now, so no
 * byte is parsed twice; the frontmatter, which the parser reads as one raw value, is taken as it
 * stands. The parts start at headings' lines, where no block of Markdown runs on across, except
 * what a definition (`[label]: url`, `[^note]: …`) makes: links and footnotes
 * anywhere may use one, so a file that may hold one is parsed whole.
 */
export function wholeTree(text: string, parsed: readonly ParsedSlice[], lines: LineIndex): Root {
  if (parsed.length === 0 || text.includes(']:')) return parseMarkdown(text);
  const children: RootContent[] = [];
  let from = 0;
  const frontmatter = frontmatterSpan(text);
  if (frontmatter) {
    // Frontmatter past the first section's heading: the sections were found elsewhere than the parser
    // finds them, so the file is parsed whole.
    if (frontmatter.end > (parsed[0]?.start ?? 0)) return parseMarkdown(text);
    // One raw value, taken as it stands rather than read character by character.
    children.push({ type: 'yaml', value: frontmatter.value, position: { start: lines.point(0), end: lines.point(frontmatter.end) } });
    from = frontmatter.end;
  }
  const parseUpTo = (end: number): void => {
    // Only the file's start may hold frontmatter: other parts are pieces.
    if (end > from) children.push(...parseSlice(text.slice(from, end), from, lines.point(from).line - 1, from === 0 ? parseMarkdown : parseMarkdownPiece).children);
  };
  for (const slice of parsed) {
    parseUpTo(slice.start);
    children.push(...slice.tree.children);
    from = slice.end;
  }
  parseUpTo(text.length);
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: lines.point(text.length) } };
}

/** What a section holds one of per line, counted against a limit. */
interface Counted {
  key: 'maxTimelineEntries' | 'maxActionItems';
  what: string;
  /** Where counting starts: the first line that matches this. */
  firstLine: RegExp;
  /** Lines counted from there that are not entries (a table's header and delimiter rows). */
  headerLines: number;
  entry: RegExp;
}

/** A line that starts with a time, perhaps after a list marker, a table pipe or emphasis: a timeline entry. */
const timelineEntryStart = /[ \t]*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?\|?[ \t]*[*_`~[<]*\d/y;
const timelineEntries: Counted = { key: 'maxTimelineEntries', what: 'timeline entry', firstLine: timelineEntryStart, headerLines: 0, entry: timelineEntryStart };
/** From the table's header row on, every line that is not blank is a row (GFM rows need no pipe). */
const actionItems: Counted = { key: 'maxActionItems', what: 'action item', firstLine: /[^\n]*\|/y, headerLines: 2, entry: /[ \t]*\S/y };

function matchesAt(pattern: RegExp, text: string, offset: number): boolean {
  pattern.lastIndex = offset;
  return pattern.test(text);
}

/** Headings with their plain text (emphasis, code and links read as their words), each up to the next of its level or higher. */
function readSections(headings: readonly OutlineHeading[], end: Position['end']): Section[] {
  // Most headings are plain words; those with markup get one small parse, all together, for their
  // plain text as the full parse would give it.
  const marked = headings.filter((heading) => inlineMarkup.test(heading.source));
  const parsed = marked.length === 0 ? [] : parseMarkdownPiece(marked.map((heading) => `# ${heading.source.replace(/\r?\n/g, ' ')}`).join('\n\n')).children;
  const plain = new Map(marked.map((heading, index) => [heading, parsed[index]]));
  // From the last heading back: the index of the nearest later heading of each depth, so each
  // heading finds its end in a few steps.
  const nextOfDepth: number[] = [];
  const ends: Array<Position['end']> = [];
  for (let index = headings.length - 1; index >= 0; index--) {
    const depth = headings[index]?.depth ?? 1;
    const next = Math.min(...nextOfDepth.slice(1, depth + 1).filter((later) => later !== undefined));
    ends[index] = headings[next]?.position.start ?? end;
    nextOfDepth[depth] = index;
  }
  return headings.map((heading, index) => {
    const node = plain.get(heading);
    return {
      title: (node?.type === 'heading' ? toString(node) : heading.source).trim(),
      depth: heading.depth,
      position: heading.position,
      range: { start: heading.position.start, end: ends[index] ?? end },
    };
  });
}

/** A section as the Markdown parser reads it, a plain table or list read without it. */
function parseSection(section: string): Root {
  return plainSectionTree(section) ?? parseMarkdownPiece(section);
}

/** Characters that may start inline Markdown (emphasis, code, links, HTML, entities, escapes). */
const inlineMarkup = /[\\`*_[\]<>&!~]/;

/** A section's tree, with positions moved to where the section stands in the file. */
function parseSlice(slice: string, offset: number, lineOffset: number, parse: MarkdownParser): Root {
  const tree = parse(slice);
  eachPoint(tree, (point) => {
    point.line += lineOffset;
    if (point.offset !== undefined) point.offset += offset;
  });
  return tree;
}

/** Timeline entries are list items, lines of a paragraph, or table rows, each starting with a time. */
function readTimeline(nodes: RootContent[], date: string | undefined): Pick<BodyParts, 'timeline' | 'timelineStrays'> {
  const timeline: TimelineEntry[] = [];
  const timelineStrays: TimelineStray[] = [];
  const addLine = (text: string, position: Position): void => {
    const entry = parseTimelineLine(text, date);
    if (entry) timeline.push({ ...entry, position });
    else if (text.trim() !== '') timelineStrays.push({ text: text.trim(), position });
  };
  for (const node of nodes) {
    if (node.type === 'list') {
      for (const item of node.children) {
        const first = item.children[0];
        if (first && item.position) addLine(first.type === 'paragraph' ? toString(first) : toString(item), item.position);
      }
    } else if (node.type === 'paragraph' && node.position) {
      const { start } = node.position;
      toString(node)
        .split('\n')
        .forEach((line, index) => {
          const lineNumber = start.line + index;
          const column = index === 0 ? start.column : 1;
          addLine(line, { start: { line: lineNumber, column }, end: { line: lineNumber, column: column + line.length } });
        });
    } else if (node.type === 'table') {
      for (const row of node.children.slice(1)) {
        const [time, ...rest] = row.children.map((cell) => toString(cell).trim());
        if (row.position) addLine(`${time ?? ''} - ${rest.join(' ')}`, row.position);
      }
    }
  }
  return { timeline, timelineStrays };
}

const columnNames: Record<string, ActionItemColumn> = {
  action: 'action',
  owner: 'owner',
  due: 'due',
  'due date': 'due',
  status: 'status',
  type: 'type',
  ticket: 'ticket',
};

function readActionItems(nodes: RootContent[]): ActionItemsTable | null {
  const table = nodes.find((node): node is Table => node.type === 'table');
  if (!table?.position) return null;
  const [header, ...rows] = table.children;
  const columns: TableColumn[] = (header?.children ?? []).map((cell) => {
    const text = toString(cell).trim();
    return { header: text, key: columnNames[text.toLowerCase().replace(/\s+/g, ' ')] ?? null, position: contentPosition(cell) };
  });
  const items = rows.map((row): ActionItem => {
    const cells: Record<string, TableCell> = {};
    const byKey: Partial<Record<ActionItemColumn, string>> = {};
    columns.forEach((column, index) => {
      const cell = row.children[index];
      const text = cell ? toString(cell).trim() : '';
      cells[column.header] = { text, position: (cell ? contentPosition(cell) : row.position) as Position };
      if (column.key && byKey[column.key] === undefined) byKey[column.key] = text;
    });
    return {
      action: byKey.action ?? '',
      owner: byKey.owner ?? '',
      due: byKey.due ?? '',
      status: byKey.status ? normalise(byKey.status, actionItemStatuses) : 'open',
      type: byKey.type ? normalise(byKey.type, actionItemTypes) : undefined,
      ticket: byKey.ticket || undefined,
      cells,
      position: row.position as Position,
    };
  });
  return { columns, items, position: table.position };
}

/** A cell's text, not the `|` and spaces before it; an empty cell keeps its own place. */
function contentPosition(cell: TableCellNode): Position {
  const first = cell.children[0]?.position;
  const last = cell.children.at(-1)?.position;
  return (first && last ? { start: first.start, end: last.end } : cell.position) as Position;
}

/** `Done`, `In Progress` and `wont_do` all name known values; `finished` does not. */
function normalise<Value extends string>(text: string, known: readonly Value[]): Value | null {
  const value = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return (known as readonly string[]).includes(value) ? (value as Value) : null;
}
