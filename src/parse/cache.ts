import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toolVersion } from '../package-root.js';
import { withoutRuleParts, type Position, type Postmortem, type RuleParts } from './model.js';

/** Bump when the model's shape or the parse changes, so stale entries are never read. */
const modelVersion = 12;

/** Which entry holds a file's model (by its path), and which bytes that model was parsed from. */
export interface CacheKey {
  entry: string;
  content: string;
}

/** An entry's first line: the bytes' hash and the model without its rule parts; the second line holds those. */
interface Entry {
  content: string;
  postmortem: Postmortem;
}

/**
 * Parsed models, one small file per postmortem, each named by a hash of the postmortem's path and
 * holding a hash of the bytes it was parsed from: an unchanged file is never parsed twice, a run
 * reads only the entries of the files it lints, and an edited file replaces its entry. Kept in
 * `node_modules/.cache/hindsight/<version>/` like other tools' caches; a new release starts afresh
 * and removes the folders of earlier ones. A cache that cannot be read or written is not used.
 */
export class ParseCache {
  private folderReady = false;

  /** `writable: false` reads entries but stores none. */
  constructor(
    readonly folder: string | undefined,
    readonly writable = true,
  ) {}

  static at(root: string, { writable = true } = {}): ParseCache {
    return new ParseCache(cacheFolder(root), writable);
  }

  /** `content` is the bytes' hash; `salt` names what else the model depends on, such as the limits it was parsed under. */
  static key(path: string, content: string, salt = ''): CacheKey {
    return {
      entry: createHash('sha1').update(path).digest('hex'),
      content: salt === '' ? content : createHash('sha1').update(salt).update(content).digest('base64'),
    };
  }

  /**
   * The stored model of these bytes, if any; with `render`, only one that holds the rendered body;
   * with `ruleParts: false`, without the parts only rules read, which are then not even parsed.
   */
  get(key: CacheKey, { render = false, ruleParts = true } = {}): Postmortem | undefined {
    if (!this.folder) return undefined;
    try {
      const text = readFileSync(join(this.folder, `${key.entry}.json`), 'utf8');
      const split = text.indexOf('\n');
      if (split === -1) return undefined;
      const { content, postmortem } = JSON.parse(text.slice(0, split)) as Entry;
      if (content !== key.content || (render && !postmortem.body && postmortem.syntax.length === 0)) return undefined;
      const model = reviveValues(postmortem) as Postmortem;
      // The first line's model holds its rule parts empty already.
      return ruleParts ? { ...model, ...(reviveValues(JSON.parse(text.slice(split + 1))) as RuleParts) } : model;
    } catch {
      return undefined;
    }
  }

  /**
   * Stores a model, atomically: a reader never sees half an entry. Its rule parts go on a line of
   * their own (JSON holds no line break of its own), which a reader that needs none of them skips.
   */
  set(key: CacheKey, postmortem: Postmortem): void {
    if (!this.folder || !this.writable) return;
    try {
      if (!this.folderReady) prepareCacheFolder(this.folder);
      this.folderReady = true;
      const file = join(this.folder, `${key.entry}.json`);
      const temporary = `${file}.${process.pid}.tmp`;
      const { fields, sections, timelineStrays, prose } = postmortem;
      const head: Entry = { content: key.content, postmortem: withoutRuleParts(postmortem) };
      const ruleParts: RuleParts = { fields, sections, timelineStrays, prose };
      writeFileSync(temporary, `${JSON.stringify(head, compactValue)}\n${JSON.stringify(ruleParts, compactValue)}`);
      renameSync(temporary, file);
    } catch {
      // A read-only checkout still lints; it only parses again next time.
    }
  }
}

/** This release's cache folder in a repository: `node_modules/.cache/hindsight/<version>/`. */
export function cacheFolder(root: string): string {
  return join(root, 'node_modules', '.cache', 'hindsight', `${toolVersion()}-${modelVersion}`);
}

/** Makes this release's cache folder and removes those of other releases. */
export function prepareCacheFolder(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const parent = dirname(folder);
  for (const other of readdirSync(parent)) {
    if (join(parent, other) !== folder) rmSync(join(parent, other), { recursive: true, force: true });
  }
}

/** What a compact value begins with; a text of the file's own that begins with any of them is escaped. */
const [positionMarker, bytesMarker, escapeMarker] = [0, 1, 2];

/**
 * Positions are most of a model's size as JSON; stored as `\0line,column,line,column` they take a
 * fifth. Bytes (a rendered body, deflated) are stored as `\u0001` and their base64. A text of the
 * file's own that begins with one of these markers (YAML can write any character) is stored with
 * `\u0002` before it, so no text is ever read back as something else.
 */
export function compactValue(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return value.charCodeAt(0) <= escapeMarker ? `\u0002${value}` : value;
  if (isPosition(value)) return `\0${value.start.line},${value.start.column},${value.end.line},${value.end.column}`;
  if (value instanceof Uint8Array) return `\u0001${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}`;
  return value;
}

/**
 * Turns the compact positions and bytes in parsed JSON back into what they were, in place. A walk
 * over the parsed value is several times faster than a `JSON.parse` reviver, which is called for
 * every value.
 */
export function reviveValues(value: unknown): unknown {
  if (typeof value === 'string') {
    const marker = value.charCodeAt(0);
    if (marker === positionMarker) return revivePosition('', value);
    // Copied out of the decoded buffer, which may be a slice of Node's shared pool.
    if (marker === bytesMarker) return new Uint8Array(Buffer.from(value.slice(1), 'base64'));
    return marker === escapeMarker ? value.slice(1) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = reviveValues(value[index]);
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = reviveValues(record[key]);
  }
  return value;
}

const [commaCode, zeroCode] = [','.charCodeAt(0), '0'.charCodeAt(0)];

export function revivePosition(_key: string, value: unknown): unknown {
  if (typeof value !== 'string' || value.charCodeAt(0) !== 0) return value;
  // Read digit by digit: a model holds dozens of positions, and a rebuild reads ten thousand models.
  const numbers = [0, 0, 0, 0];
  for (let index = 1, number = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === commaCode) number++;
    else numbers[number] = numbers[number]! * 10 + code - zeroCode;
  }
  const [startLine, startColumn, endLine, endColumn] = numbers as [number, number, number, number];
  return { start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn } };
}

function isPosition(value: unknown): value is Position {
  if (value === null || typeof value !== 'object' || !('start' in value) || !('end' in value)) return false;
  const { start, end } = value as Partial<Position>;
  return typeof start?.line === 'number' && typeof end?.line === 'number' && typeof start.column === 'number' && typeof end.column === 'number';
}
