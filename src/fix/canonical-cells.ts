import { findColumn } from '../rules/body.js';
import type { Fix, FixFinder } from './fix.js';

/**
 * Status and type cells in their canonical spelling (`In Progress` -> `in-progress`). The linter
 * accepts both, so no finding is mended; a cell with markup around its word is left as written.
 */
export const canonicalCells: FixFinder = ({ source, postmortem }) => {
  const table = postmortem.actionItems;
  if (!table) return [];
  const fixes: Fix[] = [];
  for (const key of ['status', 'type'] as const) {
    const column = findColumn(table, key);
    if (!column) continue;
    for (const item of table.items) {
      const cell = item.cells[column.header];
      const canonical = item[key];
      if (!cell?.text || !canonical || cell.text === canonical || source.slice(cell.position) !== cell.text) continue;
      fixes.push({
        ruleId: 'action-items-table',
        title: `Write ${key} \`${cell.text}\` as \`${canonical}\``,
        edits: [{ ...source.range(cell.position), newText: canonical }],
        certain: true,
        mends: [],
      });
    }
  }
  return fixes;
};
