import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate.js';
import { buildFixture, postmortem, removeFolders, tempFolder, type BuiltFixture } from './helpers.js';

// 130 generated postmortems, plus three that give one owner 135 open items and one service 133
// postmortems: every list runs over several pages.
const generated = 130;
const busyOwner = 'Zed Busy';
const busyService = 'search';

let site: BuiltFixture;
let ids: string[];
beforeAll(async () => {
  const files: Record<string, string> = {};
  const folder = tempFolder('hindsight-generated-');
  for (const name of generateCorpus(folder, generated, 11)) files[`postmortems/${name}`] = readFileSync(join(folder, name), 'utf8');
  for (const [index, date] of ['2020-01-10', '2020-02-10', '2020-03-10'].entries()) {
    const rows = Array.from({ length: 45 }, (_, row) => `| Follow-up ${index}-${row} | ${busyOwner} | 2020-0${index + 1}-${String(11 + (row % 18)).padStart(2, '0')} | open | process |`);
    Object.assign(files, Object.fromEntries([postmortem({ date, slug: `busy-${index}`, title: `Busy incident ${index}`, severity: 'SEV3', services: [busyService], actionItems: rows })]));
  }
  site = await buildFixture(files, '2026-06-01');
  expect(site.exitCode, site.stderr).toBe(0);
  ids = Object.keys(files).map((file) => file.slice('postmortems/'.length, -'.md'.length));
}, 300_000);
afterAll(removeFolders);

/** The postmortem ids a list page shows, in order. */
function listed(path: string): string[] {
  return [...site.read(path).matchAll(/<li data-id="([^"]+)">/g)].map((match) => match[1] ?? '');
}

/** Follows a list's "Next" links from its first page, returning every page's path. */
function pagesOf(first: string): string[] {
  const pages = [first];
  for (;;) {
    const next = /<a href="([^"]+)" rel="next">Next<\/a>/.exec(site.read(pages.at(-1) ?? ''))?.[1];
    if (!next) return pages;
    pages.push(`${next.slice(1)}index.html`);
  }
}

describe('lists over many postmortems', () => {
  it('show the newest 50 on the home page and page through the rest, each postmortem once', () => {
    const pages = pagesOf('index.html');
    expect(pages).toEqual(['index.html', 'page/2/index.html', 'page/3/index.html']);
    expect(pages.map((page) => listed(page).length)).toEqual([50, 50, 33]);
    const all = pages.flatMap(listed);
    expect(new Set(all).size).toBe(ids.length);
    expect([...all].sort()).toEqual([...ids].sort());
    // Newest first across the pages (ids start with the date).
    expect(all.map((id) => id.slice(0, 10))).toEqual(all.map((id) => id.slice(0, 10)).sort().reverse());
    expect(site.read('page/3/index.html')).toContain('<a href="/page/2/" rel="prev">Previous</a>');
    expect(site.read('page/2/index.html')).toContain('<a href="/page/2/" aria-current="page">2</a>');
  });

  it('keep search and its facets on the first page only, over every postmortem', () => {
    expect(site.read('index.html')).toContain('id="search"');
    expect(site.read('page/2/index.html')).not.toContain('id="search"');
    const severityCounts = [...site.read('index.html').matchAll(/name="severity" value="[^"]+"\/> [^<]+<span class="count">(\d+)<\/span>/g)].map((match) => Number(match[1]));
    expect(severityCounts.reduce((sum, count) => sum + count, 0)).toBe(ids.length);
  });

  it('reach every postmortem page without JavaScript, through the paginated lists', () => {
    const linked = new Set(pagesOf('index.html').flatMap((page) => [...site.read(page).matchAll(/<a href="\/postmortems\/([^/]+)\/">/g)].map((match) => match[1])));
    const written = readdirSync(join(site.out, 'postmortems'));
    expect(written).toHaveLength(ids.length);
    expect(written.filter((id) => !linked.has(id))).toEqual([]);
  });

  it("page an owner's open items, 100 at a time, by due date", () => {
    const pages = pagesOf('owners/zed-busy/index.html');
    expect(pages).toEqual(['owners/zed-busy/index.html', 'owners/zed-busy/page/2/index.html']);
    const dues = pages.flatMap((page) => [...site.read(page).matchAll(/<tr data-due="([^"]+)"/g)].map((match) => match[1] ?? ''));
    expect(dues).toHaveLength(135);
    expect(dues).toEqual([...dues].sort());
    // Sorting by due date would only reorder one page of a list that is already in that order.
    expect(site.read(pages[0] ?? '')).not.toContain('data-sortable');
    expect(site.read('action-items/index.html')).toMatch(/<a href="\/owners\/zed-busy\/">Zed Busy<\/a><\/th><td>135<\/td><td><span data-overdue-at-build="135" data-upcoming>135<\/span>/);
  });

  it("page a service's postmortems, 50 at a time", () => {
    const pages = pagesOf(`services/${busyService}/index.html`);
    const count = ids.filter((id) => site.read(`postmortems/${id}/index.html`).includes(`href="/services/${busyService}/"`)).length;
    expect(pages).toHaveLength(Math.ceil(count / 50));
    expect(pages.flatMap(listed)).toHaveLength(count);
  });
});
