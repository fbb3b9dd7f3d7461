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

// The search indexer, made to fail on demand: as it starts, or as it writes the index.
const indexer = vi.hoisted(() => ({ broken: undefined as 'start' | 'write' | undefined }));
vi.mock('pagefind', async (original) => {
  const actual = await original<typeof import('pagefind')>();
  return {
    ...actual,
    createIndex: async (...args: Parameters<typeof actual.createIndex>) => {
      if (indexer.broken === 'start') return { errors: ['the indexer broke'] };
      const created = await actual.createIndex(...args);
      if (indexer.broken !== 'write' || !created.index) return created;
      return { ...created, index: { ...created.index, writeFiles: async () => ({ errors: ['the indexer broke'], outputPath: '' }) } };
    },
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

/** Runs the compiled `hindsight build` in `root`, with more environment variables. */
function built(root: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [packagePath('bin', 'hindsight.js'), 'build', '--as-of', asOf, '--quiet'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

/** Folders a build left beside the site. */
function leftovers(root: string): string[] {
  return readdirSync(root).filter((entry) => entry.startsWith('._site.'));
}

describe('a build that fails', () => {
  // The index is made while the pages are written: failing as it starts, it fails while they are;
  // failing as it writes, it fails once they are.
  it.each(['start', 'write'] as const)('leaves the previous site as it was when the search indexer fails to %s', async (when) => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    expect((await hindsight(root, ['build', '--as-of', asOf])).exitCode).toBe(0);
    const before = snapshot(join(root, '_site'));
    const file = join(root, 'postmortems/2026-03-04-checkout-outage.md');
    writeFileSync(file, edit(readFileSync(file, 'utf8'), 'title: "Checkout outage from database connection pool exhaustion"', 'title: Retitled'));
    indexer.broken = when;
    try {
      const failed = await hindsight(root, ['build', '--as-of', asOf]);
      expect(failed.exitCode).toBe(2);
      expect(failed.stderr).toContain('the indexer broke');
    } finally {
      indexer.broken = undefined;
    }
    expect(snapshot(join(root, '_site'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);
    expect((await hindsight(root, ['build', '--as-of', asOf])).exitCode).toBe(0);
    expect(readFileSync(join(root, checkoutPage), 'utf8')).toContain('<h1>Retitled</h1>');
  });

  it('leaves the previous site as it was when the indexer cannot start, as the compiled command runs it on a thread of its own', async () => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    expect((await built(root)).code).toBe(0);
    const before = snapshot(join(root, '_site'));
    const file = join(root, 'postmortems/2026-03-04-checkout-outage.md');
    writeFileSync(file, edit(readFileSync(file, 'utf8'), 'title: "Checkout outage from database connection pool exhaustion"', 'title: Retitled'));
    const failed = await built(root, { PAGEFIND_EXTENDED_BINARY_PATH: join(root, 'no-such-indexer') });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('Cannot start the search indexer');
    expect(snapshot(join(root, '_site'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);
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
    // The site it replaced is removed in the background, after the command has exited.
    await vi.waitFor(() => expect(leftovers(root)).toEqual([]), { timeout: 60_000, interval: 50 });
    expect(readFileSync(join(root, '_site/index.html'), 'utf8')).toContain('<title>Postmortems · Renamed</title>');
  }, 300_000);
});
