import actionItemsTable from './action-items-table.js';
import blamelessLanguage from './blameless-language.js';
import dateMatchesStart from './date-matches-start.js';
import filename from './filename.js';
import noPlaceholder from './no-placeholder.js';
import relatedExists from './related-exists.js';
import requiredSections from './required-sections.js';
import type { Rule } from './rule.js';
import schema from './schema.js';
import severityPolicy from './severity-policy.js';
import syntax from './syntax.js';
import timelineChronological from './timeline-chronological.js';
import timelineFormat from './timeline-format.js';
import timestampsOrdered from './timestamps-ordered.js';
import uniqueId from './unique-id.js';

/** Every rule, in the order their findings are listed for the same place. */
export const rules: readonly Rule[] = [
  syntax,
  schema,
  // The file and its frontmatter.
  filename,
  dateMatchesStart,
  timestampsOrdered,
  // The body.
  requiredSections,
  timelineFormat,
  timelineChronological,
  actionItemsTable,
  severityPolicy,
  noPlaceholder,
  blamelessLanguage,
  // Across the folder.
  uniqueId,
  relatedExists,
];
