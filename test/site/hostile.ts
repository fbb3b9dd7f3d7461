import slugify from '@sindresorhus/slugify';
import { defaultSeverities } from '../../src/config/config.js';

/*
 * The hostile-content matrix: every user-written field with its own attack, and every place the
 * site publishes it. Each attack carries a marker, a word that stands in that field and nowhere
 * else; any script it carries would set `window.pwned` to that marker. The tests check each field
 * in each place the table names (there as text, never as markup) and check that no other place
 * has its marker: a field that reaches a new place fails until the table says so.
 *
 * `hostileFields` is the matrix; in short (P postmortem page, H home list, S search results,
 * D dashboard, A action items, O owner page, V service page, L severity levels, F feed, J JSON,
 * C CSV):
 *
 *                                                     P H S D A O V L  F J C
 *   id (the file name)                                - x x . . . x .  . x x
 *   title                                             x x x . . x x .  x x x
 *   authors                                           x . . . . . . .  x x .
 *   teams, reviewers, links.*                         x . . . . . . .  . x .
 *   x- extension keys (one nested under __proto__)    . . . . . . . .  . x .
 *   body: raw HTML, script URLs (dropped)             . . . . . . . .  . . .
 *   body: link to a web page                          x . . . . . . .  x . .
 *   body: code span, section heading, timeline entry  x . x . . . . .  x . .
 *   action item: action                               x . x . . x . .  x x x
 *   action item: owner, due                           x . x . x x . .  x x x
 *   action item: ticket (text, or a web URL)          x . x . . . . .  x x x
 *   action item: status, type, an unknown column      . . x . . . . .  x . .
 *   config: site.description                          x x . x x x x x  x . .
 *   config: severity name                             x x x x . x x x  . . .
 *   config: severity definition                       . . . . . . . x  . . .
 *
 * (`-`: only in a link, percent-encoded: the postmortem page links to its source file.) The feed
 * and the search index carry each body as Markdown renders it, its action items table as written;
 * the pages show the table the site draws from the parsed items. A title also stands in the related
 * list of the postmortems that name it, which has a test of its own.
 *
 * Fields whose schema admits no markup (dates, times, enums, kebab-case names, numbers, http(s)
 * URLs without quotes or brackets) are in `constrainedFields`: a hostile value there is refused.
 */

/** Where the site publishes what users write. `search` is the results list that the home page's script draws. */
export const places = ['postmortem', 'home', 'search', 'dashboard', 'action-items', 'owner', 'service', 'severities', 'feed', 'json', 'csv'] as const;
export type Place = (typeof places)[number];

/** The HTML pages among the places (the search results stand on the home page). */
export type PagePlace = Exclude<Place, 'search' | 'feed' | 'json' | 'csv'>;

export interface HostileField {
  /** The field, as a user would name it. */
  field: string;
  /** Where it is written: `body` fields are Markdown; action item cells are Markdown in the feed, which carries the body's own table. */
  source: 'file name' | 'frontmatter' | 'body' | 'action items' | 'config';
  /** What the user wrote, as the model holds it: what the JSON and CSV carry and the pages show. */
  value: string;
  /** What Markdown makes of `value`, where it renders it: the text a code span keeps, without the raw HTML it drops. */
  shown?: string;
  /** In `value` and nowhere else in the site. */
  marker: string;
  /** Every place that publishes the field; the places left out must not show it. */
  places: readonly Place[];
  /** Places that hold it only percent-encoded in a link: its marker stands there, its text does not. */
  linkedAt?: readonly Place[];
}

const attack = (marker: string): string => `window.pwned = '${marker}'`;

/** Lists are published item by item; each list field's first item is this value. */
export const hostileFields: readonly HostileField[] = [
  {
    field: 'id (the file name)',
    source: 'file name',
    // With the `filename` rule off, an id is whatever the file is called; its page path is a slug of it.
    value: `=1+1 "><img src=x onerror=window.pwned='xssId'> {{ 7*7 }}`,
    marker: 'xssId',
    places: ['home', 'search', 'service', 'json', 'csv'],
    linkedAt: ['postmortem'],
  },
  {
    field: 'title',
    source: 'frontmatter',
    // The control character is allowed in YAML and not in XML.
    value: `+SUM(1) <script>${attack('xssTitle')}</script><img src=x onerror="${attack('xssTitle')}"> {{ 7*7 }} {% raw %} & more\u0007`,
    marker: 'xssTitle',
    places: ['postmortem', 'home', 'search', 'owner', 'service', 'feed', 'json', 'csv'],
  },
  {
    field: 'authors',
    source: 'frontmatter',
    value: `<img src=x onerror="${attack('xssAuthor')}"> ]]> \u001B`,
    marker: 'xssAuthor',
    places: ['postmortem', 'feed', 'json'],
  },
  {
    field: 'teams',
    source: 'frontmatter',
    value: `</dd><script>${attack('xssTeam')}</script>`,
    marker: 'xssTeam',
    places: ['postmortem', 'json'],
  },
  {
    field: 'reviewers',
    source: 'frontmatter',
    value: `"><svg onload="${attack('xssReviewer')}">`,
    marker: 'xssReviewer',
    places: ['postmortem', 'json'],
  },
  {
    field: 'links.chat',
    source: 'frontmatter',
    value: `<b onmouseover="${attack('xssChat')}">#incidents</b>`,
    marker: 'xssChat',
    places: ['postmortem', 'json'],
  },
  // The schema admits http(s) URLs only, without quotes or angle brackets; an apostrophe and an ampersand it allows.
  ...(['incident', 'dashboard', 'runbook', 'ticket'] as const).map(
    (key): HostileField => ({
      field: `links.${key}`,
      source: 'frontmatter',
      value: `https://${key}.example.com/xssLink${key}?a=1&b=2'onmouseover='window.pwned=1'`,
      marker: `xssLink${key}`,
      places: ['postmortem', 'json'],
    }),
  ),
  {
    field: 'x- extension key',
    source: 'frontmatter',
    value: `<script>${attack('xssExtension')}</script>`,
    marker: 'xssExtension',
    places: ['json'],
  },
  {
    field: 'x- extension key, nested under `__proto__`',
    source: 'frontmatter',
    value: `<img src=x onerror="${attack('xssProto')}">`,
    marker: 'xssProto',
    places: ['json'],
  },
  {
    field: 'body: raw HTML',
    source: 'body',
    // Raw HTML in Markdown is dropped, so none of it is published anywhere.
    value: `<script>${attack('xssRawHtml')}</script> <img src=x onerror="${attack('xssRawHtml')}"> <svg onload="${attack('xssRawHtml')}"></svg> <iframe src="javascript:${attack('xssRawHtml')}"></iframe> <a href="javascript:${attack('xssRawHtml')}">raw link</a>`,
    marker: 'xssRawHtml',
    places: [],
  },
  {
    field: 'body: script URLs in links and images',
    source: 'body',
    // Dropped in any spelling; the link text stays.
    value: `[a link](javascript:window.pwned='xssScriptUrl') [another](JaVaScRiPt:window.pwned='xssScriptUrl') ![pixel](javascript:window.pwned='xssScriptUrl') [data](data:text/html,xssScriptUrl)`,
    marker: 'xssScriptUrl',
    places: [],
  },
  {
    field: 'body: link to a web page',
    source: 'body',
    value: `[the runbook](https://runbook.example.com/xssBodyLink'onmouseover='window.pwned=1')`,
    shown: `https://runbook.example.com/xssBodyLink'onmouseover='window.pwned=1'`,
    marker: 'xssBodyLink',
    places: ['postmortem', 'feed'],
  },
  {
    field: 'body: code span and template syntax',
    source: 'body',
    // The entity stays as written: the text a reader sees is `&lt;`, not `<`.
    value: `\`<img src=x onerror="${attack('xssCode')}"> &lt;i&gt;\` {{ 7*7 }} {% raw %}`,
    shown: `<img src=x onerror="${attack('xssCode')}"> &lt;i&gt; {{ 7*7 }} {% raw %}`,
    marker: 'xssCode',
    places: ['postmortem', 'search', 'feed'],
  },
  {
    field: 'body: section heading',
    source: 'body',
    value: `Where We Got Lucky \`<svg onload="${attack('xssHeading')}">\` {{ 7*7 }}`,
    shown: `Where We Got Lucky <svg onload="${attack('xssHeading')}"> {{ 7*7 }}`,
    marker: 'xssHeading',
    places: ['postmortem', 'search', 'feed'],
  },
  {
    field: 'body: timeline entry',
    source: 'body',
    value: `Paged \`<script>${attack('xssTimeline')}</script>\` on call {{ 7*7 }}`,
    shown: `Paged <script>${attack('xssTimeline')}</script> on call {{ 7*7 }}`,
    marker: 'xssTimeline',
    places: ['postmortem', 'search', 'feed'],
  },
  {
    field: 'action item: action',
    source: 'action items',
    value: `-1+1 xssAction <img src=x onerror="${attack('xssAction')}"> {{ 7*7 }}`,
    shown: '-1+1 xssAction {{ 7*7 }}',
    marker: 'xssAction',
    places: ['postmortem', 'search', 'owner', 'feed', 'json', 'csv'],
  },
  {
    field: 'action item: owner',
    source: 'action items',
    value: `@SUM(1+1) <b onmouseover="${attack('xssOwner')}">Mallory xssOwner</b>`,
    shown: '@SUM(1+1) Mallory xssOwner',
    marker: 'xssOwner',
    places: ['postmortem', 'search', 'action-items', 'owner', 'feed', 'json', 'csv'],
  },
  {
    field: 'action item: due',
    source: 'action items',
    // With the `action-items-table` rule off, a due date is whatever the cell says.
    value: `=2+3 xssDue <svg onload="${attack('xssDue')}">`,
    shown: '=2+3 xssDue',
    marker: 'xssDue',
    places: ['postmortem', 'search', 'action-items', 'owner', 'feed', 'json', 'csv'],
  },
  {
    field: 'action item: ticket',
    source: 'action items',
    value: `javascript:window.pwned='xssTicketText'`,
    marker: 'xssTicketText',
    places: ['postmortem', 'search', 'feed', 'json', 'csv'],
  },
  {
    field: 'action item: ticket that is a web URL',
    source: 'action items',
    value: `https://tickets.example.com/xssTicketUrl'onmouseover='window.pwned=1'`,
    marker: 'xssTicketUrl',
    places: ['postmortem', 'search', 'feed', 'json', 'csv'],
  },
  {
    field: 'action item: status',
    source: 'action items',
    // Unknown, with the rule off: the site reads it as no known status.
    value: `done xssStatus <b onmouseover="${attack('xssStatus')}">!</b>`,
    shown: 'done xssStatus !',
    marker: 'xssStatus',
    places: ['search', 'feed'],
  },
  {
    field: 'action item: type',
    source: 'action items',
    value: `prevent xssType <img src=x onerror="${attack('xssType')}">`,
    shown: 'prevent xssType',
    marker: 'xssType',
    places: ['search', 'feed'],
  },
  {
    field: 'action item: a column Hindsight does not know',
    source: 'action items',
    value: `<iframe src="javascript:${attack('xssColumn')}"></iframe> xssColumn {{ 7*7 }}`,
    shown: 'xssColumn {{ 7*7 }}',
    marker: 'xssColumn',
    places: ['search', 'feed'],
  },
  {
    field: 'config: site.description',
    source: 'config',
    value: `Incident reviews <img src=x onerror="${attack('xssDescription')}"> {{ 7*7 }}`,
    marker: 'xssDescription',
    places: ['postmortem', 'home', 'dashboard', 'action-items', 'owner', 'service', 'severities', 'feed'],
  },
  {
    field: 'config: severity name',
    source: 'config',
    value: `Minor <b onmouseover="${attack('xssSeverityName')}">!</b>`,
    marker: 'xssSeverityName',
    places: ['postmortem', 'home', 'search', 'dashboard', 'owner', 'service', 'severities'],
  },
  {
    field: 'config: severity definition',
    source: 'config',
    value: `<script>${attack('xssSeverityDefinition')}</script> {{ 7*7 }}`,
    marker: 'xssSeverityDefinition',
    places: ['severities'],
  },
];

/** A field's value, by its name in the table. */
export function valueOf(field: string): string {
  const found = hostileFields.find((entry) => entry.field === field);
  if (!found) throw new Error(`No hostile field ${field}`);
  return found.value;
}

export const hostileId = valueOf('id (the file name)');
export const hostileTitle = valueOf('title');
export const hostileOwner = valueOf('action item: owner');

/** Each page place's path on the site. The hostile postmortem's page and its owner's are at slugs of the id and the name. */
export const placePaths: Record<PagePlace, string> = {
  postmortem: `/postmortems/${slugify(hostileId)}/`,
  home: '/',
  dashboard: '/dashboard/',
  'action-items': '/action-items/',
  owner: `/owners/${slugify(hostileOwner)}/`,
  service: '/services/web/',
  severities: '/severities/',
};

/** Each place's files under the site folder (`search` is the index, which the browser test reads). */
export const placeFiles: Record<Exclude<Place, 'search'>, string[]> = {
  ...(Object.fromEntries(Object.entries(placePaths).map(([place, path]) => [place, [`${path.slice(1)}index.html`]])) as Record<PagePlace, string[]>),
  feed: ['feed.xml'],
  json: ['api/postmortems.json', 'api/action-items.json', 'api/stats.json'],
  csv: ['downloads/postmortems.csv', 'downloads/action-items.csv'],
};

/**
 * The hostile postmortem's file: every field above that a postmortem holds. Its first action item
 * holds every hostile cell, open and due on a hostile day; the second has a hostile status and type,
 * and a ticket that is a web URL; the third repeats the first's action and owner, overdue, so that
 * the overdue list of `/api/stats.json` carries them too.
 */
export function hostileFile(): [string, string] {
  const yaml = (field: string): string => JSON.stringify(valueOf(field));
  const cell = (field: string): string => valueOf(field).replaceAll('|', '\\|');
  const links = ['incident', 'dashboard', 'runbook', 'ticket', 'chat'].map((key) => `  ${key}: ${yaml(`links.${key}`)}\n`).join('');
  const text = `---
title: ${yaml('title')}
date: 2025-05-05
severity: SEV3
status: published
services:
  - web
authors:
  - ${yaml('authors')}
teams:
  - ${yaml('teams')}
reviewers:
  - ${yaml('reviewers')}
started_at: 2025-05-05T14:32:00Z
detected_at: 2025-05-05T14:34:00Z
acknowledged_at: 2025-05-05T14:36:00Z
mitigated_at: 2025-05-05T15:20:00Z
resolved_at: 2025-05-05T15:45:00Z
links:
${links}impact:
  users_affected: 12
x-notes: ${yaml('x- extension key')}
x-nested:
  __proto__: ${yaml('x- extension key, nested under `__proto__`')}
---

## Summary

${valueOf('body: raw HTML')}

${valueOf('body: script URLs in links and images')}

See ${valueOf('body: link to a web page')}; ${valueOf('body: code span and template syntax')} stay text.

## Impact

Twelve users saw a broken page.

## Timeline

- 14:32 UTC - Deploy reaches all pods
- 14:34 UTC - Error-rate alert fires
- 14:40 UTC - ${valueOf('body: timeline entry')}
- 15:20 UTC - Rollback completes

## Root Cause

A template rendered user input.

## What Went Well

The alert fired within two minutes.

## What Went Poorly

Nobody had tried hostile input before.

## ${valueOf('body: section heading')}

The attack was caught in review.

## Action Items

| Action | Owner | Due | Status | Type | Ticket | Notes |
|---|---|---|---|---|---|---|
| ${cell('action item: action')} | ${cell('action item: owner')} | ${cell('action item: due')} | open | prevent | ${cell('action item: ticket')} | ${cell('action item: a column Hindsight does not know')} |
| Escape every field | Mallory | 2025-05-20 | ${cell('action item: status')} | ${cell('action item: type')} | ${cell('action item: ticket that is a web URL')} | |
| ${cell('action item: action')} | ${cell('action item: owner')} | 2025-05-20 | in-progress | detect | | |

## Lessons Learned

Escape by default.
`;
  return [`postmortems/${hostileId}.md`, text];
}

/**
 * The corpus's configuration. The `filename` and `action-items-table` rules are off, so that a
 * hostile id and due date reach the site, which must be safe whatever the rules say, and so is
 * `no-placeholder`, since `<script>` reads as a placeholder. The severity SEV3 and the site's
 * description are hostile too.
 */
export function hostileConfig(): Record<string, unknown> {
  return {
    rules: { 'no-placeholder': 'off', filename: 'off', 'action-items-table': 'off' },
    severities: defaultSeverities.map((severity) =>
      severity.id === 'SEV3' ? { ...severity, name: valueOf('config: severity name'), definition: valueOf('config: severity definition') } : severity,
    ),
    site: { title: 'Example Postmortems', description: valueOf('config: site.description'), repositoryUrl: 'https://github.com/example/incidents/' },
  };
}

/**
 * Fields whose schema admits no markup, each with a hostile value as an edit of the shared valid
 * postmortem: the schema refuses it, so no place can publish it.
 */
export const constrainedFields: ReadonlyArray<{ field: string; search: string; replacement: string }> = (() => {
  const bad = '"<img src=x onerror=alert(1)>"';
  return [
    { field: 'date', search: 'date: 2026-03-04', replacement: `date: ${bad}` },
    { field: 'severity', search: 'severity: SEV1', replacement: `severity: ${bad}` },
    { field: 'status', search: 'status: published', replacement: `status: ${bad}` },
    { field: 'services', search: '  - checkout-api', replacement: `  - ${bad}` },
    ...['started_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at'].map((key) => ({ field: key, search: `${key}: `, replacement: `${key}: ${bad}\nx-was-${key}: ` })),
    { field: 'detection', search: 'impact:\n', replacement: `detection: ${bad}\nimpact:\n` },
    { field: 'impact.customer_facing', search: 'impact:\n', replacement: `impact:\n  customer_facing: ${bad}\n` },
    { field: 'impact.users_affected', search: 'users_affected: 1032', replacement: `users_affected: ${bad}` },
    { field: 'impact.failed_requests', search: 'impact:\n', replacement: `impact:\n  failed_requests: ${bad}\n` },
    { field: 'impact.support_tickets', search: 'impact:\n', replacement: `impact:\n  support_tickets: ${bad}\n` },
    { field: 'impact.revenue_loss.amount', search: 'amount: 15000', replacement: `amount: ${bad}` },
    { field: 'impact.revenue_loss.currency', search: 'currency: USD', replacement: `currency: ${bad}` },
    { field: 'contributing_factors', search: 'impact:\n', replacement: `contributing_factors:\n  - ${bad}\nimpact:\n` },
    { field: 'tags', search: 'impact:\n', replacement: `tags:\n  - ${bad}\nimpact:\n` },
    { field: 'related', search: 'impact:\n', replacement: `related:\n  - ${bad}\nimpact:\n` },
    { field: 'links.incident, a script URL', search: 'impact:\n', replacement: `links:\n  incident: "javascript:alert(1)"\nimpact:\n` },
    { field: 'links.dashboard, with markup', search: 'impact:\n', replacement: `links:\n  dashboard: "https://example.com/\\"><img src=x onerror=alert(1)>"\nimpact:\n` },
    { field: 'a key the schema does not know', search: 'impact:\n', replacement: `notes: ${bad}\nimpact:\n` },
  ];
})();

// What the checks compare.

/** Runs of white space as one space: markup a renderer drops leaves two spaces where it stood. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The characters XML cannot carry, which the feed leaves out. */
export const notInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** The text a place shows of a field. */
/** Whether the field's marker stands in the place: where it is published, or linked to. */
export function markedAt(field: HostileField, place: Place): boolean {
  return field.places.includes(place) || (field.linkedAt?.includes(place) ?? false);
}

export function expectedText(field: HostileField, place: Place): string {
  const markdown = field.source === 'body' || (field.source === 'action items' && (place === 'feed' || place === 'search'));
  const text = markdown ? (field.shown ?? field.value) : field.value;
  return place === 'feed' ? text.replace(notInXml, '') : text;
}

/** A CSV cell that a spreadsheet would run as a formula is published with a leading `'`. */
export function csvCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}
export const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * The value's markup that must never stand in a page as written: from each `<` to the marker
 * after it (`<img src=x onerror="window.pwned = 'xssTitle'`). Escaped, it is text.
 */
export function rawMarkup(field: HostileField): string[] {
  const { value, marker } = field;
  const segments: string[] = [];
  for (let index = value.indexOf('<'); index !== -1; index = value.indexOf('<', index + 1)) {
    const end = value.indexOf(marker, index);
    if (end !== -1) segments.push(value.slice(index, end + marker.length));
  }
  return segments;
}

/** The character references the site's renderers write, decoded. */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(lt|gt|amp|quot|apos));/gi, (_, hex?: string, decimal?: string, name?: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : decimal ? String.fromCodePoint(Number(decimal)) : named[name!.toLowerCase()]!,
  );
}

export interface Tag {
  name: string;
  attributes: Array<{ name: string; value: string }>;
  /** Where it starts in the text. */
  at: number;
}

const tagPattern = /<!--[\s\S]*?-->|<!doctype [^>]*>|<\?xml [^>]*\?>|<\/([a-zA-Z][\w:-]*)\s*>|<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/iy;
const attributePattern = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * The start tags of HTML (or XML) as a browser reads them, attribute values decoded; a `<` that
 * starts no tag, comment or end tag but is followed by a letter, `/` or `!` is markup no renderer
 * of the site writes, and is returned as `unparsed`.
 */
export function scanTags(html: string): { tags: Tag[]; unparsed: string[] } {
  const tags: Tag[] = [];
  const unparsed: string[] = [];
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    tagPattern.lastIndex = at;
    const match = tagPattern.exec(html);
    if (!match) {
      if (/[a-zA-Z/!?]/.test(html[at + 1] ?? '')) unparsed.push(html.slice(at, at + 60));
      continue;
    }
    if (match[2] !== undefined) {
      const attributes = [...(match[3] ?? '').matchAll(attributePattern)].map((attribute) => ({
        name: attribute[1]!.toLowerCase(),
        value: decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''),
      }));
      tags.push({ name: match[2].toLowerCase(), attributes, at });
    }
    at = tagPattern.lastIndex - 1;
  }
  return { tags, unparsed };
}

/** What a reader can read in HTML (or XML): its text, and each attribute value, decoded, white space squashed. */
export function readable(html: string): string[] {
  const { tags, unparsed } = scanTags(html);
  if (unparsed.length > 0) throw new Error(`Unparsed markup: ${unparsed.join(', ')}`);
  const text = html.replace(new RegExp(tagPattern.source, 'gi'), '');
  return [squash(decodeEntities(text)), ...tags.flatMap((tag) => tag.attributes.map((attribute) => squash(attribute.value)))];
}

/** Elements that run, load or embed something, which no user text may make. */
const activeElements = /^(script|iframe|frame|frameset|object|embed|applet|base|style|math|template|portal|foreignobject|animate|animatemotion|animatetransform|set|use|image|meta|link)$/;
const urlAttributes = /^(href|src|action|formaction|poster|data|cite|background|ping|xlink:href)$/;

/**
 * What in a page could run: elements that run or embed, other than the site's own scripts, meta
 * tags and links; event-handler, style and `srcdoc` attributes; script URLs; any tag or attribute
 * named by a marker; markup that is not a well-formed tag. Empty for an inert page.
 */
export function activeMarkup(html: string): string[] {
  const { tags, unparsed } = scanTags(html);
  const problems = unparsed.map((text) => `unparsed markup: ${text}`);
  for (const { name, attributes } of tags) {
    const attribute = (key: string): string | undefined => attributes.find((candidate) => candidate.name === key)?.value;
    const own =
      (name === 'script' && attribute('type') === 'module' && /^\/assets\/\w+\.js$/.test(attribute('src') ?? '') && attributes.length === 2) ||
      (name === 'meta' && attributes.every((candidate) => ['charset', 'name', 'content', 'http-equiv'].includes(candidate.name)) && (attribute('http-equiv') ?? 'content-security-policy').toLowerCase() === 'content-security-policy') ||
      (name === 'link' && ['stylesheet', 'icon', 'alternate'].includes(attribute('rel') ?? '') && /^\/(assets\/[\w.-]+|feed\.xml)$/.test(attribute('href') ?? ''));
    if (activeElements.test(name) && !own) problems.push(`<${name} ${attributes.map((candidate) => candidate.name).join(' ')}>`);
    if (/xss/i.test(name)) problems.push(`a tag named by a marker: <${name}>`);
    for (const { name: key, value } of attributes) {
      if (/^on/.test(key) || ['style', 'srcdoc'].includes(key) || /xss/i.test(key)) problems.push(`<${name} ${key}=…>`);
      if (urlAttributes.test(key) && /^(javascript|vbscript|data):/i.test(value.replace(/[\s\u0000-\u001F]/g, ''))) problems.push(`<${name} ${key}="${value}">`);
    }
  }
  // A script's text would run too: the site's scripts have none.
  for (const [, text] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)) if (text !== '') problems.push(`script text: ${text!.slice(0, 60)}`);
  return problems;
}

/** RFC 4180 CSV, strictly: a quote inside an unquoted cell, or a bare line break, throws. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted) {
      if (character !== '"') cell += character;
      else if (text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else quoted = false;
    } else if (character === '"' && cell === '' && !wasQuoted) quoted = wasQuoted = true;
    else if (character === ',') {
      row.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      wasQuoted = false;
      index += 1;
    } else if (character === '"' || character === '\r' || character === '\n' || wasQuoted) {
      throw new Error(`Malformed CSV at ${index}: ${JSON.stringify(text.slice(Math.max(0, index - 20), index + 20))}`);
    } else cell += character;
  }
  if (quoted) throw new Error('Malformed CSV: an unclosed quote');
  if (cell !== '' || row.length > 0) throw new Error('Malformed CSV: the last record has no line end');
  return rows;
}

/** Every string in a JSON value, keys included, at any depth. */
export function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, member]) => [key, ...jsonStrings(member)]);
  return [];
}

/**
 * The browser's view of a document or element, as the source of a function to run in the page:
 * what in it could run (as `activeMarkup` finds in a file) and everything a reader can read in it
 * (its text, the page title and each attribute value), white space squashed.
 */
export const pageProbe = `(root) => {
  const problems = [];
  const texts = [root.title ?? '', (root.documentElement ?? root).textContent ?? ''];
  const elements = root.nodeType === 1 ? [root, ...root.querySelectorAll('*')] : [...root.querySelectorAll('*')];
  for (const element of elements) {
    const name = element.localName.toLowerCase();
    if (${activeElements}.test(name) && !['meta', 'link', 'script'].includes(name)) problems.push('<' + name + '>');
    if (name === 'script' && !(element.getAttribute('type') === 'module' && /^\\/assets\\/\\w+\\.js$/.test(element.getAttribute('src') ?? '') && element.textContent === '')) problems.push(element.outerHTML.slice(0, 80));
    for (const attribute of element.attributes) {
      texts.push(attribute.value);
      if (/^on/i.test(attribute.name) || /^(style|srcdoc)$/i.test(attribute.name) || /xss/i.test(attribute.name)) problems.push('<' + name + ' ' + attribute.name + '=…>');
      if (${urlAttributes}.test(attribute.name) && /^(javascript|vbscript|data):/i.test(attribute.value.replace(/[\\s\\u0000-\\u001F]/g, ''))) problems.push('<' + name + ' ' + attribute.name + '="' + attribute.value + '">');
    }
  }
  return { problems, texts: texts.map((text) => text.replace(/\\s+/g, ' ').trim()) };
}`;
