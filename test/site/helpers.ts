import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { edit, validPostmortem } from '../helpers/lint.js';
import { hindsight, writeFiles, type RunResult } from '../helpers/cli.js';

/** Screenshots go here (ignored by git); look at them after a run. */
export const outputFolder = resolve(import.meta.dirname, '..', '.output');

/** A folder removed by `removeFolders` (call it in `afterAll`). */
const folders: string[] = [];
export function tempFolder(prefix = 'hindsight-site-'): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  folders.push(folder);
  return folder;
}

export function removeFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export interface BuiltFixture extends RunResult {
  /** The repository folder. */
  root: string;
  /** The built site. */
  out: string;
  read(path: string): string;
}

/** Writes `files` into a new repository folder and runs `hindsight build --as-of AS_OF` there. */
export async function buildFixture(files: Record<string, string>, asOf = '2026-06-01'): Promise<BuiltFixture> {
  const root = tempFolder();
  writeFiles(root, files);
  const result = await hindsight(root, ['build', '--as-of', asOf]);
  const out = join(root, '_site');
  return { ...result, root, out, read: (path) => readFileSync(join(out, path), 'utf8') };
}

/** The shared valid postmortem with its identity changed: a new id, title, date and times. */
export function postmortem(options: {
  date: string;
  slug: string;
  title: string;
  severity?: string;
  services?: string[];
  tags?: string[];
  factors?: string[];
  status?: string;
  /** Extra lines for the Summary. */
  summary?: string;
  /** Action item rows (`| action | owner | due | status | type |`), replacing the two defaults. */
  actionItems?: string[];
}): [string, string] {
  const { date } = options;
  let text = validPostmortem.replaceAll('2026-03-04', date);
  text = edit(text, 'title: Checkout outage from database connection pool exhaustion', `title: ${JSON.stringify(options.title)}`);
  if (options.severity) text = edit(text, 'severity: SEV1', `severity: ${options.severity}`);
  if (options.status) text = edit(text, 'status: published', `status: ${options.status}`);
  if (options.services) text = edit(text, 'services:\n  - checkout-api\n', `services:\n${options.services.map((name) => `  - ${name}\n`).join('')}`);
  if (options.tags) text = edit(text, 'impact:\n', `tags:\n${options.tags.map((tag) => `  - ${tag}\n`).join('')}impact:\n`);
  if (options.factors) text = edit(text, 'impact:\n', `contributing_factors:\n${options.factors.map((factor) => `  - ${factor}\n`).join('')}impact:\n`);
  if (options.summary) text = edit(text, '## Impact\n', `${options.summary}\n\n## Impact\n`);
  if (options.actionItems) {
    text = edit(text, /\| Add pool metrics[^\n]*\n\| Load test[^\n]*\n/, `${options.actionItems.join('\n')}\n`);
  }
  return [`postmortems/${date}-${options.slug}.md`, text];
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/atom+xml',
  '.csv': 'text/csv',
  '.wasm': 'application/wasm',
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

/** A static file server for a built site on 127.0.0.1 and a free port. */
export async function serveFolder(folder: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file = normalize(join(folder, path));
    if (!file.startsWith(folder + sep) && file !== folder) {
      response.writeHead(403).end();
      return;
    }
    if (path.endsWith('/')) file = join(file, 'index.html');
    try {
      const body = readFileSync(file);
      response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Debian's Chromium (or `CHROME_PATH`), headless, with nothing that reaches the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
