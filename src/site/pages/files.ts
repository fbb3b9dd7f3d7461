import { stringify } from 'csv-stringify/sync';
import type { ResolvedConfig } from '../../config/config.js';
import { statsFormatters, type StatsReport } from '../../report/stats/index.js';
import { postmortemDurations } from '../../rollup/index.js';
import { compareText } from '../../rollup/order.js';
import type { PostmortemView } from '../model.js';
import { definePages } from '../page.js';

interface FileView {
  path: string;
  /** Made as the file is written: at ten thousand postmortems the files are tens of megabytes, not to be held through the whole build. */
  content: () => string;
}

/** The JSON API and the CSV downloads, written as they are. */
export default definePages<FileView>({
  name: 'files',
  views: (model) => apiFiles(model.report, model.postmortems, model.config),
  render: (file) => file.content(),
});

function apiFiles(report: StatsReport, views: readonly PostmortemView[], config: ResolvedConfig): FileView[] {
  const absolute = (path: string): string => new URL(path.slice(1), config.site.baseUrl).href;
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  const postmortems = (): object[] => {
    const viewOf = new Map(views.map((view) => [view.id, view]));
    return [...report.postmortems]
      .sort((a, b) => compareText(b.frontmatter.date, a.frontmatter.date) || compareText(a.id, b.id))
      .map((postmortem) => {
        const view = viewOf.get(postmortem.id)!;
        const states = view.actionItems;
        return {
          id: postmortem.id,
          url: absolute(view.path),
          ...(view.sourceUrl ? { sourceUrl: view.sourceUrl } : {}),
          frontmatter: postmortem.frontmatter,
          durations: postmortemDurations(postmortem),
          actionItems: { total: states.length, open: states.filter((item) => item.open).length, overdue: states.filter((item) => item.overdue).length },
        };
      });
  };
  const actionItems = (): object[] =>
    views.flatMap((view) =>
      view.actionItems.map((item) => ({
        postmortem: view.id,
        action: item.action,
        owner: item.owner,
        due: item.due,
        status: item.status,
        type: item.type ?? null,
        ticket: item.ticket?.text ?? null,
        open: item.open,
        overdue: item.overdue,
        daysOverdue: item.daysOverdue,
      })),
    );
  return [
    { path: '/api/stats.json', content: () => statsFormatters.json(report) },
    { path: '/api/postmortems.json', content: () => json({ asOf: report.stats.asOf, postmortems: postmortems() }) },
    { path: '/api/action-items.json', content: () => json({ asOf: report.stats.asOf, actionItems: actionItems() }) },
    { path: '/downloads/postmortems.csv', content: () => statsFormatters.csv(report) },
    {
      path: '/downloads/action-items.csv',
      content: () => stringify(actionItems(), {
        header: true,
        columns: ['postmortem', 'action', 'owner', 'due', 'status', 'type', 'ticket', 'open', 'overdue', 'daysOverdue'],
        cast: { boolean: (value) => (value ? 'true' : 'false') },
        record_delimiter: 'windows',
        // A cell that starts with `=`, `+`, `-` or `@` would run as a formula in a spreadsheet.
        escape_formulas: true,
      }),
    },
  ];
}

