import slugify from '@sindresorhus/slugify';
import { stringify } from 'csv-stringify/sync';
import type { ResolvedConfig, Severity } from '../config/config.js';
import type { ActionItem, ValidPostmortem } from '../parse/model.js';
import { durationLabels, durationRows, formatCount, formatRevenue, severityRows, type Rows } from '../report/stats/report.js';
import { statsFormatters, type StatsReport } from '../report/stats/index.js';
import {
  actionItemState,
  actionItemsOf,
  computeBreakdowns,
  computeStats,
  durationNames,
  formatDuration,
  formatMoney,
  postmortemDurations,
  type ActionItemState,
  type Breakdowns,
  type DurationName,
  type Stats,
} from '../rollup/index.js';
import { compareText } from '../rollup/order.js';
import { instant } from '../time.js';
import type { RenderedBody } from '../render/markdown.js';
import { barChart, columnChart, timelineBar, type CategoryLabel, type Chart, type DataTable, type Phase, type Series } from './svg.js';

/** What the site shows, computed once per build from the postmortems the linter accepted. */
export interface SiteData {
  site: SiteInfo;
  severities: SeverityView[];
  /** Newest first. */
  postmortems: PostmortemView[];
  /** By name. */
  services: ServiceView[];
  facets: Facet[];
  dashboard: Dashboard;
  actionItems: ActionItemsPage;
  feed: Feed;
  /** Files written as they are: the JSON API and the CSV downloads. */
  files: Array<{ path: string; content: string }>;
  /** Findings that kept postmortems off the site (only while serving; a build refuses them). */
  problems: string[];
}

export interface SiteInfo {
  title: string;
  description: string;
  /** Absolute, ends with `/`. */
  baseUrl: string;
  /** The path prefix every link starts with: `/`, or `/incidents/`. */
  base: string;
  asOf: string;
}

export interface SeverityView {
  id: string;
  name: string;
  definition: string | undefined;
  /** `sev-1` (worst) to `sev-5`: the badge and chart colour. */
  className: string;
  postmortems: number;
}

export interface Labelled {
  label: string;
  value: string;
}

export interface LinkView {
  label: string;
  href: string;
}

export interface ActionItemView {
  action: string;
  owner: string;
  due: string;
  status: string;
  type: string | undefined;
  ticket: { text: string; href: string | undefined } | undefined;
  open: boolean;
  overdue: boolean;
  daysOverdue: number;
}

export interface PostmortemSummary {
  id: string;
  /** Where the page is written, under the output folder. */
  path: string;
  /** Its link, with the path prefix. */
  url: string;
  title: string;
  date: string;
  severity: SeverityView;
}

export interface PostmortemView extends PostmortemSummary {
  year: string;
  status: string;
  statusLabel: string;
  services: LinkView[];
  teams: string[];
  authors: string[];
  reviewers: string[];
  tags: string[];
  factors: string[];
  detection: string | undefined;
  /** The milestones that are set, in order. */
  milestones: Array<{ label: string; iso: string; display: string }>;
  durations: Labelled[];
  timeToResolve: string;
  impact: Labelled[];
  /** One line for lists: users affected, failed requests or tickets, and revenue. */
  headline: string;
  links: LinkView[];
  chat: string | undefined;
  timeline: { svg: string; legend: Array<{ label: string; className: string; value: string }> } | undefined;
  body: { before: string; after: string };
  actionItems: ActionItemView[];
  related: PostmortemSummary[];
  sourceUrl: string | undefined;
}

export interface ServiceView {
  name: string;
  path: string;
  url: string;
  postmortems: PostmortemView[];
  totals: Labelled[];
}

export interface Facet {
  /** The Pagefind filter name. */
  name: string;
  label: string;
  values: Array<{ value: string; label: string; count: number }>;
}

export interface Dashboard {
  totals: Labelled[];
  charts: Chart[];
  durationTable: DataTable;
  severityTable: DataTable;
}

export interface OwnerGroup {
  owner: string;
  /** For the heading's id. */
  slug: string;
  open: number;
  overdue: number;
  items: Array<ActionItemView & { postmortem: PostmortemSummary }>;
}

export interface ActionItemsPage {
  open: number;
  overdue: number;
  owners: OwnerGroup[];
}

export interface Feed {
  /** The newest entry's `updated`. */
  updated: string;
  entries: Array<{ id: string; url: string; title: string; published: string; updated: string; authors: string[]; summary: string; html: string }>;
}

export interface SiteInput {
  config: ResolvedConfig;
  postmortems: readonly ValidPostmortem[];
  asOf: string;
  problems?: string[];
}

const statusLabels: Record<string, string> = { draft: 'Draft', 'in-review': 'In review', published: 'Published' };
const milestoneLabels = {
  started_at: 'Started',
  detected_at: 'Detected',
  acknowledged_at: 'Acknowledged',
  mitigated_at: 'Mitigated',
  resolved_at: 'Resolved',
} as const;
const linkLabels = { incident: 'Incident record', dashboard: 'Dashboard', runbook: 'Runbook', ticket: 'Ticket' } as const;
/** The feed carries the newest postmortems only; readers already have the older ones. */
const feedSize = 50;

/** Everything the templates print, prepared once: templates only loop and escape. */
export function siteData({ config, postmortems, asOf, problems = [] }: SiteInput): SiteData {
  const severityIds = config.severities.map((severity) => severity.id);
  const stats = computeStats(postmortems, asOf, severityIds);
  const breakdowns = computeBreakdowns(postmortems, asOf, severityIds);
  const severities = severityViews(config.severities, breakdowns);
  const severityOf = new Map(severities.map((severity) => [severity.id, severity]));
  const newestFirst = [...postmortems].sort((a, b) => compareText(b.frontmatter.date, a.frontmatter.date) || compareText(a.id, b.id));
  const base = config.site.pathPrefix.endsWith('/') ? config.site.pathPrefix : `${config.site.pathPrefix}/`;
  const link = (path: string): string => `${base}${path.slice(1)}`;
  const paths = pagePaths(newestFirst);
  const summaries = new Map(newestFirst.map((postmortem) => [postmortem.id, summaryOf(postmortem, paths, link, severityOf)]));
  const rendered = new Map(newestFirst.map((postmortem) => [postmortem.id, postmortem.body ?? { html: '', before: '', after: '' }]));
  const views = newestFirst.map((postmortem) => postmortemView(postmortem, { config, asOf, summaries, rendered, link }));
  const report: StatsReport = { stats, breakdowns, postmortems, skipped: [], severities: config.severities };
  return {
    site: { title: config.site.title, description: config.site.description, baseUrl: config.site.baseUrl, base, asOf },
    severities,
    postmortems: views,
    services: serviceViews(views, breakdowns, link),
    facets: facets(views, severities),
    dashboard: dashboard(stats, breakdowns, severities, config.severities),
    actionItems: actionItemsPage(views, breakdowns),
    feed: feed(newestFirst.slice(0, feedSize), views, rendered, config),
    files: apiFiles(report, views, config),
    problems,
  };
}

function severityViews(configured: readonly Severity[], breakdowns: Breakdowns): SeverityView[] {
  return breakdowns.bySeverity.map((group, index) => {
    const severity = configured.find((candidate) => candidate.id === group.key);
    return {
      id: group.key,
      name: severity?.name ?? group.key,
      definition: severity?.definition,
      className: `sev-${Math.min(index, 4) + 1}`,
      postmortems: group.postmortems,
    };
  });
}

/**
 * Each postmortem's page path. The id normally is the path segment; an id that is not safe in a
 * URL (the `filename` rule may be off) gets a slug, and a repeated one a number.
 */
function pagePaths(postmortems: readonly ValidPostmortem[]): Map<string, string> {
  const used = new Set<string>();
  const paths = new Map<string, string>();
  for (const { id } of postmortems) {
    const base = /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id) ? id : slugify(id) || 'postmortem';
    let segment = base;
    for (let number = 2; used.has(segment); number += 1) segment = `${base}-${number}`;
    used.add(segment);
    paths.set(id, `/postmortems/${segment}/`);
  }
  return paths;
}

function summaryOf(postmortem: ValidPostmortem, paths: Map<string, string>, link: (path: string) => string, severityOf: Map<string, SeverityView>): PostmortemSummary {
  const { frontmatter } = postmortem;
  const path = paths.get(postmortem.id) ?? '/';
  return {
    id: postmortem.id,
    path,
    url: link(path),
    title: frontmatter.title,
    date: frontmatter.date,
    // Every severity that occurs is listed, configured or not.
    severity: severityOf.get(frontmatter.severity)!,
  };
}

interface ViewContext {
  config: ResolvedConfig;
  asOf: string;
  summaries: Map<string, PostmortemSummary>;
  rendered: Map<string, RenderedBody>;
  link: (path: string) => string;
}

function postmortemView(postmortem: ValidPostmortem, { config, asOf, summaries, rendered, link }: ViewContext): PostmortemView {
  const { frontmatter } = postmortem;
  const summary = summaries.get(postmortem.id)!;
  const durations = postmortemDurations(postmortem);
  const body = rendered.get(postmortem.id)!;
  const milestones = milestonesOf(postmortem);
  return {
    ...summary,
    year: frontmatter.date.slice(0, 4),
    status: frontmatter.status,
    statusLabel: statusLabels[frontmatter.status] ?? frontmatter.status,
    services: frontmatter.services.map((name) => ({ label: name, href: link(servicePath(name)) })),
    teams: frontmatter.teams ?? [],
    authors: frontmatter.authors,
    reviewers: frontmatter.reviewers ?? [],
    tags: frontmatter.tags ?? [],
    factors: frontmatter.contributing_factors ?? [],
    detection: frontmatter.detection,
    milestones: milestones.map(({ label, iso, display }) => ({ label, iso, display })),
    durations: durationNames.flatMap((name) => (durations[name] === null ? [] : [{ label: durationLabels[name], value: formatDuration(durations[name]) }])),
    timeToResolve: formatDuration(durations.timeToResolve),
    impact: impactOf(postmortem),
    headline: headlineOf(postmortem),
    links: (Object.keys(linkLabels) as Array<keyof typeof linkLabels>).flatMap((key) => {
      const href = frontmatter.links?.[key];
      return href !== undefined && isWebUrl(href) ? [{ label: linkLabels[key], href }] : [];
    }),
    chat: frontmatter.links?.chat,
    timeline: timelineOf(postmortem, milestones, durations),
    body: { before: body.before, after: body.after },
    actionItems: actionItemsOf(postmortem).map((item) => actionItemView(item, actionItemState(item, asOf))),
    related: (frontmatter.related ?? []).flatMap((id) => summaries.get(id) ?? []),
    sourceUrl: config.site.repositoryUrl === undefined ? undefined : sourceUrl(config, postmortem.file),
  };
}

function servicePath(name: string): string {
  return `/services/${encodeURIComponent(name)}/`;
}

/** `2026-03-04 14:32 UTC`: one time zone for every reader. */
function utcText(iso: string): string {
  const time = instant(iso);
  return time === null ? iso : `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function isWebUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function impactOf({ frontmatter: { impact } }: ValidPostmortem): Labelled[] {
  const rows: Labelled[] = [];
  if (impact.customer_facing !== undefined) rows.push({ label: 'Customer-facing', value: impact.customer_facing ? 'Yes' : 'No' });
  if (impact.users_affected !== undefined) rows.push({ label: 'Users affected', value: formatCount(impact.users_affected) });
  if (impact.failed_requests !== undefined) rows.push({ label: 'Failed requests', value: formatCount(impact.failed_requests) });
  if (impact.support_tickets !== undefined) rows.push({ label: 'Support tickets', value: formatCount(impact.support_tickets) });
  if (impact.revenue_loss) rows.push({ label: 'Revenue loss', value: formatMoney(impact.revenue_loss.amount, impact.revenue_loss.currency) });
  return rows;
}

function headlineOf({ frontmatter: { impact } }: ValidPostmortem): string {
  const parts = [];
  if (impact.users_affected !== undefined) parts.push(`${formatCount(impact.users_affected)} users affected`);
  else if (impact.failed_requests !== undefined) parts.push(`${formatCount(impact.failed_requests)} failed requests`);
  else if (impact.support_tickets !== undefined) parts.push(`${formatCount(impact.support_tickets)} support tickets`);
  if (impact.revenue_loss) parts.push(`${formatMoney(impact.revenue_loss.amount, impact.revenue_loss.currency)} lost`);
  if (parts.length === 0) parts.push(impact.customer_facing === false ? 'No customer impact' : 'Impact not quantified');
  return parts.join(' · ');
}

interface TimeMilestone {
  label: string;
  iso: string;
  display: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/** The frontmatter's timestamps that are set, in order. */
function milestonesOf({ frontmatter }: ValidPostmortem): TimeMilestone[] {
  return (Object.keys(milestoneLabels) as Array<keyof typeof milestoneLabels>).flatMap((key) => {
    const iso = frontmatter[key];
    const at = instant(iso);
    return iso === undefined || at === null ? [] : [{ label: milestoneLabels[key], iso, display: utcText(iso), at }];
  });
}

function timelineOf(postmortem: ValidPostmortem, milestones: readonly TimeMilestone[], durations: Record<DurationName, number | null>): PostmortemView['timeline'] {
  const { frontmatter } = postmortem;
  const started = instant(frontmatter.started_at);
  const resolved = instant(frontmatter.resolved_at);
  if (started === null || resolved === null) return undefined;
  const detected = instant(frontmatter.detected_at) ?? started;
  const mitigated = instant(frontmatter.mitigated_at) ?? resolved;
  const phases: Array<Phase & { value: string }> = [
    { label: 'Before detection', className: 'phase-undetected', from: started, to: detected, value: formatDuration(durations.timeToDetect) },
    { label: 'Detected, impact ongoing', className: 'phase-impact', from: detected, to: mitigated, value: formatDuration((mitigated - detected) / 60_000) },
    { label: 'Mitigated, until resolved', className: 'phase-recovery', from: mitigated, to: resolved, value: formatDuration((resolved - mitigated) / 60_000) },
  ].filter((phase) => phase.to > phase.from);
  const marks = milestones.map(({ label, display, at }) => ({ label: `${label} ${display}`, at }));
  return {
    svg: timelineBar({
      id: 'incident-timeline',
      title: `Incident timeline, ${formatDuration(durations.timeToResolve)} from start to resolution`,
      description: marks.map((mark) => mark.label).join(', '),
      phases,
      milestones: marks,
      entries: postmortem.timeline.flatMap((entry) => instant(entry.at) ?? []),
    }),
    legend: phases.map(({ label, className, value }) => ({ label, className, value })),
  };
}

function actionItemView(item: ActionItem, state: ActionItemState): ActionItemView {
  const ticket = item.ticket?.trim();
  return {
    action: item.action,
    owner: item.owner,
    due: item.due,
    status: item.status ?? 'open',
    type: item.type ?? undefined,
    ticket: ticket ? { text: ticket, href: isWebUrl(ticket) ? ticket : undefined } : undefined,
    ...state,
  };
}

/** The file on the repository's web host, each path segment encoded. */
function sourceUrl(config: ResolvedConfig, file: string): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${config.site.repositoryUrl}/blob/${encodeURIComponent(config.site.branch)}/${path}`;
}

function serviceViews(views: readonly PostmortemView[], breakdowns: Breakdowns, link: (path: string) => string): ServiceView[] {
  const byName = new Map<string, PostmortemView[]>();
  for (const view of views) {
    for (const { label } of view.services) {
      const list = byName.get(label);
      if (list) list.push(view);
      else byName.set(label, [view]);
    }
  }
  return breakdowns.byService
    .map((group) => ({
      name: group.key,
      path: servicePath(group.key),
      url: link(servicePath(group.key)),
      postmortems: byName.get(group.key) ?? [],
      totals: [
        { label: 'Postmortems', value: formatCount(group.postmortems) },
        { label: 'Users affected', value: formatCount(group.impact.usersAffected) },
        { label: 'Revenue loss', value: formatRevenue(group.revenueLoss) },
        { label: 'Median time to resolve', value: formatDuration(group.durations.timeToResolve.medianMinutes) },
      ],
    }))
    .sort((a, b) => compareText(a.name, b.name));
}

function facets(views: readonly PostmortemView[], severities: readonly SeverityView[]): Facet[] {
  const count = (values: (view: PostmortemView) => string[]) => {
    const counts = new Map<string, number>();
    for (const view of views) for (const value of new Set(values(view))) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };
  const listed = (counts: Map<string, number>, order: string[], label: (value: string) => string = (value) => value) =>
    order.filter((value) => counts.has(value)).map((value) => ({ value, label: label(value), count: counts.get(value) ?? 0 }));
  const sorted = (counts: Map<string, number>) => [...counts.keys()].sort(compareText);
  const severityCounts = count((view) => [view.severity.id]);
  const serviceCounts = count((view) => view.services.map((service) => service.label));
  const yearCounts = count((view) => [view.year]);
  const statusCounts = count((view) => [view.status]);
  const tagCounts = count((view) => view.tags);
  const severityName = new Map(severities.map((severity) => [severity.id, severity.name]));
  return [
    { name: 'severity', label: 'Severity', values: listed(severityCounts, [...severities.map((severity) => severity.id), ...sorted(severityCounts)].filter(unique), (id) => `${id} ${severityName.get(id) ?? ''}`.trim()) },
    { name: 'service', label: 'Service', values: listed(serviceCounts, sorted(serviceCounts)) },
    { name: 'year', label: 'Year', values: listed(yearCounts, sorted(yearCounts).reverse()) },
    { name: 'status', label: 'Status', values: listed(statusCounts, [...Object.keys(statusLabels), ...sorted(statusCounts)].filter(unique), (status) => statusLabels[status] ?? status) },
    { name: 'tag', label: 'Tag', values: listed(tagCounts, sorted(tagCounts)) },
  ].filter((facet) => facet.values.length > 0);
}

function unique<T>(value: T, index: number, all: readonly T[]): boolean {
  return all.indexOf(value) === index;
}

const durationCharts: Array<{ name: DurationName; id: string }> = [
  { name: 'timeToDetect', id: 'time-to-detect' },
  { name: 'timeToMitigate', id: 'time-to-mitigate' },
  { name: 'timeToResolve', id: 'time-to-resolve' },
];

function dataTable({ headers, rows }: Rows): DataTable {
  return { columns: headers, rows: rows.map(([header = '', ...cells]) => ({ header, cells })) };
}

function dashboard(stats: Stats, breakdowns: Breakdowns, severities: readonly SeverityView[], configured: readonly Severity[]): Dashboard {
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

function column(text: ChartText, data: Omit<Parameters<typeof columnChart>[0], keyof ChartText>, table: DataTable): Chart {
  return { ...text, table, svg: columnChart({ ...text, ...data }) };
}

/** Bars, or with none, the `empty` sentence in their place. */
function horizontal(id: string, title: string, className: string, bars: Array<{ label: string; value: number; display: string }>, table: DataTable, empty = 'None yet.'): Chart {
  const description = bars.length === 0 ? empty : `${bars.map((bar) => `${bar.label} ${bar.display}`).join(', ')}.`;
  return { id, title, description, table, svg: barChart({ id, title, description, bars, className }) };
}

function actionItemsPage(views: readonly PostmortemView[], breakdowns: Breakdowns): ActionItemsPage {
  const byOwner = new Map<string, OwnerGroup['items']>();
  views.forEach((view) => {
    const summary: PostmortemSummary = { id: view.id, path: view.path, url: view.url, title: view.title, date: view.date, severity: view.severity };
    for (const item of view.actionItems) {
      if (!item.open) continue;
      const list = byOwner.get(item.owner);
      if (list) list.push({ ...item, postmortem: summary });
      else byOwner.set(item.owner, [{ ...item, postmortem: summary }]);
    }
  });
  const used = new Set<string>();
  const owners = breakdowns.actionItemsByOwner.flatMap((owner): OwnerGroup[] => {
    const items = byOwner.get(owner.owner);
    if (!items) return [];
    items.sort((a, b) => compareText(a.due, b.due) || compareText(a.postmortem.id, b.postmortem.id));
    const base = `owner-${slugify(owner.owner) || 'unnamed'}`;
    let slug = base;
    for (let number = 2; used.has(slug); number += 1) slug = `${base}-${number}`;
    used.add(slug);
    return [{ owner: owner.owner, slug, open: owner.open, overdue: owner.overdue, items }];
  });
  return {
    open: owners.reduce((sum, owner) => sum + owner.open, 0),
    overdue: owners.reduce((sum, owner) => sum + owner.overdue, 0),
    owners,
  };
}

function feed(newest: readonly ValidPostmortem[], views: readonly PostmortemView[], rendered: ViewContext['rendered'], config: ResolvedConfig): Feed {
  const entries = newest.map((postmortem, index) => {
    const view = views[index]!;
    const url = new URL(view.path.slice(1), config.site.baseUrl).href;
    return {
      id: url,
      url,
      title: xmlText(`${view.severity.id}: ${view.title}`),
      published: postmortem.frontmatter.started_at,
      updated: postmortem.frontmatter.resolved_at,
      authors: view.authors.map(xmlText),
      summary: xmlText(`${view.services.map((service) => service.label).join(', ')}. ${view.headline}. Resolved in ${view.timeToResolve}.`),
      html: xmlText(rendered.get(postmortem.id)?.html ?? ''),
    };
  });
  const updated = entries.map((entry) => entry.updated).sort((a, b) => (instant(b) ?? 0) - (instant(a) ?? 0))[0] ?? '1970-01-01T00:00:00Z';
  return { updated, entries };
}

/** Text XML can carry: control characters (allowed in YAML strings) would make the feed unreadable. */
function xmlText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function apiFiles(report: StatsReport, views: readonly PostmortemView[], config: ResolvedConfig): SiteData['files'] {
  const absolute = (path: string): string => new URL(path.slice(1), config.site.baseUrl).href;
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  const viewOf = new Map(views.map((view) => [view.id, view]));
  const postmortems = [...report.postmortems]
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
  const actionItems = views.flatMap((view) =>
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
    { path: '/api/stats.json', content: statsFormatters.json(report) },
    { path: '/api/postmortems.json', content: json({ asOf: report.stats.asOf, postmortems }) },
    { path: '/api/action-items.json', content: json({ asOf: report.stats.asOf, actionItems }) },
    { path: '/downloads/postmortems.csv', content: statsFormatters.csv(report) },
    {
      path: '/downloads/action-items.csv',
      content: stringify(actionItems, {
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
