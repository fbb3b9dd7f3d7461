import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileId, hostileTitle, siteCorpus, uniqueWord } from './corpus.js';
import { buildFixture, launchChromium, outputFolder, removeFolders, serveFolder } from './helpers.js';
import { expectedText, hostileFields, markedAt, pageProbe, placePaths, squash, type HostileField, type PagePlace, type Place } from './hostile.js';

const checkoutId = '2026-03-04-checkout-outage';
const searchId = '2025-11-02-search-index-lag';
const screenshots = join(outputFolder, 'site');

let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;

beforeAll(async () => {
  const site = await buildFixture(siteCorpus(), '2026-06-01');
  expect(site.exitCode).toBe(0);
  server = await serveFolder(site.out);
  browser = await launchChromium();
  mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeFolders();
});

/** A fresh page; it fails the test on any script error on the page. */
async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('close', () => expect(errors).toEqual([]));
  await page.goto(new URL(path, server.url).href);
  return page;
}

async function close(page: Page): Promise<void> {
  await page.context().close();
}

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage });
}

/** Waits for the page to settle (search loads its index on first use), up to a generous limit. */
function eventually<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 20_000 });
}

async function resultIds(page: Page): Promise<string[]> {
  return page.locator('#results > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-id') ?? ''));
}

describe('search', () => {
  it('finds the one postmortem whose body has a word', async () => {
    const page = await open('/');
    await page.locator('#search-input').fill(uniqueWord);
    await eventually(() => page.locator('#result-status').textContent()).toBe(`1 postmortem found for “${uniqueWord}”, best match first.`);
    expect(await resultIds(page)).toEqual([searchId]);
    expect(await page.locator('#listing').isHidden()).toBe(true);
    // Drawn from the index's fields, as the list's cards are.
    const card = page.locator('#results article.card');
    expect(await card.locator('.card-title a').getAttribute('href')).toBe(`/postmortems/${searchId}/`);
    expect(await card.locator('.badge').textContent()).toBe('SEV3');
    expect(await card.locator('.chip').allTextContents()).toEqual(['search', 'search-indexer']);
    expect(await card.locator('.card-title').textContent()).toBe('Search results stale for six hours after indexer backlog');
    expect(await card.locator('time').getAttribute('datetime')).toBe('2025-11-02');
    expect(await card.locator('.card-meta').textContent()).toMatch(/Resolved in \d+h/);
    expect(await card.locator('.card-impact').textContent()).toBe('1,032 users affected · $15,000 lost');
    expect(await page.locator('#results .excerpt mark').first().textContent()).toBe(uniqueWord);
    await shoot(page, 'home-search', false);
    await close(page);
  });

  it('narrows the list with a facet, and with a query inside it', async () => {
    const page = await open('/');
    await page.getByRole('checkbox', { name: /SEV2 Major/ }).check();
    await eventually(() => resultIds(page)).toEqual(['2025-08-09-login-errors', '2024-06-15-payments-timeout']);
    // The other facets count what is left (no SEV2 postmortem is from 2026); severity still counts all.
    const counts = (facet: string) => page.locator(`fieldset[data-facet="${facet}"] .count`).allTextContents();
    await eventually(() => counts('year')).toEqual(['0', '1', '1']);
    expect(await counts('severity')).toEqual(['1', '2', '2', '1']);
    await page.locator('#search-input').fill('processor');
    await eventually(() => resultIds(page)).toEqual(['2024-06-15-payments-timeout']);
    // A draft or in-review postmortem says so on its card.
    expect(await page.locator('#results .status').textContent()).toBe('In review');
    await page.locator('#search-input').fill('');
    await page.getByRole('checkbox', { name: /SEV2 Major/ }).uncheck();
    await eventually(() => page.locator('#listing').isVisible()).toBe(true);
    await close(page);
  });
});

describe('pages in the browser', () => {
  it('shows a postmortem with its action items, re-judging overdue against today', async () => {
    const page = await open(`/postmortems/${checkoutId}/`);
    const overdueRow = page.locator('table.action-items tr', { hasText: 'Load test the checkout flow' });
    await eventually(() => overdueRow.locator('.overdue-mark').textContent()).toMatch(/^Overdue by \d+ days$/);
    expect(await overdueRow.getAttribute('class')).toBe('is-overdue');
    expect(await page.locator('table.action-items tr', { hasText: 'Add pool metrics' }).locator('.overdue-mark').count()).toBe(1);
    expect(await page.locator('[data-as-of-note]').textContent()).toMatch(/^Overdue as of today, \d{4}-\d{2}-\d{2}/);
    expect(await page.locator('svg.timeline title').first().textContent()).toBe('Incident timeline, 1h 13m from start to resolution');
    await shoot(page, 'postmortem');
    await close(page);

    const later = await open(`/postmortems/${searchId}/`);
    // Due in 2099: open, but not overdue on any day this test runs.
    expect(await later.locator('tr', { hasText: 'Alert on indexer queue age' }).locator('.overdue-mark').textContent()).toBe('');
    await close(later);
  });

  it('without JavaScript, keeps the build day\'s overdue marks and says so', async () => {
    const page = await open(`/postmortems/${checkoutId}/`, { javaScriptEnabled: false });
    expect(await page.locator('[data-as-of-note]').textContent()).toBe('Overdue as of 2026-06-01, when this site was built.');
    expect(await page.locator('tr.is-overdue .overdue-mark').textContent()).toBe('Overdue by 79 days');
    expect(await page.locator('#search').isHidden()).toBe(true);
    await close(page);
  });

  it('shows the dashboard charts, each with a title and a data table', async () => {
    const page = await open('/dashboard/');
    const charts = page.locator('figure.chart-figure');
    expect(await charts.count()).toBe(7);
    for (const chart of await charts.all()) {
      expect(await chart.locator('svg.chart').isVisible()).toBe(true);
      expect(await chart.locator('svg.chart > title').textContent()).toBe(await chart.locator('figcaption h2').textContent());
      expect(await chart.locator('svg.chart rect').count()).toBeGreaterThan(0);
    }
    const first = charts.first();
    await first.locator('summary').click();
    expect(await first.locator('table tbody tr').count()).toBeGreaterThan(0);
    await shoot(page, 'dashboard');
    await close(page);
  });

  it('sums up open action items by owner, judging overdue again against today', async () => {
    const page = await open('/action-items/');
    const dana = page.locator('table.owners tr', { has: page.getByRole('link', { name: 'Dana' }) });
    // Due in 2099: open, not overdue on any day this test runs.
    expect(await dana.locator('td').allTextContents()).toEqual(['1', '0', '2099-01-01']);
    const bob = page.locator('table.owners tr', { has: page.getByRole('link', { name: 'Bob' }) });
    expect(await bob.locator('td').nth(1).textContent()).toBe('2');
    expect(await page.locator('[data-as-of-note]').textContent()).toMatch(/^Overdue as of today, \d{4}-\d{2}-\d{2}/);
    await shoot(page, 'action-items');
    await page.getByRole('link', { name: 'Bob' }).click();
    await page.waitForURL(/\/owners\/bob\/$/);
    await close(page);
  });

  it("lists an owner's open items and sorts them by due date", async () => {
    const page = await open('/owners/bob/');
    const rows = page.locator('table.action-items tbody tr');
    expect(await rows.count()).toBe(2);
    const dues = () => rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-due')));
    const ascending = await dues();
    expect(ascending).toEqual([...ascending].sort());
    await page.getByRole('button', { name: 'Due' }).click();
    expect(await dues()).toEqual([...ascending].reverse());
    expect(await page.locator('th[data-sort-due]').getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('.owner-counts [data-overdue-at-build]').textContent()).toBe('2');
    await shoot(page, 'owner');
    await close(page);
  });

  it('fits a phone screen and follows the dark colour scheme', async () => {
    for (const path of ['/', `/postmortems/${checkoutId}/`, '/dashboard/', '/action-items/']) {
      const page = await open(path, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow, path).toBeLessThanOrEqual(0);
      const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
      expect(background).toBe('rgb(15, 18, 22)');
      if (path.includes('postmortems')) await shoot(page, 'postmortem-phone-dark', false);
      await close(page);
    }
  });

  it('prints a postmortem without the site around it', async () => {
    const page = await open(`/postmortems/${checkoutId}/`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isHidden()).toBe(true);
    expect(await page.locator('.site-footer').isHidden()).toBe(true);
    await shoot(page, 'postmortem-print');
    await close(page);
  });
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const path of ['/', `/postmortems/${checkoutId}/`, '/dashboard/', '/action-items/', '/owners/bob/', '/severities/', '/services/', '/services/checkout-api/']) {
      it(`has no serious or critical axe violations on ${path} (${colorScheme})`, async () => {
        const page = await open(path, { colorScheme });
        // Axe runs through DevTools, which the page's Content-Security-Policy does not restrict.
        await page.evaluate(axe.source);
        const { violations } = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as axe.AxeResults;
        const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
        expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
        await close(page);
      });
    }
  }
});

/** What `pageProbe` finds. */
interface Probe {
  problems: string[];
  texts: string[];
}

/** Whether the probed texts show each field as the matrix in `hostile.ts` says the place does: its marker only where it is published, and there its text. */
function expectFields(probe: Probe, place: Place): void {
  const has = (text: string): boolean => probe.texts.some((shown) => shown.includes(text));
  const shown = (field: HostileField) => ({ marker: has(field.marker), text: field.places.includes(place) && has(squash(expectedText(field, place))) });
  expect(hostileFields.map((field) => [field.field, shown(field)])).toEqual(hostileFields.map((field) => [field.field, { marker: markedAt(field, place), text: field.places.includes(place) }]));
}

/** Opens a page with the Content-Security-Policy off, so that only escaping keeps it safe; it fails the test on any dialog. */
async function openBare(path: string): Promise<Page> {
  const page = await open(path, { bypassCSP: true });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('close', () => expect(dialogs).toEqual([]));
  return page;
}

/** Everything a mouse or keyboard could set off, on every element, in case a handler waits for it. */
const provoke = `for (const element of document.querySelectorAll('*')) {
  for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin']) element.dispatchEvent(new Event(type, { bubbles: true }));
}`;

describe('hostile content', () => {
  for (const [place, path] of Object.entries(placePaths) as Array<[PagePlace, string]>) {
    it(`runs nothing on the ${place} page, and shows there each field the matrix names for it as text`, async () => {
      const page = await openBare(path);
      await page.evaluate(provoke);
      expect(await page.evaluate('window.pwned'), path).toBeUndefined();
      const probe = (await page.evaluate(`(${pageProbe})(document)`)) as Probe;
      expect(probe.problems).toEqual([]);
      expectFields(probe, place);
      if (place === 'postmortem') {
        expect(await page.locator('h1').textContent()).toBe(hostileTitle);
        await shoot(page, 'hostile-postmortem');
      }
      await close(page);
    });
  }

  it('runs nothing in the search results, and shows each field the index holds as text', async () => {
    const page = await openBare('/');
    /**
     * Searches for the field's marker, with what comes before it in its word (the index drops the
     * punctuation in a word and finds a word by its start); the hostile result's card.
     */
    const search = async (field: HostileField): Promise<Probe & { excerpt: string }> => {
      const text = expectedText(field, 'search');
      const word = text.slice(text.lastIndexOf(' ', text.indexOf(field.marker)) + 1, text.indexOf(field.marker) + field.marker.length);
      await page.locator('#search-input').fill(word);
      await eventually(() => page.locator('#result-status').textContent()).toContain(`for “${word}”`);
      expect(await resultIds(page)).toContain(hostileId);
      await page.evaluate(provoke);
      expect(await page.evaluate('window.pwned'), field.field).toBeUndefined();
      expect(await page.locator('#results .excerpt *:not(mark)').count()).toBe(0);
      return (await page.evaluate(`(() => {
        const card = [...document.querySelectorAll('#results > li')].find((item) => item.dataset.id === ${JSON.stringify(hostileId)});
        return { ...(${pageProbe})(card), excerpt: card.querySelector('.excerpt').textContent.replace(/\\s+/g, ' ').trim() };
      })()`)) as Probe & { excerpt: string };
    };
    const title = hostileFields.find((field) => field.field === 'title')!;
    // The index loads with the first search.
    await search(title);
    // What the index holds of the page, and so all a result can show: the fields its card is drawn from, and the text its excerpts are.
    const indexed = (await page.evaluate(`(async () => {
      const root = document.getElementById('search');
      const [newest] = root.dataset.pagefindShards.split(' ');
      const pagefind = await import(new URL(newest + '/pagefind.js', new URL(root.dataset.pagefindPath, document.baseURI)).href);
      const { results } = await pagefind.search(null, { filters: { service: 'web' } });
      const { content, meta } = await results[0].data();
      return { content: content.replace(/\\s+/g, ' ').trim(), meta: Object.values(meta).map((value) => value.replace(/\\s+/g, ' ').trim()) };
    })()`)) as { content: string; meta: string[] };
    expectFields({ problems: [], texts: [indexed.content, ...indexed.meta] }, 'search');
    const fields = hostileFields.filter((field) => field.places.includes('search'));
    const onCard = fields.filter((field) => indexed.meta.some((value) => value.includes(squash(expectedText(field, 'search')))));
    expect(onCard.map((field) => field.field)).toEqual(['id (the file name)', 'title', 'config: severity name']);
    for (const field of fields.filter((candidate) => candidate.field === 'title' || !onCard.includes(candidate))) {
      const card = await search(field);
      expect(card.problems).toEqual([]);
      // Every result shows the fields its card is drawn from in full, and an excerpt around the match: the index's text as it is.
      for (const shown of onCard) expect(card.texts.some((text) => text.includes(squash(expectedText(shown, 'search')))), shown.field).toBe(true);
      expect(card.excerpt, field.field).toContain(field.marker);
      expect(indexed.content).toContain(card.excerpt);
      if (field === title) await shoot(page, 'hostile-search', false);
    }
    await close(page);
  });

  it('leaves the feed well-formed XML, with each field it carries as text and the bodies inert', async () => {
    const page = await open('/');
    const feed = (await page.evaluate(`(async () => {
      const probe = ${pageProbe};
      const text = await (await fetch('feed.xml')).text();
      const xml = new DOMParser().parseFromString(text, 'application/xml');
      const bodies = [...xml.querySelectorAll('entry > content')].map((content) => probe(new DOMParser().parseFromString(content.textContent, 'text/html')));
      return {
        error: xml.querySelector('parsererror')?.textContent ?? null,
        entries: xml.querySelectorAll('entry').length,
        titles: [...xml.querySelectorAll('entry > title')].map((title) => title.textContent),
        elements: [...new Set([...xml.querySelectorAll('*')].map((element) => element.namespaceURI + ' ' + element.localName))],
        problems: bodies.flatMap((body) => body.problems),
        texts: [...[...xml.querySelectorAll('*')].map((element) => element.childElementCount === 0 ? element.textContent.replace(/\\s+/g, ' ').trim() : ''), ...bodies.flatMap((body) => body.texts)],
      };
    })()`)) as { error: string | null; entries: number; titles: string[]; elements: string[]; problems: string[]; texts: string[] };
    expect(feed.error).toBeNull();
    expect(feed.entries).toBe(6);
    expect(feed.elements.filter((element) => !element.startsWith('http://www.w3.org/2005/Atom '))).toEqual([]);
    expect(feed.problems).toEqual([]);
    expect(feed.titles).toContain(`SEV3: ${expectedText(hostileFields.find((field) => field.field === 'title')!, 'feed')}`);
    expectFields(feed, 'feed');
    await close(page);
  });
});
