import axe from 'axe-core';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate.js';
import { packagePath } from '../../src/package-root.js';
import { launchChromium, removeFolders, serveFolder, tempFolder } from './helpers.js';

// The site at the size of a large organisation's history: the pages people open every day stay
// small, readable and accessible. `HINDSIGHT_SCALE_FILES` changes the count (default 10,000).
const count = Number(process.env.HINDSIGHT_SCALE_FILES ?? 10_000);

/** Every byte a page may download, HTML, CSS and JavaScript together, however many postmortems there are. */
const budgets: Record<string, number> = { '/': 150_000, '/action-items/': 300_000, '/dashboard/': 200_000 };

let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
let root: string;
let out: string;

beforeAll(async () => {
  root = tempFolder('hindsight-scale-');
  generateCorpus(join(root, 'postmortems'), count, 42);
  // As users run it: the compiled CLI, parsing on every core.
  await promisify(execFile)(process.execPath, [packagePath('bin', 'hindsight.js'), 'build', '--as-of', '2026-06-01', '--quiet'], { cwd: root, maxBuffer: 1 << 26 });
  out = join(root, '_site');
  server = await serveFolder(out);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeFolders();
});

/** Opens a page, counting the bytes of every response and the paths asked for; fails on any script error. */
async function open(path: string): Promise<{ page: Page; bytes: () => Promise<number>; fetched: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const bodies: Array<Promise<number>> = [];
  const fetched: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('close', () => expect(errors).toEqual([]));
  page.on('response', (response) => {
    fetched.push(new URL(response.url()).pathname);
    bodies.push(response.body().then((body) => body.length, () => 0));
  });
  await page.goto(new URL(path, server.url).href, { waitUntil: 'networkidle' });
  const bytes = async (): Promise<number> => (await Promise.all(bodies)).reduce((sum, length) => sum + length, 0);
  return { page, bytes, fetched };
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const { violations } = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as axe.AxeResults;
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id);
}

describe(`the site of ${count.toLocaleString('en-US')} postmortems`, () => {
  it.each(Object.entries(budgets))('keeps %s within %i bytes, with no serious axe violations', async (path, budget) => {
    const { page, bytes } = await open(path);
    expect(await bytes()).toBeLessThanOrEqual(budget);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('lists a page of the newest postmortems, and pages through the rest', async () => {
    const { page } = await open('/');
    expect(await page.locator('#postmortems > li').count()).toBe(50);
    expect(await page.locator('.pager').textContent()).toContain(`Page 1 of ${Math.ceil(count / 50)}`);
    await page.getByRole('link', { name: 'Last' }).first().click();
    await page.waitForURL(new RegExp(`/page/${Math.ceil(count / 50)}/$`));
    expect(await page.locator('#postmortems > li').count()).toBe(count % 50 || 50);
    await page.close();
  });

  it('searches every postmortem with a query and a facet, fetching only the parts of the index it reads', async () => {
    const { page, fetched } = await open('/');
    const loaded = fetched.length;
    await page.locator('#search-input').fill('certificate');
    await expect.poll(() => page.locator('#result-status').textContent(), { timeout: 30_000 }).toMatch(/^\d[\d,]* postmortems? found for “certificate”/);
    await expect.poll(() => page.locator('#results > li').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    // What a query's bytes come to is measured by `npm run bench`; here, that it reads one script and
    // module, one index chunk per part of the index, and the results it shows, whatever the count.
    const parts = readdirSync(join(out, 'pagefind')).length;
    const kinds = fetched.slice(loaded).map((path) => /\.(pf_\w+|pagefind|js|json)$/.exec(path)?.[1] ?? path);
    const count = (kind: string): number => kinds.filter((other) => other === kind).length;
    expect({ js: count('js'), wasm: count('pagefind'), entries: count('json'), meta: count('pf_meta'), chunks: count('pf_index') }).toEqual({ js: 1, wasm: 1, entries: parts, meta: parts, chunks: parts });
    expect(count('pf_fragment')).toBe(await page.locator('#results > li').count());
    expect(count('pf_filter')).toBe(0);
    await page.getByRole('checkbox', { name: /^SEV1 Critical/ }).check();
    await expect.poll(() => page.locator('#results .badge').allTextContents(), { timeout: 30_000 }).toSatisfy((badges: string[]) => badges.length > 0 && badges.every((badge) => badge === 'SEV1'));
    await page.close();
  });

  it('lists what a facet allows newest first, across every part of the index, a page at a time', async () => {
    // The SEV1 postmortems' days, newest first, from the files themselves.
    const days = readdirSync(join(root, 'postmortems'))
      .map((name) => readFileSync(join(root, 'postmortems', name), 'utf8'))
      .filter((text) => /^severity: SEV1$/m.test(text))
      .map((text) => /^date: (\S+)$/m.exec(text)?.[1] ?? '')
      .sort()
      .reverse();
    const { page } = await open('/');
    await page.getByRole('checkbox', { name: /^SEV1 Critical/ }).check();
    await expect.poll(() => page.locator('#result-status').textContent(), { timeout: 30_000 }).toBe(`${days.length} postmortems found, newest first.`);
    for (const shown of [10, 20, 30]) {
      await expect.poll(() => page.locator('#results > li').count(), { timeout: 30_000 }).toBe(shown);
      if (shown < 30) await page.locator('#more-results').click();
    }
    expect(await page.locator('#results time').allTextContents()).toEqual(days.slice(0, 30));
    const ids = await page.locator('#results > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(30);
    await page.close();
  });

  it("shows an owner's items and a postmortem with no serious axe violations", async () => {
    // The owner with the most pages of open items.
    const owners = readdirSync(join(out, 'owners')).map((owner) => ({ owner, pages: existsSync(join(out, 'owners', owner, 'page')) ? readdirSync(join(out, 'owners', owner, 'page')).length + 1 : 1 }));
    const busiest = owners.sort((a, b) => b.pages - a.pages)[0];
    const [postmortem] = readdirSync(join(out, 'postmortems'));
    const ownerPages = Array.from({ length: Math.min(2, busiest?.pages ?? 0) }, (_, index) => `/owners/${busiest?.owner}/${index === 0 ? '' : `page/${index + 1}/`}`);
    for (const path of [...ownerPages, `/postmortems/${postmortem}/`]) {
      const { page } = await open(path);
      expect(await page.locator('h1').count(), path).toBe(1);
      expect(await seriousViolations(page), path).toEqual([]);
      await page.close();
    }
  });
});
