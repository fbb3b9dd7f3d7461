import { findSection, headingText } from './body.js';
import { incidentDate, quote } from './fields.js';
import { defineRule } from './rule.js';

const startsWithDay = /^\d{4}-\d{2}-\d{2}/;

export default defineRule(
  {
    id: 'timeline-format',
    description: 'The Timeline section has entries, and every one starts with a real time (`HH:MM`, `YYYY-MM-DD HH:MM` or an RFC 3339 date-time).',
    defaultLevel: 'error',
  },
  ({ postmortem, report }) => {
    if (postmortem.syntax.length > 0) return;
    const section = findSection(postmortem, 'Timeline');
    if (!section) return;
    if (postmortem.timeline.length === 0 && postmortem.timelineStrays.length === 0) {
      report(`Missing timeline entries under ${headingText(section.title)}, expected lines such as \`14:32 UTC - Checkout errors start\``, section.position);
      return;
    }
    const date = incidentDate(postmortem);
    for (const entry of postmortem.timeline) {
      // A bare `HH:MM` is on `date`; without a valid `date` the schema rule reports the cause.
      if (entry.at !== null || (date === undefined && !startsWithDay.test(entry.time))) continue;
      report(
        `Unexpected time ${quote(entry.time)} in the timeline, expected a real moment: \`HH:MM\` (00:00 to 23:59), \`YYYY-MM-DD HH:MM\` or an RFC 3339 date-time`,
        entry.position,
      );
    }
    for (const stray of postmortem.timelineStrays) {
      report(`Unexpected timeline line ${quote(stray.text)}, expected it to start with a time and a dash, such as \`14:32 UTC - \``, stray.position);
    }
  },
);
