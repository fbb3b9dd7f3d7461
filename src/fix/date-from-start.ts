import { incidentDate, timestamps, valuePlace } from '../rules/fields.js';
import { utcDay } from '../time.js';
import { replaceScalar } from './edits.js';
import type { FixFinder } from './fix.js';

/**
 * `date` set to the UTC day of `started_at`. Certain when the file name's date agrees with
 * `started_at`, so `date` alone is the odd one out; otherwise either could be the mistake.
 */
export const dateFromStart: FixFinder = ({ source, postmortem }) => {
  const date = incidentDate(postmortem);
  const started = timestamps(postmortem).started_at;
  const place = postmortem.fields['/date']?.value;
  if (date === undefined || started === undefined || !place) return [];
  const day = utcDay(started);
  if (day === date) return [];
  return [{
    ruleId: 'date-matches-start',
    title: `Set \`date\` to \`${day}\`, the UTC day of \`started_at\``,
    edits: [replaceScalar(source, place, day)],
    certain: postmortem.id.startsWith(`${day}-`),
    mends: [{ place: valuePlace(postmortem, '/date'), mentions: '`date`' }],
  }];
};
