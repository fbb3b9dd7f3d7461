import slugify from '@sindresorhus/slugify';
import type { ResolvedConfig, Severity } from '../config/config.js';
import type { ActionItem, ValidPostmortem } from '../parse/model.js';
import { durationLabels, formatCount } from '../report/stats/report.js';
import type { StatsReport } from '../report/stats/index.js';
import {
  actionItemState,
  actionItemsOf,
  computeBreakdowns,
  computeStats,
  countBySeverity,
  durationNames,
  formatDuration,
  formatMoney,
  postmortemDurations,
  severityOrder,
  type ActionItemState,
  type Breakdowns,
  type DurationName,
  type Stats,
} from '../rollup/index.js';
import { compareText } from '../rollup/order.js';
import { instant } from '../time.js';
import { emptyBody, type RenderedBody } from '../render/body.js';
import { timelineBar, type Phase } from './svg.js';

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

/**
 * What the lists and the search index show of a postmortem: made before the rest of its view, so
 * a build can start indexing while it makes the pages' views.
 */
export interface PostmortemListing extends PostmortemSummary {
  year: string;
  status: string;
  statusLabel: string;
  services: LinkView[];
  tags: string[];
  timeToResolve: string;
  /** One line for lists: users affected, failed requests or tickets, and revenue. */
  headline: string;
  /** The rendered body, split around the Action Items table (the page draws that table itself). */
  body: RenderedBody;
}

export interface PostmortemView extends PostmortemListing {
  teams: string[];
  authors: string[];
  reviewers: string[];
  factors: string[];
  detection: string | undefined;
  /** The milestones that are set, in order. */
  milestones: Array<{ label: string; iso: string; display: string }>;
  /** As written in the frontmatter. */
  startedAt: string;
  resolvedAt: string;
  durations: Labelled[];
  impact: Labelled[];
  links: LinkView[];
  chat: string | undefined;
  timeline: { svg: string; legend: Array<{ label: string; className: string; value: string }> } | undefined;
  actionItems: ActionItemView[];
  related: PostmortemSummary[];
  sourceUrl: string | undefined;
}

export interface SiteInput {
  config: ResolvedConfig;
  postmortems: readonly ValidPostmortem[];
  asOf: string;
  problems?: string[];
}

export const statusLabels: Record<string, string> = { draft: 'Draft', 'in-review': 'In review', published: 'Published' };
const milestoneLabels = {
  started_at: 'Started',
  detected_at: 'Detected',
  acknowledged_at: 'Acknowledged',
  mitigated_at: 'Mitigated',
  resolved_at: 'Resolved',
} as const;
const linkLabels = { incident: 'Incident record', dashboard: 'Dashboard', runbook: 'Runbook', ticket: 'Ticket' } as const;

/**
 * What every page of the site reads, computed once per build from the postmortems the linter
 * accepted: the rollups and one view of each postmortem. Each page module makes its own views
 * from this; templates only loop and escape.
 */
export interface SiteModel {
  config: ResolvedConfig;
  site: SiteInfo;
  severities: SeverityView[];
  /** Newest first. */
  postmortems: PostmortemView[];
  stats: Stats;
  breakdowns: Breakdowns;
  /** The rollups as `hindsight stats` reports them, for the JSON API and the CSV. */
  report: StatsReport;
  /** The site path with the path prefix: the link to write in a page. */
  link(path: string): string;
  /** Findings that kept postmortems off the site (only while serving; a build refuses them). */
  problems: string[];
}

/** The model but for the overall figures: all a postmortem's view, and its search record, needs. */
export type SiteViews = Omit<SiteModel, 'stats' | 'report'> & { newestFirst: ValidPostmortem[] };

/** The listings of the postmortems, newest first, and what every view is made with. */
export type SiteListings = Omit<SiteViews, 'postmortems' | 'breakdowns'> & { postmortems: PostmortemListing[]; summaries: Map<string, PostmortemSummary> };

/** The site's model; from views already made, when a build has started indexing from them. */
export function siteModel(input: SiteInput, views: SiteViews = siteViews(input)): SiteModel {
  const { newestFirst, ...model } = views;
  const stats = computeStats(input.postmortems, input.asOf, input.config.severities.map((severity) => severity.id));
  return { ...model, stats, report: { stats, breakdowns: model.breakdowns, postmortems: newestFirst, skipped: [], severities: input.config.severities } };
}

/** The postmortems' listings, newest first, and the site around them. */
export function siteListings({ config, postmortems, asOf, problems = [] }: SiteInput): SiteListings {
  const severities = severityViews(config.severities, postmortems);
  const severityOf = new Map(severities.map((severity) => [severity.id, severity]));
  const newestFirst = [...postmortems].sort((a, b) => compareText(b.frontmatter.date, a.frontmatter.date) || compareText(a.id, b.id));
  const base = config.site.pathPrefix.endsWith('/') ? config.site.pathPrefix : `${config.site.pathPrefix}/`;
  const link = (path: string): string => `${base}${path.slice(1)}`;
  const paths = pagePaths(newestFirst);
  const summaries = new Map(newestFirst.map((postmortem) => [postmortem.id, summaryOf(postmortem, paths, link, severityOf)]));
  return {
    config,
    site: { title: config.site.title, description: config.site.description, baseUrl: config.site.baseUrl, base, asOf },
    severities,
    postmortems: newestFirst.map((postmortem) => listingOf(postmortem, summaries.get(postmortem.id)!, link)),
    link,
    problems,
    newestFirst,
    summaries,
  };
}

/** Each postmortem's view, newest first, one at a time: a build pauses between them for the search indexer's thread. */
export function* postmortemViews(listings: SiteListings): Generator<PostmortemView> {
  for (const [index, postmortem] of listings.newestFirst.entries()) yield postmortemView(postmortem, listings.postmortems[index]!, listings);
}

/** The views of the postmortems, newest first, with the breakdowns the site charts. */
export function siteViews(input: SiteInput, listings = siteListings(input), views: PostmortemView[] = [...postmortemViews(listings)]): SiteViews {
  const { summaries: _summaries, ...site } = listings;
  return { ...site, postmortems: views, breakdowns: computeBreakdowns(input.postmortems, input.asOf, input.config.severities.map((severity) => severity.id)) };
}

/** Every configured severity, worst first, then any other that occurs; with how many postmortems each has. */
function severityViews(configured: readonly Severity[], postmortems: readonly ValidPostmortem[]): SeverityView[] {
  const counts = countBySeverity(postmortems);
  return severityOrder(postmortems, configured.map((severity) => severity.id)).map((id, index) => {
    const severity = configured.find((candidate) => candidate.id === id);
    return {
      id,
      name: severity?.name ?? id,
      definition: severity?.definition,
      className: `sev-${Math.min(index, 4) + 1}`,
      postmortems: counts[id] ?? 0,
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

function listingOf(postmortem: ValidPostmortem, summary: PostmortemSummary, link: (path: string) => string): PostmortemListing {
  const { frontmatter } = postmortem;
  return {
    ...summary,
    year: frontmatter.date.slice(0, 4),
    status: frontmatter.status,
    statusLabel: statusLabels[frontmatter.status] ?? frontmatter.status,
    services: frontmatter.services.map((name) => ({ label: name, href: link(servicePath(name)) })),
    tags: frontmatter.tags ?? [],
    timeToResolve: formatDuration(postmortemDurations(postmortem).timeToResolve),
    headline: headlineOf(postmortem),
    body: postmortem.body ?? emptyBody,
  };
}

function postmortemView(postmortem: ValidPostmortem, listing: PostmortemListing, { config, site: { asOf }, summaries }: SiteListings): PostmortemView {
  const { frontmatter } = postmortem;
  const durations = postmortemDurations(postmortem);
  const milestones = milestonesOf(postmortem);
  return {
    ...listing,
    teams: frontmatter.teams ?? [],
    authors: frontmatter.authors,
    reviewers: frontmatter.reviewers ?? [],
    factors: frontmatter.contributing_factors ?? [],
    detection: frontmatter.detection,
    milestones: milestones.map(({ label, iso, display }) => ({ label, iso, display })),
    startedAt: frontmatter.started_at,
    resolvedAt: frontmatter.resolved_at,
    durations: durationNames.flatMap((name) => (durations[name] === null ? [] : [{ label: durationLabels[name], value: formatDuration(durations[name]) }])),
    impact: impactOf(postmortem),
    links: (Object.keys(linkLabels) as Array<keyof typeof linkLabels>).flatMap((key) => {
      const href = frontmatter.links?.[key];
      return href !== undefined && isWebUrl(href) ? [{ label: linkLabels[key], href }] : [];
    }),
    chat: frontmatter.links?.chat,
    timeline: timelineOf(postmortem, milestones, durations),
    actionItems: actionItemsOf(postmortem).map((item) => actionItemView(item, actionItemState(item, asOf))),
    related: (frontmatter.related ?? []).flatMap((id) => summaries.get(id) ?? []),
    sourceUrl: config.site.repositoryUrl === undefined ? undefined : sourceUrl(config, postmortem.file),
  };
}

export function servicePath(name: string): string {
  return `/services/${encodeURIComponent(name)}/`;
}

/** `2026-03-04 14:32 UTC`: one time zone for every reader. */
export function utcText(iso: string): string {
  const time = instant(iso);
  return time === null ? iso : `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function isWebUrl(text: string): boolean {
  // Asked first, as most tickets are not URLs at all: the constructor would throw for each.
  return URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol);
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
