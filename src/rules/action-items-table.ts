import { actionItemStatuses, actionItemTypes, type ActionItemColumn, type Position } from '../parse/model.js';
import { isValidDay } from '../time.js';
import { cellPlace, findColumn, findSection, headingText, itemName } from './body.js';
import { incidentDate, quote } from './fields.js';
import { defineRule } from './rule.js';

const requiredColumns: Array<{ key: ActionItemColumn; header: string }> = [
  { key: 'action', header: 'Action' },
  { key: 'owner', header: 'Owner' },
  { key: 'due', header: 'Due' },
];
const expectedColumns = 'the columns Action, Owner and Due (or Due Date), in any order';
const dayShape = /^\d{4}-\d{2}-\d{2}$/;

export default defineRule(
  {
    id: 'action-items-table',
    description: 'The Action Items section holds a table with Action, Owner and Due columns, and every row has an action, an owner, a real due date and a known status and type.',
    defaultLevel: 'error',
  },
  ({ postmortem, report }) => {
    if (postmortem.syntax.length > 0) return;
    const section = findSection(postmortem, 'Action Items');
    if (!section) return;
    const table = postmortem.actionItems;
    if (!table) {
      report(`Missing a table under ${headingText(section.title)}, expected a Markdown table with ${expectedColumns}`, section.position);
      return;
    }
    const headerRow: Position = { start: table.position.start, end: table.columns.at(-1)?.position.end ?? table.position.end };
    for (const { key, header } of requiredColumns) {
      if (!findColumn(table, key)) report(`Missing column \`${header}\` in the action items table, expected ${expectedColumns}`, headerRow);
    }
    const action = findColumn(table, 'action');
    const owner = findColumn(table, 'owner');
    const due = findColumn(table, 'due');
    const status = findColumn(table, 'status');
    const type = findColumn(table, 'type');
    const date = incidentDate(postmortem);

    table.items.forEach((item, index) => {
      const name = itemName(item, index);
      if (action && !item.action) report(`Missing action in row ${index + 1} of the action items table, expected what will be done`, cellPlace(item, action));
      if (owner && !item.owner) report(`Missing owner for ${name}, expected who will do it`, cellPlace(item, owner));
      if (due) {
        const place = cellPlace(item, due);
        if (!item.due) report(`Missing due date for ${name}, expected \`YYYY-MM-DD\``, place);
        else if (!dayShape.test(item.due)) report(`Unexpected due date ${quote(item.due)} for ${name}, expected \`YYYY-MM-DD\``, place);
        else if (!isValidDay(item.due)) report(`Unexpected due date ${quote(item.due)} for ${name}, expected a day that exists`, place);
        else if (date && item.due < date) report(`Unexpected due date ${quote(item.due)} for ${name}, expected a day on or after the incident's \`date\` ${quote(date)}`, place);
      }
      if (status && item.status === null) {
        report(
          `Unexpected status ${quote(item.cells[status.header]?.text ?? '')} for ${name}, expected one of ${actionItemStatuses.map((value) => `\`${value}\``).join(', ')} (empty means \`open\`)`,
          cellPlace(item, status),
        );
      }
      if (type && item.type === null) {
        report(
          `Unexpected type ${quote(item.cells[type.header]?.text ?? '')} for ${name}, expected one of ${actionItemTypes.map((value) => `\`${value}\``).join(', ')}`,
          cellPlace(item, type),
        );
      }
    });
  },
);
