import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toolVersion } from '../package-root.js';
import type { Position, Postmortem } from './model.js';

/** Bump when the model's shape or the parse changes, so stale entries are never read. */
const modelVersion = 6;

/**
 * Parsed models, one small file each, named by a hash of the file's path and bytes: an unchanged
 * file is never parsed twice, and a run reads only the entries of the files it lints. Kept in
 * `node_modules/.cache/hindsight/<version>/` like other tools' caches, so a new release starts
 * afresh; a cache that cannot be read or written is simply not used.
 */
export class ParseCache {
  private folderReady = false;

  constructor(private readonly folder: string | undefined) {}

  static at(root: string): ParseCache {
    return new ParseCache(join(root, 'node_modules', '.cache', 'hindsight', `${toolVersion()}-${modelVersion}`));
  }

  /** The entry's name for a file: its path and bytes, hashed. */
  static key(path: string, bytes: Uint8Array): string {
    return createHash('sha1').update(path).update('\0').update(bytes).digest('hex');
  }

  /** The stored model, if any; with `render`, only one that holds the rendered body. */
  get(key: string, { render = false } = {}): Postmortem | undefined {
    if (!this.folder) return undefined;
    let postmortem: Postmortem;
    try {
      postmortem = JSON.parse(readFileSync(join(this.folder, `${key}.json`), 'utf8'), revivePosition) as Postmortem;
    } catch {
      return undefined;
    }
    return render && !postmortem.body && postmortem.syntax.length === 0 ? undefined : postmortem;
  }

  /** Stores a model, atomically: a reader never sees half an entry. */
  set(key: string, postmortem: Postmortem): void {
    if (!this.folder) return;
    try {
      if (!this.folderReady) mkdirSync(this.folder, { recursive: true });
      this.folderReady = true;
      const file = join(this.folder, `${key}.json`);
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(postmortem, compactPosition));
      renameSync(temporary, file);
    } catch {
      // A read-only checkout still lints; it only parses again next time.
    }
  }
}

/**
 * Positions are most of a model's size as JSON; stored as `\0line,column,line,column` they take a
 * fifth. No text in a model holds a NUL (such a file is read as binary), so the marker is unambiguous.
 */
function compactPosition(_key: string, value: unknown): unknown {
  if (isPosition(value)) return `\0${value.start.line},${value.start.column},${value.end.line},${value.end.column}`;
  return value;
}

function revivePosition(_key: string, value: unknown): unknown {
  if (typeof value !== 'string' || value.charCodeAt(0) !== 0) return value;
  const [startLine, startColumn, endLine, endColumn] = value.slice(1).split(',').map(Number);
  return { start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn } };
}

function isPosition(value: unknown): value is Position {
  if (value === null || typeof value !== 'object' || !('start' in value) || !('end' in value)) return false;
  const { start, end } = value as Partial<Position>;
  return typeof start?.line === 'number' && typeof end?.line === 'number' && typeof start.column === 'number' && typeof end.column === 'number';
}
