import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { ParseCache } from './cache.js';
import { defaultLimits, limitsSalt, type ParseLimits } from './limits.js';
import type { Postmortem } from './model.js';
import { parsePostmortem } from './postmortem.js';
import { parseInWorkers, workersAvailable, type ParseJob } from './workers.js';

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
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.md') && !entry.name.startsWith('.'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** How a path is shown in findings: relative to the working directory when below it. */
export function displayPath(file: string, cwd: string): string {
  const relativePath = relative(cwd, file);
  return relativePath && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath.split(sep).join('/') : file;
}

export interface LoadOptions {
  cwd: string;
  /** Render each body to HTML as well (the site shows them). */
  render?: boolean;
  cache?: ParseCache;
  /** Default `defaultLimits`. */
  limits?: ParseLimits;
}

/** Below this many files to parse, starting workers costs more than it saves. */
const parallelThreshold = 200;

/**
 * Reads each file and parses those the cache does not already hold, once; many files are parsed
 * on all cores. An unreadable file is a usage error; unreadable content is a finding.
 */
export async function loadPostmortems(files: readonly string[], options: LoadOptions): Promise<Postmortem[]> {
  const { cwd, render = false, cache, limits = defaultLimits } = options;
  const postmortems: Array<Postmortem | undefined> = [];
  const misses: ParseJob[] = [];
  files.forEach((file, index) => {
    const bytes = readBytes(file, cwd);
    const shown = displayPath(file, cwd);
    const key = ParseCache.key(shown, bytes, limitsSalt(limits));
    const cached = cache?.get(key, { render });
    if (cached) postmortems[index] = cached;
    else misses.push({ index, file: shown, bytes, key });
  });
  const parsed = misses.length >= parallelThreshold && availableParallelism() > 1 && workersAvailable
    ? await parseInWorkers(misses, { render, limits })
    : misses.map((job) => parsePostmortem(job.file, job.bytes, { render, limits }));
  misses.forEach((job, position) => {
    const postmortem = parsed[position] as Postmortem;
    postmortems[job.index] = postmortem;
    cache?.set(job.key, postmortem);
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
