import { basename } from 'node:path';
import slugify from '@sindresorhus/slugify';
import { isValidDay } from '../time.js';
import { incidentDate, quote, valuePlace } from './fields.js';
import { defineRule } from './rule.js';

const namePattern = /^(?<day>\d{4}-\d{2}-\d{2})-(?<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const leadingDay = /^\d{4}-\d{2}-\d{2}/;

export default defineRule(
  {
    id: 'filename',
    description: 'The file is named `YYYY-MM-DD-kebab-slug.md`, and its date is the frontmatter `date`.',
    defaultLevel: 'error',
  },
  ({ postmortem, report }) => {
    const name = basename(postmortem.file);
    const date = incidentDate(postmortem);
    const match = namePattern.exec(name);
    const day = match?.groups?.day;
    if (!isValidDay(day)) {
      const suggestion = suggestedName(name, date);
      report(
        `Unexpected file name ${quote(name)}, expected \`YYYY-MM-DD-kebab-slug.md\` (a real day, then lowercase words joined by \`-\`)${suggestion ? `, such as ${quote(suggestion)}` : ''}`,
      );
      return;
    }
    if (date !== undefined && date !== day) {
      report(
        `Unexpected \`date\` ${quote(date)} in a file named ${quote(name)}, expected the file name's date ${quote(day)} (or the file renamed to ${quote(`${date}-${match?.groups?.slug ?? ''}.md`)})`,
        valuePlace(postmortem, '/date'),
      );
    }
  },
);

/** A well-formed name close to the one written: its day (or `date`) and its words, slugified. */
function suggestedName(name: string, date: string | undefined): string | undefined {
  const stem = name.replace(/\.md$/i, '');
  const day = leadingDay.exec(stem)?.[0];
  const prefix = isValidDay(day) ? day : date;
  const slug = slugify(stem.replace(leadingDay, '').replace(/^[\d\s._-]+/, ''));
  return prefix && slug ? `${prefix}-${slug}.md` : undefined;
}
