import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { ParseCache } from './cache.js';
import type { Postmortem } from './model.js';
import { parsePostmortem } from './postmortem.js';

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
  /** Keep each Markdown tree (the site renders bodies); such runs bypass the cache. */
  keepTree?: boolean;
  cache?: ParseCache;
}

/** Reads and parses each file once; an unreadable file is a usage error, unreadable content a finding. */
export function loadPostmortems(files: readonly string[], options: LoadOptions): Postmortem[] {
  const { cwd, keepTree = false, cache } = options;
  const postmortems = files.map((file) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new UsageError(`Cannot read ${displayPath(file, cwd)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const shown = displayPath(file, cwd);
    if (keepTree || !cache) return parsePostmortem(shown, bytes, { keepTree });
    const hash = ParseCache.hash(bytes);
    const cached = cache.get(shown, hash);
    if (cached) return cached;
    const postmortem = parsePostmortem(shown, bytes);
    cache.set(shown, hash, postmortem);
    return postmortem;
  });
  cache?.save();
  return postmortems;
}
