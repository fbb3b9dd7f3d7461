import { quote, timestampKeys, timestamps, valuePlace } from './fields.js';
import { defineRule } from './rule.js';

export default defineRule(
  {
    id: 'timestamps-ordered',
    description: 'The milestones are in order: `started_at` <= `detected_at` <= `acknowledged_at` <= `mitigated_at` <= `resolved_at` (those present).',
    defaultLevel: 'error',
  },
  ({ postmortem, report }) => {
    const times = timestamps(postmortem);
    const present = timestampKeys.filter((key) => times[key] !== undefined);
    // Comparing neighbours finds every break in the order, and blames one wrong value once rather than on every later key.
    present.forEach((later, index) => {
      const earlier = present[index - 1];
      if (earlier === undefined || (times[later] ?? 0) >= (times[earlier] ?? 0)) return;
      report(
        `Unexpected \`${later}\` ${quote(String(postmortem.data[later]))} before \`${earlier}\` ${quote(String(postmortem.data[earlier]))}, expected it at or after \`${earlier}\``,
        valuePlace(postmortem, `/${later}`),
        { cause: { message: `\`${earlier}\` is set here`, place: valuePlace(postmortem, `/${earlier}`) } },
      );
    });
  },
);
