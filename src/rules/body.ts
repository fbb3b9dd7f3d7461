import type { ActionItem, ActionItemColumn, ActionItemsTable, Position, Postmortem, Section, TableColumn } from '../parse/model.js';
import { quote } from './fields.js';

/** Whether a heading's text names a section, matched as the parser matches it: ignoring case. */
export function sameTitle(heading: string, title: string): boolean {
  return heading.trim().toLowerCase() === title.trim().toLowerCase();
}

/** The first level-2 section with this title. */
export function findSection(postmortem: Postmortem, title: string): Section | undefined {
  return postmortem.sections.find((section) => section.depth === 2 && sameTitle(section.title, title));
}

/** How a finding names a heading: as it is written in Markdown. */
export function headingText(title: string, depth = 2): string {
  return quote(`${'#'.repeat(depth)} ${title}`);
}

export function findColumn(table: ActionItemsTable, key: ActionItemColumn): TableColumn | undefined {
  return table.columns.find((column) => column.key === key);
}

/** The place of an item's cell in a column, or of its row when the row is short of cells. */
export function cellPlace(item: ActionItem, column: TableColumn): Position {
  return item.cells[column.header]?.position ?? item.position;
}

/** How a finding names an action item: by its action, or by its row when the action is empty. */
export function itemName(item: ActionItem, index: number): string {
  return item.action ? quote(item.action) : `row ${index + 1}`;
}
