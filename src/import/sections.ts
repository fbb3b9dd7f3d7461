/** The contract's section names and the headings other templates use for them. */
const synonyms: Record<string, readonly string[]> = {
  Summary: ['summary', 'overview', 'executive summary', 'incident summary', 'tl dr', 'tldr', 'synopsis', 'abstract'],
  Impact: ['impact', 'customer impact', 'user impact', 'business impact', 'impact assessment', 'impact summary', 'scope and impact'],
  Timeline: ['timeline', 'timeline of events', 'incident timeline', 'chronology', 'sequence of events', 'event timeline', 'detailed timeline'],
  'Root Cause': ['root cause', 'root causes', 'root cause analysis', 'rca', 'cause', 'causes', 'underlying cause'],
  'What Went Well': ['what went well', 'went well', 'things that went well', 'what worked', 'what went right', 'what worked well'],
  'What Went Poorly': [
    'what went poorly', 'what went wrong', 'went wrong', 'things that went wrong', 'what didn t go well', 'what didn t go so well',
    'what did not go well', 'what could have gone better', 'what could be improved', 'what could have been better', 'what went badly',
  ],
  'Action Items': [
    'action items', 'actions', 'follow ups', 'followups', 'follow up', 'follow up actions', 'follow up items', 'follow up tasks',
    'future actions', 'corrective actions', 'corrective and preventive actions', 'preventive actions', 'preventative actions',
    'next steps', 'remediation', 'remediations', 'remediation items', 'remediation actions', 'action plan', 'tasks',
  ],
  'Lessons Learned': ['lessons learned', 'lessons learnt', 'lessons', 'learnings', 'key learnings', 'takeaways', 'key takeaways', 'what we learned'],
};

/**
 * Sections other templates have that are no contract section but stand as sections of their own,
 * so that `Trigger: …` in a block of `Key: value` lines becomes a section, not metadata.
 */
const otherSections = new Set([
  'trigger', 'resolution', 'detection', 'recovery', 'response', 'leadup', 'lead up', 'fault', 'mitigation', 'background',
  'context', 'where we got lucky', 'supporting information', 'five whys', 'the five whys', 'customer communication',
  'messaging', 'responders', 'what happened', 'contributing factors', 'related records', 'recurrence', 'backlog check',
]);

/** Headings of a block of incident details, whose `Key: value` lines are read as metadata. */
const metadataSections = new Set(['metadata', 'incident details', 'details', 'incident information', 'incident metadata', 'document information', 'info', 'incident info', 'incident', 'document details', 'properties']);

/** A heading's words, lower case, without numbering, punctuation or emoji: `2. What didn't go well?` reads `what didn t go well`. */
export function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)])\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The configured section a heading names, by its own name or a usual synonym; `undefined` for any other heading. */
export function sectionFor(heading: string, sections: readonly string[]): string | undefined {
  const key = headingKey(heading);
  if (key === '') return undefined;
  return sections.find((section) => headingKey(section) === key || (synonyms[section] ?? []).includes(key));
}

/** Whether `Key:` names a section, contract or other, rather than a metadata field. */
export function isSectionKey(key: string, sections: readonly string[]): boolean {
  return sectionFor(key, sections) !== undefined || otherSections.has(headingKey(key));
}

export function isMetadataHeading(heading: string): boolean {
  return metadataSections.has(headingKey(heading));
}
