import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateCorpus } from '../../bench/generate.js';
import { packagePath } from '../../src/package-root.js';
import { hindsight, writeFiles } from '../helpers/cli.js';
import { edit } from '../helpers/lint.js';
import { siteCorpus } from './corpus.js';
import { removeFolders, tempFolder } from './helpers.js';

// The search indexer, made to fail on demand.
const indexer = vi.hoisted(() => ({ broken: false }));
vi.mock('pagefind', async (original) => {
  const actual = await original<typeof import('pagefind')>();
  return {
    ...actual,
    createIndex: async (...args: Parameters<typeof actual.createIndex>) => (indexer.broken ? { errors: ['the indexer broke'] } : actual.createIndex(...args)),
  };
});

afterAll(removeFolders);

const asOf = '2026-06-01';
const checkoutPage = '_site/postmortems/2026-03-04-checkout-outage/index.html';

/** Every file under a folder with its bytes, to compare a site before and after. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [join(entry.parentPath, entry.name).slice(folder.length), readFileSync(join(entry.parentPath, entry.name), 'base64')]),
  );
}

/** Folders a build left beside the site. */
function leftovers(root: string): string[] {
  return readdirSync(root).filter((entry) => entry.startsWith('._site.'));
}

describe('a build that fails', () => {
  it('leaves the previous site as it was when the search index cannot be written', async () => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    expect((await hindsight(root, ['build', '--as-of', asOf])).exitCode).toBe(0);
    const before = snapshot(join(root, '_site'));
    const file = join(root, 'postmortems/2026-03-04-checkout-outage.md');
    writeFileSync(file, edit(readFileSync(file, 'utf8'), 'title: "Checkout outage from database connection pool exhaustion"', 'title: Retitled'));
    indexer.broken = true;
    try {
      const failed = await hindsight(root, ['build', '--as-of', asOf]);
      expect(failed.exitCode).toBe(2);
      expect(failed.stderr).toContain('the indexer broke');
    } finally {
      indexer.broken = false;
    }
    expect(snapshot(join(root, '_site'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);
    expect((await hindsight(root, ['build', '--as-of', asOf])).exitCode).toBe(0);
    expect(readFileSync(join(root, checkoutPage), 'utf8')).toContain('<h1 data-pagefind-meta="title">Retitled</h1>');
  });

  it('leaves the previous site as it was when the build is killed midway, and the next build clears what it left', async () => {
    const root = tempFolder();
    generateCorpus(join(root, 'postmortems'), 400, 5);
    const bin = packagePath('bin', 'hindsight.js');
    const build = () => spawn(process.execPath, [bin, 'build', '--as-of', asOf, '--quiet'], { cwd: root, stdio: 'ignore' });
    const first = build();
    expect(await new Promise((done) => first.on('exit', done))).toBe(0);
    const before = snapshot(join(root, '_site'));
    // Change every page, so the next build writes them all, and stop it while it writes.
    writeFileSync(join(root, 'hindsight.config.json'), JSON.stringify({ site: { title: 'Renamed' } }));
    const second = build();
    await vi.waitFor(
      () => {
        const [staging] = leftovers(root);
        expect(staging && existsSync(join(root, staging, 'postmortems'))).toBeTruthy();
      },
      { timeout: 120_000, interval: 20 },
    );
    second.kill('SIGKILL');
    await new Promise((done) => second.on('exit', done));
    expect(snapshot(join(root, '_site'))).toEqual(before);
    expect(leftovers(root)).toHaveLength(1);
    const third = build();
    expect(await new Promise((done) => third.on('exit', done))).toBe(0);
    expect(leftovers(root)).toEqual([]);
    expect(readFileSync(join(root, '_site/index.html'), 'utf8')).toContain('<title>Postmortems · Renamed</title>');
  }, 300_000);
});
