import type { DevServer } from '@11ty/eleventy';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/config.js';
import { configFileName } from '../config/config.js';
import { UsageError } from '../errors.js';
import type { LintedPostmortem } from '../lint/engine.js';
import { runLint } from '../lint/run.js';
import { displayPath } from '../parse/load.js';
import type { ValidPostmortem } from '../parse/model.js';
import { packagePath, toolVersion } from '../package-root.js';
import { createEleventy, type SiteContent } from './eleventy.js';
import { keepFile } from './keep-file.js';
import { postmortemViews, siteListings, siteModel, siteViews, type PostmortemView, type SiteModel } from './model.js';
import type { PageView } from './page.js';
import { pageSets } from './pages/index.js';
import filePages from './pages/files.js';
import postmortemPages from './pages/postmortem.js';
import { closeIndexer, fragmentFile, indexShards, searchShards, shardFolder, type SearchShard } from './search-index.js';

/**
 * Marks a folder as a built site, which the next build may replace; any other folder is left
 * alone. It also lists each page a rebuild may keep (`rendersFromView`) with a hash of what it
 * was rendered from.
 */
const markerFile = '.hindsight-site';

export interface Manifest {
  /** The page renderer the pages were made by. */
  renderer: string;
  /** Page path to the hash of its view. */
  pages: Record<string, string>;
  /** Search shard name to the hash of its records, and each record's fragment (by the record's hash). */
  shards: Record<string, IndexedShard>;
}

interface IndexedShard {
  hash: string;
  fragments: Record<string, string>;
}

export interface SiteOptions {
  cwd: string;
  config: ResolvedConfig;
  /** Where the site is written, relative to `cwd`. */
  out: string;
  /** The styles and scripts; the package's `site/` by default. */
  siteDir?: string;
  /** Eleventy's warnings and errors. */
  log: (message: string) => void;
  /** Steps of a long build: pages written, search indexed. */
  onProgress?: (step: BuildStep) => void;
}

export type BuildStep = { phase: 'pages' | 'index'; done: number; total: number };

export interface BuiltSite {
  outDir: string;
  /** Postmortems published. */
  pages: number;
  /** Postmortem pages unchanged since the last build, kept rather than written again. */
  reused: number;
  /** Search shards (spans of years) whose records did not change, kept rather than indexed again. */
  reusedShards: number;
  files: number;
  bytes: number;
}

/** A build begun: its work folder beside the output folder, and what the last build there left. */
export interface BuildStart {
  outDir: string;
  staging: string;
  previous: Manifest | undefined;
  /** The last build's page folders, being made in the work folder. */
  folders: FoldersAside;
}

/**
 * Begins a build, before its postmortems are linted: the work folder is made beside the output
 * folder, and the last build's page folders in it, on a thread of their own. Ten thousand folders
 * take the file system seconds; made while the linter reads the postmortems, they are there when
 * the unchanged pages are linked into them.
 */
export function startBuild(options: SiteOptions): BuildStart {
  const outDir = checkedOutput(options);
  const staging = stagingFolder(outDir);
  const previous = readManifest(outDir);
  return { outDir, staging, previous, folders: makeFoldersAside(staging, Object.keys(previous?.pages ?? {})) };
}

/** Removes a build's work folder, when the build will not go on (the linter found errors). */
export async function abandonBuild({ staging, folders }: BuildStart): Promise<void> {
  await folders.stop();
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Writes the site for postmortems the linter accepted, and at the same time its search index, into
 * a folder beside `--out`, and puts it in place of the old site only once both are complete: a
 * build that fails or is stopped leaves the previous site as it was. Postmortem pages whose views
 * did not change since the last build, and search shards whose records did not, are linked from it
 * instead of made again.
 */
export async function buildSite(postmortems: readonly ValidPostmortem[], asOf: string, options: SiteOptions, start: BuildStart = startBuild(options)): Promise<BuiltSite> {
  const { config, onProgress = () => {} } = options;
  const { outDir, staging, previous } = start;
  const input = { config, postmortems, asOf };
  const listings = siteListings(input);
  const renderer = rendererFingerprint();
  const manifest: Manifest = { renderer, pages: {}, shards: {} };
  let reused = 0;
  let reusedShards = 0;
  /** The search shards' folders this build indexes, and the size of the rest, measured while they are written. */
  const indexedFolders = new Set<string>();
  let sizeBesideIndexed: FolderSize = { files: 0, bytes: 0 };
  try {
    // The pages and the search index are made at once (Pagefind indexes in a process of its own, fed
    // from a thread of its own), and both are awaited whatever becomes of the other, so nothing
    // writes into the staging folder once it is removed. The first to fail stops the other at its
    // next step.
    let failure: { error: unknown } | undefined;
    const stop = new AbortController();
    const task = (run: () => Promise<void>): Promise<void> =>
      run().catch((error: unknown) => {
        failure ??= { error };
        stop.abort();
      });
    /**
     * The views of the pages to render: a page of a kind that renders from its view alone, whose
     * view did not change, is linked from the last build instead. Hashing and linking ten thousand
     * pages takes seconds; it pauses now and then, so the search indexer's thread, which asks this
     * one for records as it needs them, is never kept waiting.
     */
    const pagesToRender = async (model: SiteModel): Promise<Record<string, PageView[]>> => {
      const toRender: Record<string, PageView[]> = {};
      for (const pages of pageSets) {
        const pageViews = pages.views(model);
        if (!pages.rendersFromView) {
          toRender[pages.name] = pageViews;
          continue;
        }
        const rendered: PageView[] = [];
        for (const [index, view] of pageViews.entries()) {
          if (index % pagesBetweenPauses === pagesBetweenPauses - 1) await pause();
          const hash = viewHash(view, model);
          manifest.pages[view.path] = hash;
          if (previous?.renderer !== renderer || previous.pages[view.path] !== hash || !keepPage(outDir, staging, view.path)) rendered.push(view);
        }
        if (pages === postmortemPages) reused = pageViews.length - rendered.length;
        toRender[pages.name] = rendered;
      }
      return toRender;
    };
    const writePages = async (model: SiteModel): Promise<void> => {
      const toRender = await pagesToRender(model);
      const total = Object.values(toRender).reduce((sum, list) => sum + list.length, 0);
      let done = 0;
      // Eleventy keeps every page it renders until its run ends: the pages go in runs of a bounded
      // size, so memory does not grow with their number.
      for (const run of inRuns(toRender)) {
        if (stop.signal.aborted) return;
        const eleventy = await createEleventy({
          content: async () => ({ model, views: run }),
          siteDir: options.siteDir ?? packagePath('site'),
          outDir: staging,
          pathPrefix: config.site.pathPrefix,
          runMode: 'build',
          log: options.log,
          onPage: () => onProgress({ phase: 'pages', done: (done += 1), total }),
        });
        await eleventy.write();
      }
    };
    // Each opens once, whatever becomes of the index: once the indexers have their first records (or
    // there are none to index), and once the unchanged shards are linked.
    const indexerFed = latch();
    const shardsLinked = latch();
    const indexSearch = async (): Promise<void> => {
      const shards = searchShards(listings.postmortems, config.site.searchShardSize);
      let indexed = 0;
      const step = (): void => onProgress({ phase: 'index', done: indexed, total: shards.length });
      step();
      const reusable = reusableFragments(outDir, previous?.shards);
      const index = (pending: SearchShard[]): Promise<void> =>
        indexShards(staging, pending, {
          signal: stop.signal,
          reusable,
          earlierIn: outDir,
          onIndexed: (shard, fragments) => {
            manifest.shards[shard.name] = indexedShard(shard, fragments);
            indexed += 1;
            step();
          },
          onFed: indexerFed.open,
        });
      const unchanged = shards.filter((shard) => previous?.shards[shard.name]?.hash === shard.hash);
      // The changed shards are indexed first; the others' files are linked meanwhile, in pauses that
      // let the indexer's thread be answered, and a shard whose files cannot be linked is indexed after.
      const changed = shards.filter((shard) => !unchanged.includes(shard));
      const staged = (shard: SearchShard): string => join(staging, shardFolder(shard.name));
      for (const shard of changed) indexedFolders.add(staged(shard));
      const changedIndexed = index(changed);
      const notKept: SearchShard[] = [];
      for (const shard of unchanged) {
        if (await keepFolder(join(outDir, shardFolder(shard.name)), staged(shard))) {
          manifest.shards[shard.name] = previous!.shards[shard.name]!;
          reusedShards += 1;
          indexed += 1;
          step();
        } else {
          indexedFolders.add(staged(shard));
          notKept.push(shard);
        }
      }
      shardsLinked.open();
      await changedIndexed;
      await index(notKept);
    };
    // The index first: on a rebuild, Pagefind indexing a changed shard takes longest.
    const indexing = task(indexSearch).finally(() => {
      indexerFed.open();
      shardsLinked.open();
    });
    // The pages' views and the overall figures wait until the indexer is at work, for the same
    // reason; the views pause now and then, so its thread is not kept waiting for records.
    const pagesWritten = task(async () => {
      await indexerFed.opened;
      const views: PostmortemView[] = [];
      for (const view of postmortemViews(listings)) if (views.push(view) % pagesBetweenPauses === 0) await pause();
      await writePages(siteModel(input, siteViews(input, listings, views)));
    });
    // The site but for the shards being indexed is measured while they are; the marker is written last.
    const measured = task(async () => {
      await Promise.all([pagesWritten, shardsLinked.opened, start.folders.done]);
      removeEmptyFolders(staging, Object.keys(previous?.pages ?? {}).filter((path) => !(path in manifest.pages)));
      if (!stop.signal.aborted) sizeBesideIndexed = folderSize(staging, new Set([...indexedFolders, join(staging, markerFile)]));
    });
    await Promise.all([indexing, pagesWritten, measured]);
    if (failure) throw failure.error;
    const marker = `${JSON.stringify(manifest)}\n`;
    writeFileSync(join(staging, markerFile), marker);
    const sizes = [sizeBesideIndexed, ...[...indexedFolders].map((folder) => folderSize(folder)), { files: 1, bytes: Buffer.byteLength(marker) }];
    swapInto(staging, outDir);
    return { outDir, pages: listings.postmortems.length, reused, reusedShards, files: sum(sizes, 'files'), bytes: sum(sizes, 'bytes') };
  } catch (error) {
    await abandonBuild(start);
    throw error;
  }
}

interface FoldersAside {
  /** Settles once every folder is made, or could not be (the pages are then linked into folders they make themselves). */
  done: Promise<void>;
  /** Stops making them, and settles once none is made any more. */
  stop(): Promise<void>;
}

/** Makes page folders (site paths, `/postmortems/ID/`) under `root` on a thread of their own; only those that stay inside it. */
function makeFoldersAside(root: string, paths: readonly string[]): FoldersAside {
  const folders = paths.flatMap((path) => pageFolder(root, path) ?? []);
  if (folders.length === 0) return { done: Promise.resolve(), stop: () => Promise.resolve() };
  const script = "const { mkdirSync } = require('node:fs'); const { workerData } = require('node:worker_threads'); for (const folder of workerData) mkdirSync(folder, { recursive: true });";
  const thread = new Worker(script, { eval: true, workerData: folders });
  const done = new Promise<void>((settle) => {
    thread.once('exit', () => settle());
    thread.once('error', () => {});
  });
  return {
    done,
    async stop() {
      await thread.terminate();
      await done;
    },
  };
}

/** A page's folder under `root` (the page's site path, `/postmortems/ID/`, read there); none for a path that leads out of it. */
function pageFolder(root: string, path: string): string | undefined {
  const folder = resolve(root, `.${path}`);
  return folder.startsWith(root + sep) ? folder : undefined;
}

/** Removes these page folders where they are empty (made for pages of the last build this one has not), and their parents that are left empty. */
function removeEmptyFolders(root: string, paths: readonly string[]): void {
  for (const path of paths) {
    for (let folder = pageFolder(root, path); folder !== undefined && folder !== root; folder = dirname(folder)) {
      try {
        rmdirSync(folder);
      } catch {
        break;
      }
    }
  }
}

function sum(sizes: readonly FolderSize[], key: keyof FolderSize): number {
  return sizes.reduce((total, size) => total + size[key], 0);
}

/** A shard as the manifest keeps it; its fragments only when the indexer could tell them. */
function indexedShard(shard: SearchShard, fragments: readonly string[] | undefined): IndexedShard {
  return { hash: shard.hash, fragments: fragments ? Object.fromEntries(shard.records.map((record, index) => [record, fragments[index]!])) : {} };
}

/** The last build's fragments, by the hash of the record each was made from, as files to link. */
function reusableFragments(outDir: string, shards: Manifest['shards'] = {}): Map<string, string> {
  const reusable = new Map<string, string>();
  for (const [name, shard] of Object.entries(shards)) {
    for (const [record, fragment] of Object.entries(shard.fragments)) reusable.set(record, fragmentFile(join(outDir, shardFolder(name)), fragment));
  }
  return reusable;
}

/** Pages hashed, and kept or not, or files of a shard linked, between two pauses of a rebuild (a few tens of milliseconds of work). */
const pagesBetweenPauses = 200;

/** A promise opened once, by whoever comes first. */
function latch(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Lets the event loop answer other threads before going on. */
function pause(): Promise<void> {
  return new Promise((resume) => setImmediate(resume));
}

/** Postmortem pages one Eleventy run renders at most. */
const postmortemsPerRun = 1_000;

/**
 * The views split into runs: the API files and downloads (tens of megabytes at ten thousand
 * postmortems) in one, the other lists in the next, then the postmortem pages, in runs of
 * `postmortemsPerRun`.
 */
function inRuns(views: Record<string, PageView[]>): Array<Record<string, PageView[]>> {
  const only = (name: string, pages: PageView[]): Record<string, PageView[]> => Object.fromEntries(Object.keys(views).map((kind) => [kind, kind === name ? pages : []]));
  const postmortems = views[postmortemPages.name] ?? [];
  const runs = [only(filePages.name, views[filePages.name] ?? []), { ...views, [filePages.name]: [], [postmortemPages.name]: [] }];
  for (let start = 0; start < postmortems.length; start += postmortemsPerRun) runs.push(only(postmortemPages.name, postmortems.slice(start, start + postmortemsPerRun)));
  return runs;
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
 * on every page names them. A rebuild that cannot lint at all (a broken config) keeps the last good
 * site and says why in the banner.
 */
export async function serveSite(options: ServeOptions): Promise<SiteServer> {
  const { cwd, config } = options;
  const outDir = checkedOutput(options);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, markerFile), '{}\n');
  let listening: (server: DevServer) => void = () => {};
  const ready = new Promise<DevServer>((resolveReady) => {
    listening = resolveReady;
  });
  let lastGood: SiteModel | undefined;
  /** Each search shard as last indexed: a rebuild indexes only the shards that changed. */
  const indexed: Manifest['shards'] = {};
  const content = async (): Promise<SiteContent> => {
    let model: SiteModel;
    try {
      const asOf = options.asOf();
      const run = await runLint({ cwd, asOf, render: true, slim: true });
      options.onLint(run.linted);
      model = siteModel({ config: run.config, postmortems: run.valid, asOf, problems: problemLines(run.linted, cwd) });
      lastGood = model;
    } catch (error) {
      if (!lastGood) throw error;
      options.log(`the site was not rebuilt: ${(error as Error).message}`);
      model = { ...lastGood, problems: [`The site was not rebuilt, this is the last good one: ${(error as Error).message}`] };
    }
    return { model, views: Object.fromEntries(pageSets.map((pages) => [pages.name, pages.views(model)])) };
  };
  const eleventy = await createEleventy({
    content,
    siteDir: options.siteDir ?? packagePath('site'),
    outDir,
    pathPrefix: config.site.pathPrefix,
    runMode: 'serve',
    watch: [config.postmortemsDir, join(config.root, configFileName)].map((path) => relative(process.cwd(), path)),
    log: options.log,
    after: async () => {
      const changed = searchShards(lastGood?.postmortems ?? [], (lastGood?.config ?? config).site.searchShardSize).filter((shard) => indexed[shard.name]?.hash !== shard.hash);
      const reusable = reusableFragments(outDir, indexed);
      for (const shard of changed) delete indexed[shard.name];
      await indexShards(outDir, changed, { reusable, earlierIn: outDir, onIndexed: (shard, fragments) => (indexed[shard.name] = indexedShard(shard, fragments)) });
    },
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
 * The output folder, when it may be written: not one that holds the repository or the
 * postmortems, not a file, and not a folder of files Hindsight did not write.
 */
function checkedOutput({ cwd, config, out }: SiteOptions): string {
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
  }
  return outDir;
}

/** The folders a build of `outDir` works in, beside it: `.NAME.building-…` and `.NAME.replaced-…`. */
function workFolderPrefix(outDir: string): string {
  return `.${basename(outDir)}.`;
}

/** A new, empty folder beside `outDir` (the same file system, so it can be renamed into place), after removing those a stopped build left. */
function stagingFolder(outDir: string): string {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const prefix = workFolderPrefix(outDir);
  for (const entry of readdirSync(parent)) {
    const left = join(parent, entry);
    if (entry.startsWith(prefix) && existsSync(join(left, markerFile))) rmSync(left, { recursive: true, force: true });
  }
  const staging = join(parent, `${prefix}building-${randomBytes(6).toString('hex')}`);
  mkdirSync(staging);
  // Marked from the start, so a stopped build's folder is known for what it is.
  writeFileSync(join(staging, markerFile), '{}\n');
  return staging;
}

/** Puts the finished site in place of the old one, which is then removed in the background. */
function swapInto(staging: string, outDir: string): void {
  if (existsSync(outDir)) {
    const replaced = join(dirname(outDir), `${workFolderPrefix(outDir)}replaced-${randomBytes(6).toString('hex')}`);
    renameSync(outDir, replaced);
    renameSync(staging, outDir);
    removeInBackground(replaced);
  } else {
    renameSync(staging, outDir);
  }
}

/**
 * Removes a replaced site in a process of its own, which the command does not wait for: a site of
 * ten thousand postmortems is tens of thousands of files, seconds to remove on a busy disk, and
 * the new site is complete and in place already. Should the process not finish, the next build
 * removes what it left (`stagingFolder`); should it not start, the folder is removed here.
 */
function removeInBackground(folder: string): void {
  try {
    const remover = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', folder], {
      detached: true,
      stdio: 'ignore',
    });
    remover.once('error', () => rmSync(folder, { recursive: true, force: true }));
    remover.unref();
  } catch {
    rmSync(folder, { recursive: true, force: true });
  }
}

function readManifest(outDir: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(outDir, markerFile), 'utf8')) as Partial<Manifest>;
    if (typeof manifest.renderer !== 'string' || !manifest.pages || !manifest.shards) return undefined;
    // A shard as an earlier release kept it (its hash alone) is indexed again.
    const shards = Object.entries(manifest.shards).filter(([, shard]) => typeof shard?.hash === 'string' && typeof shard.fragments === 'object' && shard.fragments !== null);
    return { ...(manifest as Manifest), shards: Object.fromEntries(shards) };
  } catch {
    return undefined;
  }
}

/** Links the last build's page into the new site; `false` when it cannot (then it is rendered again). */
function keepPage(outDir: string, staging: string, path: string): boolean {
  const folder = join(staging, path);
  try {
    mkdirSync(folder, { recursive: true });
  } catch {
    return false;
  }
  return keepFile(join(outDir, path, 'index.html'), join(folder, 'index.html'));
}

/**
 * Links every file of a folder of the last build into the new site; `false` when it cannot (then it
 * is made again). It pauses now and then, as the pages do, for the search indexer's thread.
 */
async function keepFolder(from: string, to: string): Promise<boolean> {
  let files;
  try {
    files = readdirSync(from, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  } catch {
    return false;
  }
  // A shard's index is thousands of files in a few folders: each folder is made once.
  const made = new Set<string>();
  for (const [index, entry] of files.entries()) {
    if (index % pagesBetweenPauses === pagesBetweenPauses - 1) await pause();
    const target = join(to, relative(from, join(entry.parentPath, entry.name)));
    try {
      if (!made.has(entry.parentPath)) mkdirSync(dirname(target), { recursive: true });
    } catch {
      return false;
    }
    made.add(entry.parentPath);
    if (!keepFile(join(entry.parentPath, entry.name), target)) return false;
  }
  return files.length > 0;
}

/** What a page that `rendersFromView` is rendered from besides the renderer: its view and the site around it. */
function viewHash(view: PageView, { site, problems }: SiteModel): string {
  const hash = createHash('sha1');
  // A body is held deflated: its bytes go into the hash as they are, not written out as JSON.
  const json = JSON.stringify([view, site, problems], (_key, value: unknown) => {
    if (!(value instanceof Uint8Array)) return value;
    hash.update(value);
    return value.length;
  });
  return hash.update(json).digest('base64');
}

let renderer: string | undefined;

/** The tool's version and the code and styles that render pages: a change to any renders every page again. */
function rendererFingerprint(): string {
  if (renderer) return renderer;
  const hash = createHash('sha1').update(toolVersion());
  for (const folder of [dirname(fileURLToPath(import.meta.url)), packagePath('site')]) {
    const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    for (const file of files.map((entry) => join(entry.parentPath, entry.name)).sort()) hash.update(file).update(readFileSync(file));
  }
  renderer = hash.digest('base64');
  return renderer;
}

interface FolderSize {
  files: number;
  bytes: number;
}

/** The files under `folder` and their bytes, but for the files and folders to `skip`. */
function folderSize(folder: string, skip: ReadonlySet<string> = new Set()): FolderSize {
  let files = 0;
  let bytes = 0;
  const skipList = [...skip];
  const skipped = (path: string): boolean => skipList.some((other) => path === other || path.startsWith(`${other}${sep}`));
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || (skip.size > 0 && skipped(path))) continue;
    files += 1;
    bytes += statSync(path).size;
  }
  return { files, bytes };
}
