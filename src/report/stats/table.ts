import { actionItemsLine, durationRows, formatCount, formatRevenue, overdueRows, severityRows, type Rows, type StatsFormatter } from './report.js';

/** A plain-text report for a terminal or a log: totals, severities, durations, overdue action items. */
const table: StatsFormatter = ({ stats, breakdowns, skipped, severities }) => {
  const sections: string[][] = [[`Postmortem stats as of ${stats.asOf}`]];
  if (skipped.length > 0) sections.push([`Left out for lint errors: ${skipped.join(', ')}`]);
  sections.push(
    columns({
      headers: [],
      right: [false, false],
      rows: [
        ['Postmortems', formatCount(stats.postmortems)],
        ['Users affected', formatCount(stats.impact.usersAffected)],
        ['Failed requests', formatCount(stats.impact.failedRequests)],
        ['Support tickets', formatCount(stats.impact.supportTickets)],
        ['Revenue loss', formatRevenue(stats.revenueLoss)],
        ['Action items', actionItemsLine(stats.actionItems)],
      ],
    }),
    columns(severityRows(breakdowns, severities)),
    columns(durationRows(stats)),
    stats.overdue.length === 0 ? ['Overdue action items: none'] : ['Overdue action items, oldest first', ...columns(overdueRows(stats))],
  );
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
};

/** The header and rows padded into columns two spaces apart, without trailing spaces. */
function columns({ headers, right, rows }: Rows): string[] {
  const all = headers.length > 0 ? [headers, ...rows] : rows;
  const widths = right.map((_, column) => Math.max(...all.map((row) => width(row[column] ?? ''))));
  return all.map((row) =>
    row
      .map((cell, column) => {
        const padding = ' '.repeat((widths[column] ?? 0) - width(cell));
        return right[column] ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd(),
  );
}

/** Characters as shown on a terminal, near enough: code points, not UTF-16 units. */
function width(text: string): number {
  return [...text].length;
}

export default table;
