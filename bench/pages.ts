import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';

/** What a browser downloaded for one page (or one action on it): response body bytes, by kind. */
export interface Weight {
  bytes: number;
  requests: number;
  byKind: Record<string, number>;
  /** From navigation to the load event, or from the action to its results. */
  seconds: number;
  /** Set when the page or action could not be measured. */
  failure?: string;
}

export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Serves `folder` under `pathPrefix` on 127.0.0.1 and a free port, as a static host would. */
export async function serveSite(folder: string, pathPrefix: string): Promise<{ url: string; close(): Promise<void> }> {
  const prefix = pathPrefix.endsWith('/') ? pathPrefix : `${pathPrefix}/`;
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!path.startsWith(prefix)) return void response.writeHead(404).end();
    let file = normalize(join(folder, path.slice(prefix.length)));
    if (!file.startsWith(folder + sep) && file !== folder) return void response.writeHead(403).end();
    if (path.endsWith('/')) file = join(file, 'index.html');
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((done) => server.close(() => done())) };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** Debian's Chromium (or `CHROME_PATH`), headless, with nothing that reaches the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Counts the response body bytes of every request a page makes (documents, styles, scripts,
 * fetches, icons) between `mark` and `read`.
 */
class Meter {
  private finished: Promise<{ kind: string; bytes: number }>[] = [];
  private inFlight = 0;
  private lastActivity = performance.now();

  constructor(page: Page) {
    page.on('request', () => {
      this.inFlight++;
      this.lastActivity = performance.now();
    });
    const settle = (request: Request, counted: boolean) => {
      this.inFlight--;
      this.lastActivity = performance.now();
      const bytes = counted ? request.sizes().then((sizes) => sizes.responseBodySize) : Promise.resolve(0);
      this.finished.push(bytes.then((size) => ({ kind: request.resourceType(), bytes: size })));
    };
    page.on('requestfinished', (request) => settle(request, true));
    page.on('requestfailed', (request) => settle(request, false));
  }

  mark(): void {
    this.finished = [];
  }

  /** Resolves once no request has been in flight for `quietMs`, or after `limitMs`. */
  async idle(quietMs: number, limitMs = 60_000): Promise<void> {
    const until = performance.now() + limitMs;
    while (performance.now() < until && (this.inFlight > 0 || performance.now() - this.lastActivity < quietMs)) {
      await new Promise((wake) => setTimeout(wake, 50));
    }
  }

  async read(seconds: number): Promise<Weight> {
    const responses = await Promise.all(this.finished);
    const byKind: Record<string, number> = {};
    for (const { kind, bytes } of responses) byKind[kind] = (byKind[kind] ?? 0) + bytes;
    return { bytes: responses.reduce((sum, { bytes }) => sum + bytes, 0), requests: responses.length, byKind, seconds };
  }
}

/** Opens `path` in a fresh, cache-less context and weighs everything it downloads until the network is quiet. */
export async function weighPage(browser: Browser, siteUrl: string, path: string): Promise<Weight> {
  return withPage(browser, async (page, meter) => {
    const started = performance.now();
    const response = await page.goto(new URL(path, siteUrl).href, { waitUntil: 'load', timeout: 300_000 });
    const seconds = (performance.now() - started) / 1000;
    await settled(page, meter);
    const weight = await meter.read(seconds);
    return response?.ok() ? weight : { ...weight, failure: `the server answered ${response?.status() ?? 'nothing'}` };
  });
}

/**
 * Loads the home page, then types `word` into its search box and weighs what the search fetches
 * (the index chunks and fragments) until its results are shown and the network is quiet.
 */
export async function weighSearch(browser: Browser, siteUrl: string, word: string): Promise<Weight> {
  return withPage(browser, async (page, meter) => {
    await page.goto(siteUrl, { waitUntil: 'load', timeout: 300_000 });
    await settled(page, meter);
    const input = page.locator('#search-input');
    if ((await input.count()) === 0) return { bytes: 0, requests: 0, byKind: {}, seconds: 0, failure: 'the home page has no `#search-input`' };
    meter.mark();
    const started = performance.now();
    await input.fill(word);
    const shown = await page
      .locator('#results > li')
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 })
      .then(() => true, () => false);
    const seconds = (performance.now() - started) / 1000;
    await settled(page, meter);
    const weight = await meter.read(seconds);
    return shown ? weight : { ...weight, failure: `no result appeared in \`#results\` within 60 s for “${word}”` };
  });
}

/**
 * Waits until the page's main thread is free again (a large page lays out long after its load
 * event, and only then asks for late resources such as the favicon) and the network is quiet.
 */
async function settled(page: Page, meter: Meter): Promise<void> {
  await page.evaluate('0');
  await meter.idle(2000);
}

async function withPage(browser: Browser, work: (page: Page, meter: Meter) => Promise<Weight>): Promise<Weight> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const meter = new Meter(page);
    return await work(page, meter);
  } catch (error) {
    return { bytes: 0, requests: 0, byKind: {}, seconds: 0, failure: (error as Error).message.split('\n')[0] ?? 'unknown error' };
  } finally {
    await context.close();
  }
}
