import { addDays, daysBetween, isValidDay } from '../time.js';
import { cellPlace, findColumn, itemName } from './body.js';
import { incidentDate, quote } from './fields.js';
import { defineRule } from './rule.js';

/** Items still to be done; a finished or dropped item's due date no longer needs to meet the policy. */
const pending = new Set(['open', 'in-progress']);

export default defineRule(
  {
    id: 'severity-policy',
    description: "Action items meet the configured policy of the incident's severity: due soon enough, and at least one that prevents or detects a repeat.",
    defaultLevel: 'warn',
  },
  ({ postmortem, config, report }) => {
    if (postmortem.syntax.length > 0) return;
    const table = postmortem.actionItems;
    const severity = config.severities.find((level) => level.id === postmortem.data.severity);
    if (!table || !severity) return;

    const date = incidentDate(postmortem);
    const limit = severity.actionItemsDueWithinDays;
    const due = findColumn(table, 'due');
    if (limit !== undefined && date && due) {
      const latest = addDays(date, limit);
      table.items.forEach((item, index) => {
        if (!pending.has(item.status ?? '') || !isValidDay(item.due) || daysBetween(date, item.due) <= limit) return;
        report(
          `Unexpected due date ${quote(item.due)} for ${itemName(item, index)} of a ${severity.id} incident, expected at most ${limit} days after \`date\` ${quote(date)} (by ${quote(latest)})`,
          cellPlace(item, due),
        );
      });
    }

    const type = findColumn(table, 'type');
    const preventsOrDetects = table.items.some((item) => (item.type === 'prevent' || item.type === 'detect') && item.status !== 'wont-do');
    if (severity.requirePreventOrDetect && type && !preventsOrDetects) {
      report(
        `Missing a \`prevent\` or \`detect\` action item for a ${severity.id} incident, expected at least one item whose Type is \`prevent\` or \`detect\``,
        type.position,
      );
    }
  },
);
