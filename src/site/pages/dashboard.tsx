import type { Severity } from '../../config/config.js';
import { durationLabels, durationRows, formatCount, formatRevenue, severityRows, type Rows } from '../../report/stats/report.js';
import { formatDuration, formatMoney, type Breakdowns, type DurationName, type Stats } from '../../rollup/index.js';
import { ChartFigure, DataTable, Figures } from '../components.js';
import { page } from '../layout.js';
import type { Labelled, SeverityView } from '../model.js';
import { definePages } from '../page.js';
import { barChart, columnChart, type CategoryLabel, type Chart, type DataTable as DataTableView, type Series } from '../svg.js';

/** `/dashboard/`: the rollups in figures, tables and charts; its size does not grow with the postmortems. */
export default definePages<DashboardView>({
  name: 'dashboard',
  views: (model) => [dashboard(model.stats, model.breakdowns, model.severities, model.config.severities)],
  render(view, model) {
    return page({
      model,
      title: 'Dashboard',
      nav: 'dashboard',
      children: (
        <>
          <h1>Dashboard</h1>
          <p class="lede">Every postmortem counts, whatever its status. Figures as of {model.site.asOf}.</p>
          <section aria-labelledby="totals-heading">
            <h2 id="totals-heading" class="visually-hidden">
              Totals
            </h2>
            <Figures rows={view.totals} />
          </section>
          <div class="tables">
            <section aria-labelledby="severity-heading">
              <h2 id="severity-heading">By severity</h2>
              <DataTable id="severity-table" caption="Incidents, impact and response by severity" table={view.severityTable} />
            </section>
            <section aria-labelledby="durations-heading">
              <h2 id="durations-heading">Response times</h2>
              <DataTable id="durations" caption="Time to detect, acknowledge, mitigate and resolve, over all incidents" table={view.durationTable} />
            </section>
          </div>
          <div class="charts">
            {view.charts.map((chart) => (
              <ChartFigure chart={chart} />
            ))}
          </div>
        </>
      ),
    });
  },
});

interface DashboardView {
  path: string;
  totals: Labelled[];
  charts: Chart[];
  durationTable: DataTableView;
  severityTable: DataTableView;
}

const durationCharts: Array<{ name: DurationName; id: string }> = [
  { name: 'timeToDetect', id: 'time-to-detect' },
  { name: 'timeToMitigate', id: 'time-to-mitigate' },
  { name: 'timeToResolve', id: 'time-to-resolve' },
];

function dataTable({ headers, rows }: Rows): DataTableView {
  return { columns: headers, rows: rows.map(([header = '', ...cells]) => ({ header, cells })) };
}

function dashboard(stats: Stats, breakdowns: Breakdowns, severities: readonly SeverityView[], configured: readonly Severity[]): DashboardView {
  const quarters = breakdowns.byQuarter.map((group) => group.key);
  const severitySeries: Series[] = severities.map((severity) => ({
    name: severity.id,
    className: severity.className,
    values: breakdowns.byQuarter.map((group) => group.bySeverity[severity.id] ?? 0),
  }));
  const charts: Chart[] = [
    column(
      { id: 'incidents-by-quarter', title: 'Incidents per quarter, by severity', description: `${formatCount(stats.postmortems)} incidents from ${quarters[0] ?? 'none'} to ${quarters.at(-1) ?? 'none'}.` },
      { categories: quarters, series: severitySeries, stacked: true, kind: 'count', tick: formatCount, format: formatCount, label: quarterLabel },
      {
        columns: ['Quarter', ...severitySeries.map((series) => series.name), 'Total'],
        rows: breakdowns.byQuarter.map((group, index) => ({
          header: group.key,
          cells: [...severitySeries.map((series) => formatCount(series.values[index] ?? 0)), formatCount(group.postmortems)],
        })),
      },
    ),
  ];
  for (const { name, id } of durationCharts) {
    const series: Series[] = [
      { name: 'Median', className: 'series-median', values: breakdowns.byQuarter.map((group) => group.durations[name].medianMinutes ?? 0) },
      { name: 'p90', className: 'series-p90', values: breakdowns.byQuarter.map((group) => group.durations[name].p90Minutes ?? 0) },
    ];
    const overall = stats.durations[name];
    charts.push(
      column(
        {
          id,
          title: `${durationLabels[name]} per quarter, median and p90`,
          description: `Over all ${formatCount(overall.count)} incidents with both times: median ${formatDuration(overall.medianMinutes)}, p90 ${formatDuration(overall.p90Minutes)}.`,
        },
        { categories: quarters, series, stacked: false, kind: 'minutes', tick: formatDuration, format: formatDuration, label: quarterLabel },
        {
          columns: ['Quarter', 'Incidents', 'Median', 'p90'],
          rows: breakdowns.byQuarter.map((group) => ({
            header: group.key,
            cells: [formatCount(group.durations[name].count), formatDuration(group.durations[name].medianMinutes), formatDuration(group.durations[name].p90Minutes)],
          })),
        },
      ),
    );
  }
  for (const currency of Object.keys(stats.revenueLoss)) {
    const values = breakdowns.byQuarter.map((group) => group.revenueLoss[currency] ?? 0);
    const money = (amount: number): string => formatMoney(amount, currency);
    const compact = compactMoney(currency);
    charts.push(
      column(
        { id: `revenue-${currency.toLowerCase().replace(/[^a-z0-9]/g, '')}`, title: `Revenue loss per quarter in ${currency}`, description: `${money(stats.revenueLoss[currency] ?? 0)} in all.` },
        { categories: quarters, series: [{ name: currency, className: 'series-revenue', values }], stacked: false, kind: 'amount', tick: compact, format: money, label: quarterLabel },
        { columns: ['Quarter', currency], rows: breakdowns.byQuarter.map((group, index) => ({ header: group.key, cells: [money(values[index] ?? 0)] })) },
      ),
    );
  }
  const topServices = breakdowns.byService.slice(0, 10);
  charts.push(
    horizontal('top-services', 'Services with the most incidents', 'series-service', topServices.map((group) => ({ label: group.key, value: group.postmortems, display: formatCount(group.postmortems) })), {
      columns: ['Service', 'Incidents', 'Users affected', 'Revenue loss', 'Median time to resolve'],
      rows: topServices.map((group) => ({
        header: group.key,
        cells: [formatCount(group.postmortems), formatCount(group.impact.usersAffected), formatRevenue(group.revenueLoss), formatDuration(group.durations.timeToResolve.medianMinutes)],
      })),
    }),
  );
  const factors = breakdowns.recurringFactors.slice(0, 10);
  charts.push(
    horizontal('recurring-factors', 'Recurring contributing factors', 'series-factor', factors.map((factor) => ({ label: factor.factor, value: factor.incidents, display: formatCount(factor.incidents) })), {
      columns: ['Contributing factor', 'Incidents', 'First seen', 'Last seen'],
      rows: factors.map((factor) => ({ header: factor.factor, cells: [formatCount(factor.incidents), factor.firstSeen, factor.lastSeen] })),
    }, 'No contributing factor has been named by two postmortems yet.'),
  );
  return {
    path: '/dashboard/',
    totals: [
      { label: 'Postmortems', value: formatCount(stats.postmortems) },
      ...severities.map((severity) => ({ label: `${severity.id} ${severity.name}`, value: formatCount(stats.bySeverity[severity.id] ?? 0) })),
      { label: 'Users affected', value: formatCount(stats.impact.usersAffected) },
      { label: 'Failed requests', value: formatCount(stats.impact.failedRequests) },
      { label: 'Support tickets', value: formatCount(stats.impact.supportTickets) },
      ...Object.entries(stats.revenueLoss).map(([currency, amount]) => ({ label: `Revenue loss, ${currency}`, value: formatMoney(amount, currency) })),
      { label: 'Open action items', value: formatCount(stats.actionItems.open) },
      { label: 'Overdue action items', value: formatCount(stats.actionItems.overdue) },
    ],
    charts,
    durationTable: dataTable(durationRows(stats)),
    severityTable: dataTable(severityRows(breakdowns, configured)),
  };
}

type ChartText = Pick<Chart, 'id' | 'title' | 'description'>;

/** `Q1` under `2026`: the year shows where it changes. */
function quarterLabel(quarter: string): CategoryLabel {
  return { name: quarter.slice(5), group: quarter.slice(0, 4) };
}

/** Axis ticks: `$30K`. */
function compactMoney(currency: string): (amount: number) => string {
  try {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact' });
    return (amount) => format.format(amount);
  } catch {
    return (amount) => formatMoney(amount, currency);
  }
}

function column(text: ChartText, data: Omit<Parameters<typeof columnChart>[0], keyof ChartText>, table: DataTableView): Chart {
  return { ...text, table, svg: columnChart({ ...text, ...data }) };
}

/** Bars, or with none, the `empty` sentence in their place. */
function horizontal(id: string, title: string, className: string, bars: Array<{ label: string; value: number; display: string }>, table: DataTableView, empty = 'None yet.'): Chart {
  const description = bars.length === 0 ? empty : `${bars.map((bar) => `${bar.label} ${bar.display}`).join(', ')}.`;
  return { id, title, description, table, svg: barChart({ id, title, description, bars, className }) };
}
