import { utcDay } from '../time.js';
import { incidentDate, quote, timestamps, valuePlace } from './fields.js';
import { defineRule } from './rule.js';

export default defineRule(
  {
    id: 'date-matches-start',
    description: 'The frontmatter `date` is the UTC day of `started_at`.',
    defaultLevel: 'error',
  },
  ({ postmortem, report }) => {
    const date = incidentDate(postmortem);
    const started = timestamps(postmortem).started_at;
    if (date === undefined || started === undefined) return;
    const day = utcDay(started);
    if (day === date) return;
    report(
      `Unexpected \`date\` ${quote(date)}, expected ${quote(day)}, the UTC day of \`started_at\` ${quote(String(postmortem.data.started_at))}`,
      valuePlace(postmortem, '/date'),
      { cause: { message: '`started_at` is set here', place: valuePlace(postmortem, '/started_at') } },
    );
  },
);
