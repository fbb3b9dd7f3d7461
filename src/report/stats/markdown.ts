import { actionItemsLine, durationRows, formatCount, formatRevenue, overdueRows, severityRows, type Rows, type StatsFormatter } from './report.js';

/** GitHub-flavoured Markdown for a job summary or a pull request comment. */
const markdown: StatsFormatter = ({ stats, breakdowns, skipped, severities }) => {
  const blocks: string[] = [`## Postmortem stats as of ${stats.asOf}`];
  if (skipped.length > 0) {
    blocks.push(`> [!WARNING]\n> Left out for lint errors: ${skipped.map(escape).join(', ')}. Run \`hindsight lint\` for details.`);
  }
  blocks.push(
    table({
      headers: ['Postmortems', 'Users affected', 'Failed requests', 'Support tickets', 'Revenue loss'],
      right: [true, true, true, true, true],
      rows: [[
        formatCount(stats.postmortems),
        formatCount(stats.impact.usersAffected),
        formatCount(stats.impact.failedRequests),
        formatCount(stats.impact.supportTickets),
        formatRevenue(stats.revenueLoss),
      ]],
    }),
    '### By severity',
    table(severityRows(breakdowns, severities)),
    '### Durations',
    table(durationRows(stats)),
    '### Action items',
    `${escape(actionItemsLine(stats.actionItems))}.`,
  );
  if (stats.overdue.length > 0) blocks.push('#### Overdue, oldest first', table(overdueRows(stats)));
  return `${blocks.join('\n\n')}\n`;
};

function table({ headers, right, rows }: Rows): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`;
  return [line(headers), `| ${right.map((isRight) => (isRight ? '---:' : '---')).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/**
 * Text that Markdown shows as written: no emphasis, links, HTML, math (`$`) or table breaks from a
 * postmortem's owner or action text; line breaks would end a table row.
 */
function escape(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|~&$]/g, '\\$&');
}

export default markdown;
