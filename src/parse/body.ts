import type { Heading, Nodes, Root, RootContent, Table, TableCell as TableCellNode } from 'mdast';
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

/** Reads sections, timeline, action items and prose from the top level of a Markdown tree. */
export function readBody(tree: Root, source: string, date: string | undefined): BodyParts {
  const sections = readSections(tree, source.length);
  const nodesOf = (title: string): RootContent[] => sectionContent(tree, sections, title);
  return {
    sections,
    ...readTimeline(nodesOf(timelineTitle), date),
    actionItems: readActionItems(nodesOf(actionItemsTitle)),
    prose: readProse(tree, source),
  };
}

function readSections(tree: Root, sourceLength: number): Section[] {
  const headings = tree.children.filter((node): node is Heading => node.type === 'heading' && node.position !== undefined);
  const end = tree.position?.end ?? { line: 1, column: 1, offset: sourceLength };
  return headings.map((heading, index) => {
    const next = headings.slice(index + 1).find((other) => other.depth <= heading.depth);
    const position = heading.position as Position;
    return {
      title: toString(heading).trim(),
      depth: heading.depth,
      position,
      range: { start: position.start, end: next?.position?.start ?? end },
    };
  });
}

/** The top-level nodes of the level-2 section with this title (case-insensitive), without its heading. */
function sectionContent(tree: Root, sections: Section[], title: string): RootContent[] {
  const section = sections.find((candidate) => candidate.depth === 2 && candidate.title.toLowerCase() === title);
  if (!section) return [];
  const start = section.range.start.offset ?? 0;
  const end = section.range.end.offset ?? Number.POSITIVE_INFINITY;
  return tree.children.filter((node) => {
    const offset = node.position?.start.offset ?? -1;
    return offset > start && offset < end && node.type !== 'heading';
  });
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

const proseBlocks = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * The body's prose as written, one span per paragraph, heading or table cell (code and HTML left out),
 * for rules that look for phrases. Walks with an explicit stack: a hostile file may nest blockquotes
 * thousands deep.
 */
function readProse(tree: Root, source: string): ProseSpan[] {
  const spans: ProseSpan[] = [];
  const pending: Nodes[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (proseBlocks.has(node.type)) {
      const { start, end } = node.position ?? {};
      if (start && end) spans.push({ text: source.slice(start.offset, end.offset), start: { line: start.line, column: start.column } });
    } else if ('children' in node) {
      for (let index = node.children.length - 1; index >= 0; index--) pending.push(node.children[index] as Nodes);
    }
  }
  return spans;
}
