import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSearchShardSize, loadConfig } from '../../src/config/config.js';
import { runLint } from '../../src/lint/run.js';
import { buildSite, type BuiltSite } from '../../src/site/build.js';
import { siteModel, type PostmortemView } from '../../src/site/model.js';
import { searchShards, type SearchRecord, type SearchShard } from '../../src/site/search-index.js';
import { fragmentFile, indexRecords } from '../../src/site/search-indexer.js';
import { writeFiles } from '../helpers/cli.js';
import { edit } from '../helpers/lint.js';
import { hostileId, siteCorpus } from './corpus.js';
import { launchChromium, removeFolders, serveFolder, tempFolder } from './helpers.js';

const asOf = '2026-06-01';
const changedId = '2024-06-15-payments-timeout';
const newWord = 'quokkaflare';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  removeFolders();
});

/** Builds the site of the repository at `root` in-process, as `hindsight build` does. */
async function build(root: string): Promise<BuiltSite> {
  const config = loadConfig(root);
  const { valid } = await runLint({ cwd: root, asOf, render: true, slim: true, config });
  return buildSite(valid, asOf, { cwd: root, config, out: '_site', log: (message) => expect.fail(message) });
}

/** The inode of every file of each search shard: a kept shard's files are hard links to the last build's. */
function shardFiles(root: string): Record<string, Record<string, number>> {
  const folder = join(root, '_site/pagefind');
  return Object.fromEntries(
    readdirSync(folder).map((shard) => [
      shard,
      Object.fromEntries(
        readdirSync(join(folder, shard), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => [join(entry.parentPath, entry.name).slice(folder.length + shard.length + 2), statSync(join(entry.parentPath, entry.name)).ino]),
      ),
    ]),
  );
}

/** Opens the home page of the site in `out`, served as a static host would, for `work`. */
async function onHomePage<Result>(out: string, work: (page: Page) => Promise<Result>): Promise<Result> {
  const server = await serveFolder(out);
  const page = await browser.newPage();
  try {
    await page.goto(server.url);
    return await work(page);
  } finally {
    await page.close();
    await server.close();
  }
}

/** The ids of the results listed, in order. */
function resultIds(page: Page): Promise<string[]> {
  return page.locator('#results > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-id') ?? ''));
}

/** The ids of what a search for `term` on the home page finds, and the first excerpt's marked words. */
function search(out: string, term: string): Promise<{ ids: string[]; marks: string[] }> {
  return onHomePage(out, async (page) => {
    await page.locator('#search-input').fill(term);
    await expect.poll(() => page.locator('#result-status').textContent(), { timeout: 20_000 }).toMatch(/found for/);
    return { ids: await resultIds(page), marks: await page.locator('#results .excerpt mark').allTextContents() };
  });
}

describe('the search index', () => {
  it('filters by every facet, newest first, from the records', async () => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    await build(root);
    await onHomePage(join(root, '_site'), async (page) => {
      for (const [facet, value, expected] of [
        ['severity', 'SEV4', ['2026-01-20-cdn-certificate']],
        ['service', 'checkout-api', ['2026-03-04-checkout-outage', changedId]],
        ['year', '2025', ['2025-11-02-search-index-lag', '2025-08-09-login-errors', hostileId]],
        ['status', 'draft', ['2026-01-20-cdn-certificate']],
        ['tag', 'database', ['2026-03-04-checkout-outage', '2025-08-09-login-errors']],
      ] as const) {
        const box = page.locator(`fieldset[data-facet="${facet}"] input[value="${value}"]`);
        await box.check();
        await expect.poll(() => resultIds(page), { timeout: 20_000 }).toEqual(expected);
        await box.uncheck();
      }
    });
  });
});

describe('the search index on a rebuild', () => {
  it('indexes again only the shard of the postmortem that changed, and the search finds its new words', async () => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    expect((await build(root)).reusedShards).toBe(0);
    const before = shardFiles(root);
    expect(Object.keys(before)).toEqual(['2024-06', '2025-05', '2025-08', '2025-11', '2026-01', '2026-03']);
    expect((await search(join(root, '_site'), newWord)).ids).toEqual([]);

    const file = join(root, `postmortems/${changedId}.md`);
    writeFileSync(file, edit(readFileSync(file, 'utf8'), 'so the pool ran out at afternoon traffic.', `so the pool ran out at afternoon traffic. A ${newWord} of retries made it worse.`));
    const rebuilt = await build(root);
    expect({ reused: rebuilt.reused, reusedShards: rebuilt.reusedShards }).toEqual({ reused: 5, reusedShards: 5 });
    const after = shardFiles(root);
    // The other shards are the last build's files; the changed one is written anew.
    expect({ ...after, '2024-06': undefined }).toEqual({ ...before, '2024-06': undefined });
    expect(after['2024-06']?.['pagefind-entry.json']).not.toBe(before['2024-06']?.['pagefind-entry.json']);
    expect(await search(join(root, '_site'), newWord)).toEqual({ ids: [changedId], marks: [newWord] });
  });

  it('links into a changed shard the last build\'s fragments of the records that did not change, and is the index a fresh build makes', async () => {
    const corpus = siteCorpus();
    const config = JSON.parse(corpus['hindsight.config.json']!) as { site: object };
    const oneShard = { ...corpus, 'hindsight.config.json': JSON.stringify({ ...config, site: { ...config.site, searchShardSize: defaultSearchShardSize } }) };
    const editChanged = (root: string): void => {
      const file = join(root, `postmortems/${changedId}.md`);
      writeFileSync(file, edit(readFileSync(file, 'utf8'), 'so the pool ran out at afternoon traffic.', `so the pool ran out at afternoon traffic. A ${newWord} of retries made it worse.`));
    };
    const root = tempFolder();
    writeFiles(root, oneShard);
    await build(root);
    const [[name, before]] = Object.entries(shardFiles(root)) as [[string, Record<string, number>]];
    editChanged(root);
    expect((await build(root)).reusedShards).toBe(0);
    const after = shardFiles(root)[name]!;
    const fragments = (files: Record<string, number>) => Object.entries(files).filter(([path]) => path.startsWith('fragment/'));
    expect(fragments(before).length).toBeGreaterThan(5);
    // Every fragment but the changed postmortem's is the last build's file; its old one is gone.
    expect(fragments(after).filter(([path, inode]) => before[path] === inode)).toHaveLength(fragments(before).length - 1);
    expect(fragments(after)).toHaveLength(fragments(before).length);
    // File for file (each named by its content), the index a build from nothing makes of the same postmortems.
    const fresh = tempFolder();
    writeFiles(fresh, oneShard);
    editChanged(fresh);
    await build(fresh);
    expect(Object.keys(after).sort()).toEqual(Object.keys(shardFiles(fresh)[name]!).sort());
    expect(await search(join(root, '_site'), newWord)).toEqual({ ids: [changedId], marks: [newWord] });
  });

  it('indexes nothing again when only the pages around the records change', async () => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    await build(root);
    const before = shardFiles(root);
    // A new site title changes every page, and no search record.
    const configFile = join(root, 'hindsight.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { site: Record<string, string> };
    writeFileSync(configFile, JSON.stringify({ ...config, site: { ...config.site, title: 'Renamed' } }));
    const rebuilt = await build(root);
    expect({ reused: rebuilt.reused, reusedShards: rebuilt.reusedShards }).toEqual({ reused: 0, reusedShards: 6 });
    expect(shardFiles(root)).toEqual(before);
  });
});

describe('an index made with the fragments of an earlier one', () => {
  const record = (id: string, content: string): SearchRecord => ({ url: `/postmortems/${id}/`, language: 'en', content, meta: { title: id }, filters: { severity: ['SEV2'] } });
  const first = [record('alpha', 'The alpha outage began at noon.'), record('beta', 'The beta outage began at one.')];
  const second = [first[0]!, record('beta', 'The beta outage began at two, not one.')];
  const indexFolder = (): string => join(tempFolder(), 'index');
  const fragmentNames = (folder: string): string[] => readdirSync(join(folder, 'fragment')).sort();
  /** Each file of an index, by its path in the folder, with its inode. */
  const indexFiles = (folder: string): Map<string, number> =>
    new Map(
      readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => [join(entry.parentPath, entry.name).slice(folder.length + 1), statSync(join(entry.parentPath, entry.name)).ino]),
    );

  it('links the files it has in common with an earlier index, writes the others, and keeps none the earlier one had alone', async () => {
    const earlier = indexFolder();
    const [alpha] = (await indexRecords(earlier, first))!;
    const fresh = indexFolder();
    const expected = await indexRecords(fresh, second);
    const folder = indexFolder();
    expect(await indexRecords(folder, second, { reuse: [fragmentFile(earlier, alpha!), null], earlier })).toEqual(expected);
    const [before, after] = [indexFiles(earlier), indexFiles(folder)];
    // The same files as an index made afresh: the earlier index's word chunk, which the changed record's words are in, is gone.
    expect([...after.keys()].sort()).toEqual([...indexFiles(fresh).keys()].sort());
    const linked = [...after].filter(([path, inode]) => before.get(path) === inode).map(([path]) => path.split('/')[0]);
    // The unchanged record's fragment, and the filter, which neither record changed.
    expect(linked.sort()).toEqual(['filter', 'fragment']);
  });

  it('writes every fragment anew when a linked one has the name another record\'s fragment takes', async () => {
    const earlier = indexFolder();
    const [alpha] = (await indexRecords(earlier, first))!;
    const fresh = indexFolder();
    const expected = (await indexRecords(fresh, second))!;
    // As if the earlier index's fragment of one record had the name the other's new fragment takes, as a short hash may.
    const colliding = join(tempFolder(), `${expected[1]}.pf_fragment`);
    copyFileSync(fragmentFile(earlier, alpha!), colliding);
    const folder = indexFolder();
    expect(await indexRecords(folder, second, { reuse: [colliding, null] })).toEqual(expected);
    expect(readFileSync(fragmentFile(folder, expected[1]!))).toEqual(readFileSync(fragmentFile(fresh, expected[1]!)));
    expect(fragmentNames(folder)).toEqual(fragmentNames(fresh));
  });
});

describe('the search shards', () => {
  /** Views of the corpus's checkout postmortem, one per date, each with `textLength` characters of text beside its title. */
  async function viewsOn(dates: readonly string[], textLength: number): Promise<PostmortemView[]> {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    const { config, valid } = await runLint({ cwd: root, asOf, render: true, slim: true });
    const template = siteModel({ config, postmortems: valid, asOf }).postmortems.find((view) => view.id === '2026-03-04-checkout-outage')!;
    // Newest first, as the site model holds them.
    return [...dates].sort().reverse().map((date) => ({ ...template, id: `${date}-outage`, date, title: 'T', body: { ...template.body, textLength: textLength - 1 } }));
  }
  const layout = (shards: readonly SearchShard[]) => shards.map((shard) => [shard.name, shard.postmortems.map((view) => view.date)]);

  it('fills each with whole months, oldest first, up to its size, and lists them newest first', async () => {
    const views = await viewsOn(['2024-01-05', '2024-01-20', '2024-02-03', '2024-03-09', '2024-03-30', '2024-05-01'], 100);
    // Two postmortems' text (200 characters) per shard: a month of two fills one.
    expect(layout(searchShards(views, 250))).toEqual([
      ['2024-05', ['2024-05-01']],
      ['2024-03', ['2024-03-30', '2024-03-09']],
      ['2024-02', ['2024-02-03']],
      ['2024-01', ['2024-01-20', '2024-01-05']],
    ]);
    expect(layout(searchShards(views, 400))).toEqual([
      ['2024-03', ['2024-05-01', '2024-03-30', '2024-03-09']],
      ['2024-01', ['2024-02-03', '2024-01-20', '2024-01-05']],
    ]);
    // A month with more than the size is a shard of its own; the default holds these in one.
    expect(layout(searchShards(views, 150)).map(([name]) => name)).toEqual(['2024-05', '2024-03', '2024-02', '2024-01']);
    expect(layout(searchShards(views, defaultSearchShardSize)).map(([name]) => name)).toEqual(['2024-01']);
  });

  it('keeps the older shards as they were when newer postmortems come', async () => {
    const views = await viewsOn(['2024-01-05', '2024-02-03', '2024-03-09'], 100);
    const before = searchShards(views, 250);
    expect(before.map((shard) => shard.name)).toEqual(['2024-03', '2024-01']);
    // The newest shard takes a postmortem while it has room, then a new shard starts.
    const taken = searchShards([...(await viewsOn(['2024-04-30'], 100)), ...views], 250);
    expect(layout(taken)).toEqual([['2024-03', ['2024-04-30', '2024-03-09']], ['2024-01', ['2024-02-03', '2024-01-05']]]);
    expect(taken[0]?.hash).not.toBe(before[0]?.hash);
    expect(taken[1]).toEqual(before[1]);
    const started = searchShards([...(await viewsOn(['2024-05-02', '2024-04-30'], 100)), ...views], 250);
    expect(started.map((shard) => shard.name)).toEqual(['2024-05', '2024-03', '2024-01']);
    expect(started.slice(1)).toEqual(taken);
  });
});
