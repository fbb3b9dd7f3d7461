import { stringify } from 'csv-stringify/sync';
import { actionItemsOf, actionItemState, postmortemDurations } from '../../rollup/index.js';
import { compareText } from '../../rollup/order.js';
import type { StatsFormatter } from './report.js';

const columns = [
  'id',
  'title',
  'date',
  'severity',
  'status',
  'services',
  'time_to_detect_minutes',
  'time_to_acknowledge_minutes',
  'time_to_mitigate_minutes',
  'time_to_resolve_minutes',
  'users_affected',
  'failed_requests',
  'support_tickets',
  'revenue_loss_amount',
  'revenue_loss_currency',
  'action_items_total',
  'action_items_open',
  'action_items_overdue',
] as const;

type Row = Record<(typeof columns)[number], string | number | null | undefined>;

/**
 * One row per postmortem, by date then id, in RFC 4180 CSV (CRLF line ends, quotes only where needed).
 * Durations are exact minutes; services are joined with `;`; a missing value is an empty cell.
 */
const csv: StatsFormatter = ({ postmortems, stats }) => {
  const rows = [...postmortems]
    .sort((a, b) => compareText(a.frontmatter.date, b.frontmatter.date) || compareText(a.id, b.id))
    .map((postmortem): Row => {
      const { frontmatter } = postmortem;
      const durations = postmortemDurations(postmortem);
      const states = actionItemsOf(postmortem).map((item) => actionItemState(item, stats.asOf));
      return {
        id: postmortem.id,
        title: frontmatter.title,
        date: frontmatter.date,
        severity: frontmatter.severity,
        status: frontmatter.status,
        services: frontmatter.services.join(';'),
        time_to_detect_minutes: durations.timeToDetect,
        time_to_acknowledge_minutes: durations.timeToAcknowledge,
        time_to_mitigate_minutes: durations.timeToMitigate,
        time_to_resolve_minutes: durations.timeToResolve,
        users_affected: frontmatter.impact.users_affected,
        failed_requests: frontmatter.impact.failed_requests,
        support_tickets: frontmatter.impact.support_tickets,
        revenue_loss_amount: frontmatter.impact.revenue_loss?.amount,
        revenue_loss_currency: frontmatter.impact.revenue_loss?.currency,
        action_items_total: states.length,
        action_items_open: states.filter((state) => state.open).length,
        action_items_overdue: states.filter((state) => state.overdue).length,
      };
    });
  // A cell that starts with `=`, `+`, `-` or `@` would run as a formula in a spreadsheet; it is prefixed with a quote instead.
  return stringify(rows, { header: true, columns: [...columns], record_delimiter: 'windows', escape_formulas: true });
};

export default csv;
