import type { TimelineEntry } from '../parse/model.js';
import { addDays } from '../time.js';
import { quote } from './fields.js';
import { defineRule } from './rule.js';

const bareTime = /^(\d{1,2}):(\d{2})/;
const halfADay = 12 * 60 * 60 * 1000;

export default defineRule(
  {
    id: 'timeline-chronological',
    description: 'Timeline entries are in time order (equal times are fine).',
    defaultLevel: 'error',
  },
  ({ postmortem, report }) => {
    if (postmortem.syntax.length > 0) return;
    let previous: TimelineEntry | undefined;
    for (const entry of postmortem.timeline) {
      if (entry.at === null) continue;
      // Both are UTC ISO strings of one shape, so they compare as text.
      if (previous?.at && entry.at < previous.at) {
        report(
          `Unexpected ${quote(entry.time)} after ${quote(previous.time)}, expected timeline entries in time order${midnightHint(entry, previous)}`,
          entry.position,
          { cause: { message: `The entry ${quote(previous.time)} stands here`, place: previous.position } },
        );
      }
      previous = entry;
    }
  },
);

/**
 * A bare `HH:MM` is on `date`, so an entry past midnight needs its own day (the one after the
 * previous entry's). A step back of half a day or more (23:50, then 00:10) reads as such a wrap;
 * a smaller one is more likely a typo.
 */
function midnightHint(entry: TimelineEntry, previous: TimelineEntry): string {
  const match = bareTime.exec(entry.time);
  if (!match || !entry.at || !previous.at || Date.parse(previous.at) - Date.parse(entry.at) < halfADay) return '';
  const [, hour = '', minute = ''] = match;
  return ` (for a time past midnight write its day, such as \`${addDays(previous.at.slice(0, 10), 1)} ${hour.padStart(2, '0')}:${minute}\`)`;
}
