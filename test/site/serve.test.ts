import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { packageRoot } from '../../src/package-root.js';
import { serveSite } from '../../src/site/build.js';
import { edit } from '../helpers/lint.js';
import { siteCorpus } from './corpus.js';
import { writeFiles } from '../helpers/cli.js';
import { launchChromium, removeFolders, tempFolder } from './helpers.js';

afterAll(removeFolders);

const checkoutFile = 'postmortems/2026-03-04-checkout-outage.md';
const checkoutTitle = 'Checkout outage from database connection pool exhaustion';

/** Fetches a page's text. */
async function text(url: string): Promise<string> {
  return (await fetch(url)).text();
}

/** Waits for a condition that a rebuild brings about, up to a generous limit. */
function rebuilt(check: () => Promise<void>): Promise<void> {
  return vi.waitFor(check, { timeout: 30_000, interval: 250 });
}

describe('serveSite', () => {
  it('rebuilds when a postmortem changes, reloads the page, and lists postmortems with errors', async () => {
    const root = tempFolder();
    writeFiles(root, siteCorpus());
    const lints: number[] = [];
    const server = await serveSite({
      cwd: root,
      config: loadConfig(root),
      out: '_site',
      port: 0,
      asOf: () => '2026-06-01',
      log: () => {},
      onLint: (linted) => lints.push(linted.reduce((sum, { result }) => sum + result.errorCount, 0)),
    });
    const browser = await launchChromium();
    try {
      expect(server.url).toMatch(/^http:\/\/localhost:\d+\/$/);
      const home = await text(server.url);
      expect(home).toContain(checkoutTitle);
      expect(lints).toEqual([0]);

      const page = await browser.newPage();
      await page.goto(new URL('postmortems/2026-03-04-checkout-outage/', server.url).href);
      expect(await page.locator('h1').textContent()).toBe(checkoutTitle);
      expect(await page.locator('script[src="/.11ty/reload-client.js"]').count()).toBe(1);
      const file = join(root, checkoutFile);
      writeFileSync(file, edit(readFileSync(file, 'utf8'), `title: "${checkoutTitle}"`, 'title: "Checkout outage, retitled while serving"'));
      // The open page follows without being told to reload.
      await rebuilt(async () => expect(await page.locator('h1').textContent()).toBe('Checkout outage, retitled while serving'));
      // The search index follows too.
      await rebuilt(async () => {
        await page.goto(server.url);
        await page.locator('#search-input').fill('retitled');
        await vi.waitFor(async () => expect(await page.locator('#results > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')))).toEqual(['2026-03-04-checkout-outage']), { timeout: 5_000 });
      });

      writeFileSync(file, edit(readFileSync(file, 'utf8'), 'severity: SEV1', 'severity: SEV9'));
      await rebuilt(async () => expect(await text(server.url)).toContain('Postmortems with errors are left off this preview'));
      const withError = await text(server.url);
      expect(withError).toContain('<li><code>postmortems/2026-03-04-checkout-outage.md:4:11: Unexpected `SEV9` for `severity`');
      expect(withError).not.toContain('Checkout outage, retitled while serving');
      expect(lints.at(-1)).toBe(1);

      // A rebuild that cannot lint at all keeps the last good site, and says so.
      writeFileSync(join(root, 'hindsight.config.json'), '{ "rules": ');
      await rebuilt(async () => expect(await text(server.url)).toContain('The site was not rebuilt, this is the last good one'));
      const kept = await text(server.url);
      expect(kept).toContain('Search results stale for six hours');
      expect(kept).toContain('hindsight.config.json:1:');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('hindsight serve', () => {
  it('serves the example postmortems, prints the address, and stops on Ctrl+C', async () => {
    const out = join(tempFolder(), 'site');
    const child = spawn(process.execPath, ['bin/hindsight.js', 'serve', '--port', '0', '--out', out], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await rebuilt(async () => expect(stdout).toMatch(/^Serving the postmortems at http:\/\/localhost:\d+\/\n/));
      const url = /http:\/\/localhost:\d+\//.exec(stdout)?.[0] ?? '';
      const home = await text(url);
      expect(home).toContain('<h1>Postmortems</h1>');
      expect(home).toContain('<li data-id="2026-03-04-checkout-database-connection-pool-exhaustion">');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
