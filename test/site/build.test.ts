import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { runLint } from '../../src/lint/run.js';
import { packagePath } from '../../src/package-root.js';
import { buildSite } from '../../src/site/build.js';
import { siteModel, type SiteModel } from '../../src/site/model.js';
import { siteParts } from '../../src/site/page.js';
import { pageSets } from '../../src/site/pages/index.js';
import { searchRecord, searchShards, type SearchRecord } from '../../src/site/search-index.js';
import { edit, findings, validPostmortem } from '../helpers/lint.js';
import { hostileId, hostileOwner, hostileTitle, siteCorpus, uniqueWord } from './corpus.js';
import {
  activeMarkup,
  constrainedFields,
  csvCell,
  decodeEntities,
  expectedText,
  formulaStart,
  hostileConfig,
  hostileFields,
  jsonStrings,
  markedAt,
  notInXml,
  parseCsv,
  placeFiles,
  placePaths,
  rawMarkup,
  readable,
  scanTags,
  squash,
  valueOf,
  type HostileField,
  type Place,
} from './hostile.js';
import { hindsight, writeFiles } from '../helpers/cli.js';
import { buildFixture, postmortem, removeFolders, tempFolder, type BuiltFixture } from './helpers.js';

const asOf = '2026-06-01';
const checkoutId = '2026-03-04-checkout-outage';
const searchId = '2025-11-02-search-index-lag';

let site: BuiltFixture;
beforeAll(async () => {
  site = await buildFixture(siteCorpus(), asOf);
});
afterAll(removeFolders);

/** The search index's record of each postmortem in a repository, by id. */
async function searchRecords(root: string): Promise<Map<string, SearchRecord>> {
  const { config, valid } = await runLint({ cwd: root, asOf, render: true, slim: true });
  const shards = searchShards(siteModel({ config, postmortems: valid, asOf }).postmortems, config.site.searchShardSize);
  return new Map(shards.flatMap((shard) => shard.postmortems.map((view) => [view.id, searchRecord(view)] as const)));
}

/** How the build states a site's size: its files, and their bytes in megabytes. */
function sizeOf(out: string): string {
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const bytes = files.reduce((total, entry) => total + statSync(join(entry.parentPath, entry.name)).size, 0);
  return `${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`;
}

/** Every file the build wrote, by path under the site. */
function outputFiles(out: string): string[] {
  return readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(out.length + 1));
}

describe('hindsight build', () => {
  it('lints, then writes the site and says what it built', () => {
    expect(site.exitCode).toBe(0);
    expect(site.stderr).toBe('');
    expect(site.stdout).toMatch(/^Built 6 postmortems into _site\/: \d+ files, [\d.]+ MB, in [\d.]+s\n$/);
    expect(site.stdout).toContain(`: ${sizeOf(join(site.root, '_site'))}, in `);
  });

  it('writes every page, the feed, the API and the downloads', () => {
    const files = outputFiles(site.out);
    for (const path of [
      'index.html',
      `postmortems/${checkoutId}/index.html`,
      `${placePaths.postmortem.slice(1)}index.html`,
      'dashboard/index.html',
      'action-items/index.html',
      'owners/bob/index.html',
      'services/index.html',
      'services/checkout-api/index.html',
      'services/search-indexer/index.html',
      'severities/index.html',
      'feed.xml',
      'api/stats.json',
      'api/postmortems.json',
      'api/action-items.json',
      'downloads/postmortems.csv',
      'downloads/action-items.csv',
      'assets/site.css',
      'assets/search.js',
      'assets/overdue.js',
      'pagefind/2026-03/pagefind.js',
      'pagefind/2024-06/pagefind.js',
      '404.html',
    ]) {
      expect(files).toContain(path);
    }
  });

  it('lists every postmortem on the home page, newest first, with badge, date, services, resolve time and impact', () => {
    const home = site.read('index.html');
    const order = [...home.matchAll(/<li data-id="([^"]+)">/g)].map((match) => decodeEntities(match[1]!));
    expect(order).toEqual([checkoutId, '2026-01-20-cdn-certificate', searchId, '2025-08-09-login-errors', hostileId, '2024-06-15-payments-timeout']);
    const card = home.slice(home.indexOf(`<li data-id="${checkoutId}">`), home.indexOf('</li>', home.indexOf(`<li data-id="${checkoutId}">`)));
    expect(card).toContain('<span class="badge sev-1" title="Critical">SEV1</span>');
    expect(card).toContain('<time datetime="2026-03-04">2026-03-04</time>');
    expect(card).toContain('<span class="chip">checkout-api</span>');
    expect(card).toContain('Resolved in 1h 13m');
    expect(card).toContain('1,032 users affected · $15,000 lost');
    expect(card).toContain(`href="/postmortems/${checkoutId}/"`);
  });

  it('offers search facets for severity, service, year, status and tag, from the postmortems', () => {
    const home = site.read('index.html');
    const facets = [...home.matchAll(/<fieldset data-facet="([^"]+)">/g)].map((match) => match[1]);
    expect(facets).toEqual(['severity', 'service', 'year', 'status', 'tag']);
    expect(home).toContain('<input type="checkbox" name="year" value="2024"/> 2024 <span class="count">1</span>');
    expect(home).toContain('<input type="checkbox" name="status" value="draft"/> Draft <span class="count">1</span>');
  });

  it('indexes each postmortem from the model: its title and text, the fields a result shows, its filters and date', async () => {
    const records = await searchRecords(site.root);
    expect(records.get(searchId)).toEqual({
      url: `/postmortems/${searchId}/`,
      content: expect.stringMatching(/^Search results stale for six hours after indexer backlog\nSummary\n/),
      language: 'en',
      meta: {
        title: 'Search results stale for six hours after indexer backlog',
        id: searchId,
        link: `/postmortems/${searchId}/`,
        date: '2025-11-02',
        severity: 'SEV3',
        severityName: valueOf('config: severity name'),
        severityClass: 'sev-3',
        services: 'search search-indexer',
        resolvedIn: expect.stringMatching(/^\d+h( \d+m)?$/),
        status: 'published',
        statusLabel: 'Published',
        headline: expect.any(String),
      },
      filters: { severity: ['SEV3'], service: ['search', 'search-indexer'], year: ['2025'], status: ['published'], tag: ['search'], day: ['2025-11-02'] },
    });
    expect(records.get(searchId)?.content).toContain(uniqueWord);
    // The action items are text of the body, as written.
    expect(records.get(searchId)?.content).toContain('Alert on indexer queue age');
    // No tags, no tag filter.
    expect(records.get('2026-01-20-cdn-certificate')?.filters).not.toHaveProperty('tag');
    // The pages carry nothing for the indexer: it never reads them.
    for (const { url } of records.values()) expect(site.read(`${url.slice(1)}index.html`)).not.toContain('data-pagefind');
  });

  it('shows a postmortem: header card, links, timeline bar, body, action items with overdue marks, related, source', () => {
    const page = site.read(`postmortems/${checkoutId}/index.html`);
    expect(page).toContain('<dt>Time to detect</dt><dd>2m</dd>');
    expect(page).toContain('<dt>Time to mitigate</dt><dd>48m</dd>');
    expect(page).toContain('<dt>Time to resolve</dt><dd>1h 13m</dd>');
    expect(page).toContain('<dt>Users affected</dt><dd>1,032</dd>');
    expect(page).toContain('<dt>Revenue loss</dt><dd>$15,000</dd>');
    expect(page).toMatch(/<svg class="timeline" viewBox="0 0 1000 44" role="img" aria-labelledby="incident-timeline-title incident-timeline-desc"/);
    expect(page).toContain('<title id="incident-timeline-title">Incident timeline, 1h 13m from start to resolution</title>');
    expect(page).toContain('<h2 id="user-content-root-cause"><a href="#user-content-root-cause" class="heading-link">Root Cause</a></h2>');
    // The done item has no due-date marks; the in-progress one is 79 days overdue on the as-of day.
    expect(page).toMatch(/<tr><td>Add pool metrics to the dashboard<\/td>/);
    expect(page).toMatch(/<tr data-due="2026-03-14" class="is-overdue"><td>Load test the checkout flow<\/td>/);
    expect(page).toContain('<span class="overdue-mark" data-overdue-mark>Overdue by 79 days</span>');
    expect(page).toContain('Overdue as of 2026-06-01, when this site was built.');
    expect(page).toContain(`<a href="https://github.com/example/incidents/blob/main/postmortems/${checkoutId}.md" rel="noopener noreferrer">View the source file</a>`);
    // The body's own Action Items table is replaced by the page's, not repeated.
    expect(page.match(/Load test the checkout flow/g)).toHaveLength(1);
  });

  it('links related incidents by title, a hostile title as text', async () => {
    const [file, text] = postmortem({ date: '2026-03-05', slug: 'repeat-outage', title: 'The pool ran out again' });
    const [hostileFile, hostileText] = postmortem({ date: '2026-03-06', slug: 'hostile-related', title: hostileTitle });
    const related = await buildFixture({ ...siteCorpus(), [hostileFile]: hostileText, [file]: edit(text, 'impact:\n', `related:\n  - ${checkoutId}\n  - 2026-03-06-hostile-related\nimpact:\n`) }, asOf);
    const page = related.read('postmortems/2026-03-05-repeat-outage/index.html');
    expect(page).toContain(`<a href="/postmortems/${checkoutId}/">Checkout outage from database connection pool exhaustion</a>`);
    expect(page).toContain('<a href="/postmortems/2026-03-06-hostile-related/">+SUM(1) &lt;script>');
    expect(activeMarkup(page)).toEqual([]);
    expect(readable(page).some((shown) => shown.includes(squash(hostileTitle)))).toBe(true);
  });

  it('draws the dashboard charts as inline SVG, each with a title and a data table', () => {
    const dashboard = site.read('dashboard/index.html');
    const charts = [...dashboard.matchAll(/<figure class="chart-figure" id="([^"]+)">/g)].map((match) => match[1]);
    expect(charts).toEqual(['incidents-by-quarter', 'time-to-detect', 'time-to-mitigate', 'time-to-resolve', 'revenue-usd', 'top-services', 'recurring-factors']);
    for (const id of charts) {
      expect(dashboard).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
      expect(dashboard).toContain(`<table><caption id="${id}-table-caption">`);
    }
    expect(dashboard).toContain('<dt>Postmortems</dt><dd>6</dd>');
    expect(dashboard).not.toMatch(/<script/);
  });

  it('sums up open action items by owner, most overdue first, each owner linking to their items', () => {
    const page = site.read('action-items/index.html');
    const owners = [...page.matchAll(/<th scope="row"><a href="\/owners\/([^/]+)\/">([^<]+)<\/a><\/th>/g)].map((match) => [match[1], match[2]]);
    // Most overdue first, then most open, then by name; Dana's only open item is due in 2099.
    expect(owners.at(-1)).toEqual(['dana', 'Dana']);
    expect(owners.map(([, name]) => name)).toContain('Bob');
    expect(page).toContain('Overdue as of 2026-06-01, when this site was built.');
    // Dana: one open item, not overdue when built, due on 2099-01-01 (the page's script counts it once that day passes).
    expect(page).toMatch(/<a href="\/owners\/dana\/">Dana<\/a><\/th><td>1<\/td><td><span data-overdue-at-build="0" data-upcoming="2099-01-01">0<\/span><\/td><td><time datetime="2099-01-01">2099-01-01<\/time><\/td>/);
    expect(page).not.toContain('Size the nightly batch');
  });

  it("lists each owner's open items on their own page, by due date, with overdue marks as of the build", () => {
    const page = site.read('owners/dana/index.html');
    expect(page).toContain('<h1 id="owner-heading">Dana</h1>');
    expect(page).toContain('<tr data-due="2099-01-01">');
    expect(page).not.toContain('Size the nightly batch');
    const bob = site.read('owners/bob/index.html');
    expect(bob).toMatch(/<tr data-due="2026-03-14" class="is-overdue"><td>Load test the checkout flow<\/td>/);
    expect(bob).toContain('Overdue by 79 days');
  });

  it('lists the severity levels from the configuration', () => {
    const page = site.read('severities/index.html');
    expect(page).toContain('<dt><span class="badge sev-1" title="Critical">SEV1</span> Critical</dt>');
    expect(page).toContain('A core customer journey (sign-in, checkout, payments) is down or losing data for most customers.');
  });

  it('publishes /api/stats.json equal to `hindsight stats --format json` for the same day', async () => {
    const stats = await hindsight(site.root, ['stats', '--format', 'json', '--as-of', asOf]);
    expect(stats.exitCode).toBe(0);
    expect(site.read('api/stats.json')).toBe(stats.stdout);
  });

  it('publishes the postmortems and action items as JSON', () => {
    const { asOf: day, postmortems } = JSON.parse(site.read('api/postmortems.json')) as { asOf: string; postmortems: Array<Record<string, unknown>> };
    expect(day).toBe(asOf);
    expect(postmortems.map((entry) => entry.id)).toHaveLength(6);
    expect(postmortems[0]).toMatchObject({
      id: checkoutId,
      url: `http://localhost:8080/postmortems/${checkoutId}/`,
      frontmatter: { title: 'Checkout outage from database connection pool exhaustion', severity: 'SEV1' },
      durations: { timeToDetect: 2, timeToAcknowledge: 2, timeToMitigate: 48, timeToResolve: 73 },
      actionItems: { total: 2, open: 1, overdue: 1 },
    });
    const { actionItems } = JSON.parse(site.read('api/action-items.json')) as { actionItems: Array<Record<string, unknown>> };
    expect(actionItems).toContainEqual({
      postmortem: checkoutId,
      action: 'Load test the checkout flow',
      owner: 'Bob',
      due: '2026-03-14',
      status: 'in-progress',
      type: 'prevent',
      ticket: null,
      open: true,
      overdue: true,
      daysOverdue: 79,
    });
  });

  it('offers CSV downloads, with spreadsheet formulas defused', () => {
    expect(site.read('downloads/postmortems.csv').split('\r\n')[0]).toMatch(/^id,title,date,severity,status,services,/);
    const actions = site.read('downloads/action-items.csv');
    expect(actions.split('\r\n')[0]).toBe('postmortem,action,owner,due,status,type,ticket,open,overdue,daysOverdue');
    expect(actions).toContain(`${checkoutId},Load test the checkout flow,Bob,2026-03-14,in-progress,prevent,,true,true,79`);
  });

  it('writes an Atom feed with absolute links and the rendered bodies', () => {
    const feed = site.read('feed.xml');
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(feed).toContain('<title>Example Postmortems</title>');
    expect(feed).toContain(`<link href="http://localhost:8080/postmortems/${checkoutId}/"/>`);
    expect(feed).toContain('<updated>2026-03-04T15:45:00Z</updated>');
    expect(feed).toContain('&lt;h2 id=&quot;user-content-summary&quot;&gt;');
    expect(feed.match(/<entry>/g)).toHaveLength(6);
  });

  it('publishes template syntax in a postmortem literally', () => {
    const page = site.read(`${placePaths.postmortem.slice(1)}index.html`);
    expect(page).toContain('{{ 7*7 }} {% raw %} stay text.');
    expect(page).not.toContain('49');
  });
});

/** The fields a place publishes, by the matrix in `hostile.ts`. */
function publishedAt(place: Place) {
  return hostileFields.filter((field) => field.places.includes(place));
}

describe('hostile content in the built files', () => {
  const read = (place: Exclude<Place, 'search'>): string[] => placeFiles[place].map((path) => site.read(path));
  /** Whether one of the texts shows the field as the place should. */
  const shows = (texts: readonly string[], place: Place, field: HostileField): boolean => texts.some((text) => text.includes(squash(expectedText(field, place))));

  it('gives every field a marker that stands in its value and no other', () => {
    for (const field of hostileFields) {
      expect(field.value, field.field).toContain(field.marker);
      expect(hostileFields.filter((other) => other.value.includes(field.marker)).map((other) => other.field)).toEqual([field.field]);
    }
  });

  it('has checks that catch live markup and malformed CSV', () => {
    expect(activeMarkup('<p><img src=x onerror="alert(1)"></p>')).toEqual(['<img onerror=…>']);
    expect(activeMarkup('<script>alert(1)</script>')).toHaveLength(2);
    expect(activeMarkup('<a href=" java\tscript:alert(1)">x</a>')).toHaveLength(1);
    expect(activeMarkup('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>')).toHaveLength(1);
    expect(activeMarkup('<p><img src=x onerror=alert(1)</p>')).toHaveLength(1);
    expect(activeMarkup('<p title="a > b">&lt;img src=x onerror=alert(1)></p>')).toEqual([]);
    expect(readable('<p title="a &quot;b&quot;">x &lt;y</p>')).toEqual(['x <y', 'a "b"']);
    expect(parseCsv(`"a ""b""",'=1\r\n`)).toEqual([['a "b"', "'=1"]]);
    expect(() => parseCsv('a,b"c\r\n')).toThrow(/Malformed/);
  });

  it('writes no markup that could run on any page', () => {
    for (const path of outputFiles(site.out).filter((file) => file.endsWith('.html'))) expect(activeMarkup(site.read(path)), path).toEqual([]);
  });

  for (const place of ['postmortem', 'home', 'dashboard', 'action-items', 'owner', 'service', 'severities'] as const) {
    it(`shows on the ${place} page each field the matrix names for it, as text, and no other`, () => {
      const [html = ''] = read(place);
      const texts = readable(html);
      for (const field of hostileFields) {
        expect(html.includes(field.marker), `${field.field} on the ${place} page`).toBe(markedAt(field, place));
        for (const markup of rawMarkup(field)) expect(html.includes(markup), `${field.field}: ${markup} on the ${place} page`).toBe(false);
      }
      for (const field of publishedAt(place)) expect(shows(texts, place, field), field.field).toBe(true);
    });
  }

  it('writes the feed as XML that carries each field the matrix names for it, escaped, and no other', () => {
    const [feed = ''] = read('feed');
    expect(feed.match(notInXml)).toBeNull();
    // Every `&` starts a reference, every `<` an Atom element: XML, whatever the text said.
    expect(feed.match(/&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);)/gi)).toBeNull();
    const { tags, unparsed } = scanTags(feed);
    expect(unparsed).toEqual([]);
    const atom = ['feed', 'title', 'subtitle', 'link', 'id', 'updated', 'generator', 'entry', 'published', 'author', 'name', 'summary', 'content'];
    expect(tags.map((tag) => tag.name).filter((name) => !atom.includes(name))).toEqual([]);
    // The bodies, as HTML a feed reader shows: as inert as the pages.
    const bodies = [...feed.matchAll(/<content type="html">([^<]*)<\/content>/g)].map((match) => decodeEntities(match[1]!));
    expect(bodies).toHaveLength(6);
    for (const body of bodies) expect(activeMarkup(body)).toEqual([]);
    const texts = [...readable(feed), ...bodies.flatMap(readable)];
    for (const field of hostileFields) {
      expect(feed.includes(field.marker), `${field.field} in the feed`).toBe(field.places.includes('feed'));
      for (const markup of rawMarkup(field)) expect([feed, ...bodies].some((text) => text.includes(markup)), `${field.field}: ${markup} in the feed`).toBe(false);
    }
    for (const field of publishedAt('feed')) expect(shows(texts, 'feed', field), field.field).toBe(true);
  });

  it('publishes JSON that holds each field the matrix names for it exactly, and no other', () => {
    const files = read('json');
    const strings = files.flatMap((text) => jsonStrings(JSON.parse(text)));
    for (const field of hostileFields) {
      expect(files.some((text) => text.includes(field.marker)), `${field.field} in the JSON`).toBe(field.places.includes('json'));
    }
    for (const field of publishedAt('json')) expect(strings, field.field).toContain(field.value);
    const { postmortems } = JSON.parse(site.read('api/postmortems.json')) as { postmortems: Array<{ id: string; frontmatter: Record<string, unknown> }> };
    const hostile = postmortems.find((entry) => entry.id === hostileId);
    expect(hostile?.frontmatter.title).toBe(hostileTitle);
    const { overdue } = JSON.parse(site.read('api/stats.json')) as { overdue: Array<Record<string, unknown>> };
    expect(overdue).toContainEqual({ postmortem: hostileId, action: valueOf('action item: action'), owner: hostileOwner, due: '2025-05-20', daysOverdue: 377 });
    // `__proto__` stays an ordinary key, not the object's prototype.
    expect(Object.getOwnPropertyDescriptor(hostile?.frontmatter['x-nested'], '__proto__')?.value).toBe(valueOf('x- extension key, nested under `__proto__`'));
  });

  it('offers CSV that parses back to each field the matrix names for it, formulas defused, and no other', () => {
    const files = read('csv');
    const tables = files.map(parseCsv);
    for (const [header = [], ...rows] of tables) for (const row of rows) expect(row).toHaveLength(header.length);
    const cells = tables.flat(2);
    // A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@`; the site's CSV has none.
    expect(cells.filter((cell) => formulaStart.test(cell))).toEqual([]);
    for (const field of hostileFields) {
      expect(files.some((text) => text.includes(field.marker)), `${field.field} in the CSV`).toBe(field.places.includes('csv'));
    }
    for (const field of publishedAt('csv')) expect(cells, field.field).toContain(csvCell(field.value));
  });

  it('refuses markup in every field whose schema admits none, so no page shows it', () => {
    for (const { field, search, replacement } of constrainedFields) {
      const errors = findings(edit(validPostmortem, search, replacement), { ruleId: 'schema' }).filter((found) => found.severity === 'error');
      expect(errors.length, field).toBeGreaterThan(0);
    }
  });
});

describe('hindsight build refuses', () => {
  it('to publish postmortems with errors, listing each finding, and writes nothing', async () => {
    const [file, text] = postmortem({ date: '2026-02-02', slug: 'broken', title: 'Broken' });
    const broken = await buildFixture({ ...siteCorpus(), [file]: edit(text, 'severity: SEV1', 'severity: SEV9') });
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('postmortems/2026-02-02-broken.md');
    expect(broken.stderr).toMatch(/4:11 +error +Unexpected `SEV9` for `severity`/);
    expect(broken.stderr).toContain('hindsight: nothing was published: 1 error in 1 postmortem; fix them and build again\n');
    expect(existsSync(broken.out)).toBe(false);
    // Nor is the folder it began the build in left beside it.
    expect(readdirSync(broken.root).filter((name) => name.startsWith('._site.'))).toEqual([]);
  });

  it('to publish postmortems with errors over the last site, which it leaves as it was', async () => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    expect((await hindsight(root, ['build', '--as-of', asOf])).exitCode).toBe(0);
    const before = sizeOf(join(root, '_site'));
    const file = join(root, `postmortems/${checkoutId}.md`);
    writeFileSync(file, edit(readFileSync(file, 'utf8'), 'severity: SEV1', 'severity: SEV9'));
    expect((await hindsight(root, ['build', '--as-of', asOf])).exitCode).toBe(1);
    expect(sizeOf(join(root, '_site'))).toBe(before);
    expect(readdirSync(root).filter((name) => name.startsWith('._site.'))).toEqual([]);
  });

  it('to write into a folder it did not make, or over the postmortems', async () => {
    const root = tempFolder();
    writeFiles(root, { ...siteCorpus(), 'public/notes.txt': 'mine' });
    const foreign = await hindsight(root, ['build', '--as-of', asOf, '--out', 'public']);
    expect(foreign).toMatchObject({ exitCode: 2, stdout: '' });
    expect(foreign.stderr).toBe('hindsight: Cannot write the site to public: the folder holds files Hindsight did not write; empty it or choose another --out\n');
    expect(readFileSync(join(root, 'public/notes.txt'), 'utf8')).toBe('mine');
    for (const out of ['.', 'postmortems', 'postmortems/site']) {
      const refused = await hindsight(root, ['build', '--as-of', asOf, '--out', out]);
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toContain('it holds the repository or the postmortems');
    }
  });

  it('to publish postmortems with errors before it refuses a folder it did not make: it lints first', async () => {
    const root = tempFolder();
    const file = join(root, `postmortems/${checkoutId}.md`);
    writeFiles(root, { ...siteCorpus(), 'public/notes.txt': 'mine' });
    writeFileSync(file, edit(readFileSync(file, 'utf8'), 'severity: SEV1', 'severity: SEV9'));
    const result = await hindsight(root, ['build', '--as-of', asOf, '--out', 'public']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('hindsight: nothing was published: 1 error in 1 postmortem; fix them and build again\n');
    expect(readdirSync(join(root, 'public'))).toEqual(['notes.txt']);
  });

  it('an invalid --as-of', async () => {
    const result = await hindsight(site.root, ['build', '--as-of', '2026-02-30']);
    expect(result).toMatchObject({ exitCode: 2, stderr: 'hindsight: Invalid --as-of `2026-02-30`, expected a date as YYYY-MM-DD\n' });
  });
});

describe('the site build', () => {
  it('replaces its own earlier output, dropping pages of deleted postmortems', async () => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    expect((await hindsight(root, ['build', '--as-of', asOf])).exitCode).toBe(0);
    const stale = join(root, '_site/postmortems/2024-06-15-payments-timeout/index.html');
    expect(existsSync(stale)).toBe(true);
    rmSync(join(root, 'postmortems/2024-06-15-payments-timeout.md'));
    expect((await hindsight(root, ['build', '--as-of', asOf])).exitCode).toBe(0);
    // Its folder too, which a rebuild makes for every page of the last build before it knows which it keeps.
    expect(existsSync(dirname(stale))).toBe(false);
    expect(existsSync(join(root, `_site/postmortems/${checkoutId}/index.html`))).toBe(true);
  });

  it('makes no folder outside the site for a page path of the last build that leads out of it', async () => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    expect((await hindsight(root, ['build', '--as-of', asOf])).exitCode).toBe(0);
    const markerFile = join(root, '_site/.hindsight-site');
    const manifest = JSON.parse(readFileSync(markerFile, 'utf8')) as { pages: Record<string, string> };
    writeFileSync(markerFile, JSON.stringify({ ...manifest, pages: { ...manifest.pages, '/../escaped/': 'x', '/postmortems/../../escaped-too/': 'x' } }));
    expect((await hindsight(root, ['build', '--as-of', asOf])).exitCode).toBe(0);
    expect(existsSync(join(root, 'escaped'))).toBe(false);
    expect(existsSync(join(root, 'escaped-too'))).toBe(false);
    expect(existsSync(join(root, `_site/postmortems/${checkoutId}/index.html`))).toBe(true);
  });

  it('keeps the pages, and the search shards whose postmortems did not change', async () => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    expect((await hindsight(root, ['build', '--as-of', asOf])).exitCode).toBe(0);
    const inode = (path: string): number => statSync(join(root, '_site', path)).ino;
    const before = {
      page: inode(`postmortems/${checkoutId}/index.html`),
      home: inode('index.html'),
      otherService: inode('services/cdn/index.html'),
      newer: inode('pagefind/2026-03/pagefind-entry.json'),
      older: inode('pagefind/2024-06/pagefind-entry.json'),
    };
    const file = join(root, 'postmortems/2024-06-15-payments-timeout.md');
    writeFileSync(file, edit(readFileSync(file, 'utf8'), 'title: "Payments timed out at the card processor"', 'title: "Payments timed out at the card processor, again"'));
    const rebuilt = await hindsight(root, ['build', '--as-of', asOf]);
    expect(rebuilt.stdout).toMatch(/\(5 unchanged pages kept from the last build\)\n$/);
    // Hard links to the last build's files: the same files, not written again.
    expect(inode(`postmortems/${checkoutId}/index.html`)).toBe(before.page);
    // A list page is kept too, unless it shows the postmortem that changed.
    expect(inode('services/cdn/index.html')).toBe(before.otherService);
    expect(inode('index.html')).not.toBe(before.home);
    expect(readFileSync(join(root, '_site/index.html'), 'utf8')).toContain('Payments timed out at the card processor, again');
    expect(inode('pagefind/2026-03/pagefind-entry.json')).toBe(before.newer);
    expect(inode('pagefind/2024-06/pagefind-entry.json')).not.toBe(before.older);
    expect(readFileSync(join(root, '_site/postmortems/2024-06-15-payments-timeout/index.html'), 'utf8')).toContain('Payments timed out at the card processor, again');
    // What it says it built is what is there, measured partly while the changed shard was indexed.
    expect(rebuilt.stdout).toContain(`: ${sizeOf(join(root, '_site'))}, in `);
  });

  it('renders the kinds of page a rebuild may keep from their views and the site alone', async () => {
    const { config, valid } = await runLint({ cwd: site.root, asOf, render: true, slim: true });
    const model = siteModel({ config, postmortems: valid, asOf });
    const allowed: ReadonlyArray<string | symbol> = siteParts;
    const siteOnly = new Proxy(model, {
      get(target, key) {
        if (!allowed.includes(key)) throw new Error(`reads model.${String(key)}`);
        return target[key as keyof SiteModel];
      },
    });
    const kinds = pageSets.filter((pages) => pages.rendersFromView);
    expect(kinds.map((pages) => pages.name)).toEqual(['home', 'postmortem', 'owner', 'service']);
    for (const pages of kinds) {
      for (const view of pages.views(model)) expect(pages.render(view, siteOnly)).toBe(pages.render(view, model));
    }
  });

  it('prefixes every link with the configured path prefix', async () => {
    const prefixed = await buildFixture({ ...siteCorpus(), 'hindsight.config.json': JSON.stringify({ ...hostileConfig(), site: { pathPrefix: '/incidents/' } }) }, asOf);
    const home = prefixed.read('index.html');
    expect(home).toContain('<link rel="stylesheet" href="/incidents/assets/site.css"/>');
    expect(home).toContain(`href="/incidents/postmortems/${checkoutId}/"`);
    expect(home).toContain('data-pagefind-path="/incidents/pagefind/"');
    // A result's URL is the page's place in the site: the browser puts the prefix before it, as it
    // finds it before the index's own folder. The result links to `link`.
    const record = (await searchRecords(prefixed.root)).get(checkoutId);
    expect({ url: record?.url, link: record?.meta?.link }).toEqual({ url: `/postmortems/${checkoutId}/`, link: `/incidents/postmortems/${checkoutId}/` });
    // The files stay at the top of the output folder; the prefix is where the host serves it.
    expect(existsSync(join(prefixed.out, `postmortems/${checkoutId}/index.html`))).toBe(true);
  });

  it('works from a site folder under node_modules, as when installed as a dependency', async () => {
    const root = tempFolder();
    writeFiles(root, { ...siteCorpus(), '.gitignore': 'node_modules/\n_site/\n' });
    const siteDir = join(root, 'node_modules/hindsight/site');
    mkdirSync(siteDir, { recursive: true });
    cpSync(packagePath('site'), siteDir, { recursive: true });
    const config = loadConfig(root);
    const { valid } = await runLint({ cwd: root, asOf, render: true, config });
    const built = await buildSite(valid, asOf, { cwd: root, config, out: '_site', siteDir, log: (message) => expect.fail(message) });
    expect(built.pages).toBe(6);
    expect(existsSync(join(root, `_site/postmortems/${checkoutId}/index.html`))).toBe(true);
  });

  it('reads no file in the site folder as a template, so no front matter or template code there runs', async () => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    const siteDir = join(root, 'templates');
    cpSync(packagePath('site'), siteDir, { recursive: true });
    for (const name of ['evil.njk', 'evil.md', 'assets/evil.html']) {
      writeFileSync(join(siteDir, name), '---js\n{ permalink: (globalThis.ranFrontMatter = true) && "/evil/" }\n---\n{{ 7*7 }}');
    }
    writeFileSync(join(siteDir, 'evil.11ty.js'), 'globalThis.ranTemplate = true; export default { render: () => "x" };');
    const config = loadConfig(root);
    const { valid } = await runLint({ cwd: root, asOf, render: true, config });
    const built = await buildSite(valid, asOf, { cwd: root, config, out: '_site', siteDir, log: (message) => expect.fail(message) });
    expect(built.pages).toBe(6);
    expect((globalThis as { ranFrontMatter?: boolean }).ranFrontMatter).toBeUndefined();
    expect((globalThis as { ranTemplate?: boolean }).ranTemplate).toBeUndefined();
    expect(existsSync(join(root, '_site/evil'))).toBe(false);
  });
});
