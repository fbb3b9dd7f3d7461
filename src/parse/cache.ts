import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toolVersion } from '../package-root.js';
import type { Position, Postmortem } from './model.js';

/** Bump when the model's shape or the parse changes, so stale entries are never read. */
const modelVersion = 3;
/** Entries written by another release of the tool are not trusted either. */
const cacheVersion = `${toolVersion()}/${modelVersion}`;

interface Entry {
  hash: string;
  postmortem: Postmortem;
}

/**
 * Parsed models by file, keyed by a hash of the bytes: an unchanged file is never parsed twice.
 * Kept in `node_modules/.cache/hindsight/` like other tools' caches; a cache that cannot be read or
 * written is simply not used.
 */
export class ParseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly used = new Set<string>();
  private changed = false;

  constructor(private readonly file: string | undefined) {
    if (!file) return;
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8'), revivePosition) as { version: string; entries: Record<string, Entry> };
      if (stored.version === cacheVersion) for (const [path, entry] of Object.entries(stored.entries)) this.entries.set(path, entry);
    } catch {
      // Missing or unreadable: start empty.
    }
  }

  static at(root: string): ParseCache {
    return new ParseCache(join(root, 'node_modules', '.cache', 'hindsight', 'parse.json'));
  }

  static hash(bytes: Uint8Array): string {
    return createHash('sha1').update(bytes).digest('base64');
  }

  get(path: string, hash: string): Postmortem | undefined {
    const entry = this.entries.get(path);
    if (entry?.hash !== hash) return undefined;
    this.used.add(path);
    return entry.postmortem;
  }

  set(path: string, hash: string, postmortem: Postmortem): void {
    const { tree: _tree, ...model } = postmortem;
    this.entries.set(path, { hash, postmortem: model });
    this.used.add(path);
    this.changed = true;
  }

  /** Writes the entries used in this run (others belong to deleted or unread files), atomically. */
  save(): void {
    if (!this.file || (!this.changed && this.used.size === this.entries.size)) return;
    const entries = Object.fromEntries([...this.entries].filter(([path]) => this.used.has(path)));
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ version: cacheVersion, entries }, compactPosition));
      renameSync(temporary, this.file);
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
