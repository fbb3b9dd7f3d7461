import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { ParseCache, type CacheKey } from './cache.js';
import { defaultLimits, limitsSalt, type ParseLimits } from './limits.js';
import type { Postmortem } from './model.js';
import type { ParseOptions } from './postmortem.js';
import type { ParseJob } from './workers.js';

/**
 * The Markdown files named by `paths` (files as given, folders searched recursively), sorted and
 * without duplicates. A path that does not exist is a usage error.
 */
export function findPostmortemFiles(paths: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new UsageError(`No such file or folder: ${path}`);
    }
    if (stats.isDirectory()) for (const file of markdownFilesUnder(absolute)) files.add(file);
    else files.add(absolute);
  }
  return [...files].sort();
}

function markdownFilesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && isPostmortemName(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A file's name that a search of a folder takes for a postmortem: Markdown, not hidden. */
export function isPostmortemName(name: string): boolean {
  return name.toLowerCase().endsWith('.md') && !name.startsWith('.');
}

/** How a path is shown in findings: relative to the working directory when below it. */
export function displayPath(file: string, cwd: string): string {
  // Most files stand below the working directory: the path past it, without `relative`'s work.
  if (file.startsWith(cwd) && file[cwd.length] === sep && !file.includes(`${sep}.`, cwd.length)) return file.slice(cwd.length + 1).split(sep).join('/');
  const relativePath = relative(cwd, file);
  return relativePath && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath.split(sep).join('/') : file;
}

/** A postmortem file as read from disk, before parsing. */
export interface Source {
  /** Absolute. */
  path: string;
  /** As shown in findings. */
  shown: string;
  bytes: Uint8Array;
  /** A hash of the bytes, which the parse and lint caches match entries by. */
  content: string;
}

/** Reads each file once. An unreadable file is a usage error; unreadable content is a finding later. */
export function readSources(files: readonly string[], cwd: string): Source[] {
  return files.map((path) => readSource(path, cwd));
}

export function readSource(path: string, cwd: string, shown = displayPath(path, cwd)): Source {
  const bytes = readBytes(path, cwd);
  return { path, shown, bytes, content: contentHash(bytes) };
}

/**
 * A file changed this soon before it was looked at may change again with the same size and
 * times (they are kept to a tick, seconds on some file systems), so its times do not vouch for it.
 */
const settledMs = 2000;

/**
 * What a file's metadata says of its bytes, as git's index keeps it: its size, its modification
 * and status-change times (the latter no program can set back) and its inode. A file whose stamp
 * is unchanged has the bytes it had, so a lint need not read it again. None for a file changed
 * too recently to tell, or one that cannot be looked at.
 */
export function fileStamp(path: string, now = Date.now()): string | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  if (!stats.isFile() || now - Math.max(stats.mtimeMs, stats.ctimeMs) < settledMs) return undefined;
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
}

/** The hash a file's bytes are known by in the caches. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}

export interface LoadOptions {
  /** Render each body to HTML as well (the site shows them). */
  render?: boolean;
  cache?: ParseCache;
  /** Hears how many more postmortems are ready, from the cache or parsed. */
  onParsed?: (count: number) => void;
  /** Default `defaultLimits`. */
  limits?: ParseLimits;
  /** Whether a source's model must hold the parts only rules read (`RuleParts`); default yes. */
  needsRuleParts?: (source: Source) => boolean;
  /** Parses the files the cache does not hold; default `parseInWorkers`. */
  parse?: ParseFiles;
}

/** Parses files (storing each model in the cache) and hears how many are done as they are. */
export type ParseFiles = (jobs: ParseJob[], options: ParseOptions, cache: ParseCache | undefined, onParsed: (count: number) => void) => Promise<Postmortem[]>;

/**
 * Parses the sources the cache does not already hold, once; many files are parsed on all cores.
 * The parser and renderer are loaded only when a file needs them.
 */
export async function loadPostmortems(sources: readonly Source[], options: LoadOptions = {}): Promise<Postmortem[]> {
  const { render = false, cache, onParsed = () => {}, limits = defaultLimits, needsRuleParts = () => true, parse } = options;
  const postmortems: Array<Postmortem | undefined> = [];
  const misses: Array<{ index: number; key: CacheKey; source: Source }> = [];
  sources.forEach((source, index) => {
    const key = ParseCache.key(source.shown, source.content, limitsSalt(limits));
    const cached = cache?.get(key, { render, ruleParts: needsRuleParts(source) });
    if (cached) postmortems[index] = cached;
    else misses.push({ index, key, source });
  });
  if (sources.length > misses.length) onParsed(sources.length - misses.length);
  if (misses.length === 0) return postmortems as Postmortem[];
  const jobs = misses.map(({ source, key }) => ({ file: source.shown, bytes: source.bytes, key }));
  const { parseInWorkers, parseOptions } = await import('./workers.js');
  const parsed = await (parse ?? parseInWorkers)(jobs, await parseOptions({ limits, render }), cache, onParsed);
  misses.forEach(({ index }, position) => {
    postmortems[index] = parsed[position] as Postmortem;
  });
  return postmortems as Postmortem[];
}

function readBytes(file: string, cwd: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${displayPath(file, cwd)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
