import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Frontmatter, ValidPostmortem } from '../parse/model.js';
import { durationMilliseconds, durationNames, type DurationName } from '../rollup/durations.js';
import { formatDuration } from '../rollup/format.js';
import { timestampKeys } from '../rules/fields.js';
import { rules } from '../rules/index.js';
import { placeHolds, toPoint } from './positions.js';
import { keyAt } from './schema-keys.js';
import type { Analysis } from './workspace.js';

const durationTitles: Record<DurationName, string> = {
  timeToDetect: 'Time to detect',
  timeToAcknowledge: 'Time to acknowledge',
  timeToMitigate: 'Time to mitigate',
  timeToResolve: 'Time to resolve',
};

/** What a frontmatter key means, what the findings under the cursor check, and the incident's durations. */
export function hover(analysis: Analysis, position: Position): Hover | null {
  const point = toPoint(position, analysis.shift);
  const parts: string[] = [];
  for (const message of analysis.messages) {
    const rule = rules.find((candidate) => candidate.id === message.ruleId);
    const place = message.place;
    if (rule && place && 'start' in place && placeHolds(place, point)) parts.push(`**${rule.id}**: ${rule.description} ([docs](${rule.url}))`);
  }
  const field = Object.entries(analysis.postmortem.fields).find(([pointer, place]) => pointer !== '' && (place.key ? placeHolds(place.key, point) : false));
  if (field) {
    const [pointer] = field;
    const info = keyAt(pointer);
    if (info?.description) parts.push(`\`${pointer.slice(1).replaceAll('/', '.')}\`: ${info.description}`);
    if (pointer === '/severity') {
      const severity = analysis.config.severities.find((level) => level.id === analysis.postmortem.data.severity);
      if (severity) parts.push(`**${severity.id}**, ${severity.name}: ${severity.definition}`);
    }
    if ((timestampKeys as readonly string[]).includes(pointer.slice(1))) parts.push(durationsTable(analysis));
  }
  return parts.length === 0 ? null : { contents: { kind: MarkupKind.Markdown, value: [...new Set(parts)].join('\n\n---\n\n') } };
}

/** Time to detect, acknowledge, mitigate and resolve over the frontmatter's timestamps. */
function durationsTable(analysis: Analysis): string {
  const { postmortem } = analysis;
  const milliseconds = durationMilliseconds({ ...postmortem, frontmatter: postmortem.data as Frontmatter } as ValidPostmortem);
  return durationNames
    .map((name) => {
      const value = milliseconds[name];
      return `${durationTitles[name]}: ${value === null ? 'not known (a timestamp is missing)' : formatDuration(value / 60_000)}`;
    })
    .join('  \n');
}
