import type { DevServer } from '@11ty/eleventy';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import { configFileName } from '../config/config.js';
import { UsageError } from '../errors.js';
import type { LintedPostmortem } from '../lint/engine.js';
import { runLint } from '../lint/run.js';
import { displayPath } from '../parse/load.js';
import type { ValidPostmortem } from '../parse/model.js';
import { packagePath } from '../package-root.js';
import { siteData } from './data.js';
import { closeIndexer, createEleventy } from './eleventy.js';

/** Marks a folder as a built site, which the next build may empty; any other folder is left alone. */
const markerFile = '.hindsight-site';

export interface SiteOptions {
  cwd: string;
  config: ResolvedConfig;
  /** Where the site is written, relative to `cwd`. */
  out: string;
  /** The templates; the package's `site/` by default. */
  siteDir?: string;
  /** Eleventy's warnings and errors. */
  log: (message: string) => void;
}

export interface BuiltSite {
  outDir: string;
  pages: number;
  files: number;
  bytes: number;
}

/** Writes the site for postmortems the linter accepted, then its search index. */
export async function buildSite(postmortems: readonly ValidPostmortem[], asOf: string, options: SiteOptions): Promise<BuiltSite> {
  const { config } = options;
  const outDir = prepareOutput(options);
  const data = siteData({ config, postmortems, asOf });
  const eleventy = await createEleventy({
    data: async () => data,
    siteDir: options.siteDir ?? packagePath('site'),
    outDir,
    pathPrefix: config.site.pathPrefix,
    runMode: 'build',
    log: options.log,
  });
  try {
    await eleventy.write();
  } finally {
    await closeIndexer();
  }
  return { outDir, pages: data.postmortems.length, ...folderSize(outDir) };
}

export interface ServeOptions extends SiteOptions {
  /** Fixed, or today (UTC) on each rebuild. */
  asOf: () => string;
  port: number;
  /** After each lint: the findings that kept postmortems off the site (empty when all are in). */
  onLint: (linted: LintedPostmortem[]) => void;
}

export interface SiteServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the site and serves it with live reload. Each rebuild (a postmortem, the config or a
 * template changed) lints the folder again; postmortems with errors stay off the site, and a banner
 * on every page names them.
 */
export async function serveSite(options: ServeOptions): Promise<SiteServer> {
  const { cwd, config } = options;
  const outDir = prepareOutput(options);
  let listening: (server: DevServer) => void = () => {};
  const ready = new Promise<DevServer>((resolveReady) => {
    listening = resolveReady;
  });
  const eleventy = await createEleventy({
    data: async () => {
      const asOf = options.asOf();
      const run = await runLint({ cwd, asOf, render: true });
      options.onLint(run.linted);
      return siteData({ config: run.config, postmortems: run.valid, asOf, problems: problemLines(run.linted, cwd) });
    },
    siteDir: options.siteDir ?? packagePath('site'),
    outDir,
    pathPrefix: config.site.pathPrefix,
    runMode: 'serve',
    watch: [config.postmortemsDir, join(config.root, configFileName)].map((path) => relative(process.cwd(), path)),
    log: options.log,
    port: options.port,
    ready: (server) => listening(server),
  });
  await eleventy.watch();
  await eleventy.serve(options.port);
  const server = await ready;
  return {
    url: server.getServerUrl('localhost'),
    async close() {
      await eleventy.stopWatch();
      await closeIndexer();
    },
  };
}

function problemLines(linted: readonly LintedPostmortem[], cwd: string): string[] {
  return linted.flatMap(({ result }) =>
    result.messages.filter((message) => message.fatal).map((message) => `${displayPath(result.filePath, cwd)}:${message.line ?? 1}:${message.column ?? 1}: ${message.reason}`),
  );
}

/**
 * The output folder, emptied when an earlier build made it. A folder that holds the repository,
 * the postmortems or anything Hindsight did not write is refused rather than overwritten.
 */
function prepareOutput({ cwd, config, out }: SiteOptions): string {
  const outDir = resolve(cwd, out);
  const shown = displayPath(outDir, cwd);
  const inside = (folder: string, parent: string): boolean => folder === parent || folder.startsWith(parent.endsWith(sep) ? parent : parent + sep);
  if (inside(config.root, outDir) || inside(config.postmortemsDir, outDir) || inside(outDir, config.postmortemsDir)) {
    throw new UsageError(`Cannot write the site to ${shown}: it holds the repository or the postmortems; choose another --out`);
  }
  if (existsSync(outDir)) {
    if (!statSync(outDir).isDirectory()) throw new UsageError(`Cannot write the site to ${shown}: it is a file; choose another --out`);
    if (readdirSync(outDir).length > 0 && !existsSync(join(outDir, markerFile))) {
      throw new UsageError(`Cannot write the site to ${shown}: the folder holds files Hindsight did not write; empty it or choose another --out`);
    }
    rmSync(outDir, { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, markerFile), 'Written by `hindsight build`; the next build empties this folder.\n');
  return outDir;
}

function folderSize(folder: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}
