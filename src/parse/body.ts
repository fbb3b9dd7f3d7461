import type { Nodes, Root, RootContent, Table, TableCell as TableCellNode } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type {
  ActionItem,
  ActionItemColumn,
  ActionItemsTable,
  Position,
  ProseSpan,
  Section,
  TableCell,
  TableColumn,
  TimelineEntry,
  TimelineStray,
} from './model.js';
import { actionItemStatuses, actionItemTypes } from './model.js';
import { outline, type OutlineHeading } from './outline.js';
import type { LineIndex } from './text.js';
import { parseTimelineLine } from './timeline.js';

export interface BodyParts {
  sections: Section[];
  timeline: TimelineEntry[];
  timelineStrays: TimelineStray[];
  actionItems: ActionItemsTable | null;
  prose: ProseSpan[];
}

const timelineTitle = 'timeline';
const actionItemsTitle = 'action items';

/** Parses Markdown into a tree whose positions count from the start of the string. */
export type MarkdownParser = (markdown: string) => Root;

/**
 * Reads sections, timeline, action items and prose. The outline scan finds the headings and prose;
 * only the Timeline and Action Items sections are parsed as Markdown.
 */
export function readBody(text: string, bodyStart: number, lines: LineIndex, date: string | undefined, parse: MarkdownParser): BodyParts {
  const { headings, prose } = outline(text, bodyStart, lines);
  const sections = readSections(headings, parse, lines.point(text.length));
  const nodesOf = (title: string): RootContent[] => {
    const section = sections.find((candidate) => candidate.depth === 2 && candidate.title.toLowerCase() === title);
    if (!section) return [];
    const start = lines.starts[section.range.start.line - 1] ?? 0;
    const tree = parseSlice(text.slice(start, section.range.end.offset), start, section.range.start.line - 1, parse);
    return tree.children.filter((node) => node.type !== 'heading');
  };
  return {
    sections,
    ...readTimeline(nodesOf(timelineTitle), date),
    actionItems: readActionItems(nodesOf(actionItemsTitle)),
    prose,
  };
}

/** Headings with their plain text (emphasis, code and links read as their words), each up to the next of its level or higher. */
function readSections(headings: readonly OutlineHeading[], parse: MarkdownParser, end: Position['end']): Section[] {
  // Most headings are plain words; those with markup get one small parse, all together, for their
  // plain text as the full parse would give it.
  const marked = headings.filter((heading) => inlineMarkup.test(heading.source));
  const parsed = marked.length === 0 ? [] : parse(marked.map((heading) => `# ${heading.source.replace(/\r?\n/g, ' ')}`).join('\n\n')).children;
  const plain = new Map(marked.map((heading, index) => [heading, parsed[index]]));
  return headings.map((heading, index) => {
    const next = headings.slice(index + 1).find((other) => other.depth <= heading.depth);
    const node = plain.get(heading);
    return {
      title: (node?.type === 'heading' ? toString(node) : heading.source).trim(),
      depth: heading.depth,
      position: heading.position,
      range: { start: heading.position.start, end: next?.position.start ?? end },
    };
  });
}

/** Characters that may start inline Markdown (emphasis, code, links, HTML, entities, escapes). */
const inlineMarkup = /[\\`*_[\]<>&!~]/;

/** A section's tree, with positions moved to where the section stands in the file. */
function parseSlice(slice: string, offset: number, lineOffset: number, parse: MarkdownParser): Root {
  const tree = parse(slice);
  const pending: Nodes[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.position) {
      for (const point of [node.position.start, node.position.end]) {
        point.line += lineOffset;
        if (point.offset !== undefined) point.offset += offset;
      }
    }
    if ('children' in node) pending.push(...(node.children as Nodes[]));
  }
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
