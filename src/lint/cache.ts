import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFileMessage } from 'vfile-message';
import type { ResolvedConfig } from '../config/config.js';
import { cacheFolder, compactValue, prepareCacheFolder, reviveValues } from '../parse/cache.js';
import type { Position, Postmortem } from '../parse/model.js';
import type { EnabledRule } from './engine.js';

/** Bump when what an entry holds changes. */
const entryVersion = 2;

/** A finding as stored: everything the formatters read. */
export interface StoredMessage {
  reason: string;
  place: Position;
  ruleId: string;
  url: string;
  fatal: boolean;
  cause?: { reason: string; place: Position };
}

/** What cross-file rules read of a file (see `acrossFilesModel`). */
type AcrossFiles = Pick<Postmortem, 'id' | 'file' | 'data' | 'fields' | 'lines'>;

/**
 * What the cache keeps of one file: its bytes' hash and stamp (`fileStamp`), its own findings, and
 * what cross-file rules read of it. Positions are kept compact and revived only for the files a
 * run reads them of.
 */
interface Entry {
  content: string;
  stamp?: string;
  messages: StoredMessage[];
  acrossFiles: AcrossFiles;
}

interface Store {
  fingerprint: string;
  files: Record<string, Entry>;
}

/** A file's cached result, ready to use. */
export interface CachedResult {
  messages: VFileMessage[];
  acrossFiles: Postmortem;
}

/**
 * The findings of files whose bytes, configuration and tool version are unchanged, as ESLint's
 * `--cache` keeps them: such a file is neither parsed nor checked again, nor read while its stamp
 * (size, times, inode) is the one it was read with. Findings of rules that
 * look across files are not kept (a renamed or deleted file changes them); those rules run on
 * every lint over what the entry keeps of each file. One file holds every entry, read once per
 * run and replaced atomically; a cache that cannot be read or written is not used.
 */
export class LintCache {
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly store: Store,
  ) {}

  /** The repository's cache for this configuration and day (the day only when a rule reads it). */
  static open(config: ResolvedConfig, asOf: string, enabled: readonly EnabledRule[]): LintCache {
    const fingerprint = fingerprintOf(config, asOf, enabled);
    const file = join(cacheFolder(config.root), 'lint-results.json');
    let store: Store = { fingerprint, files: {} };
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Store;
      if (stored.fingerprint === fingerprint) store = stored;
    } catch {
      // No cache yet, or an unreadable one: start afresh.
    }
    return new LintCache(file, store);
  }

  /** A cache that keeps nothing (`--no-cache`). */
  static none(): LintCache {
    return new LintCache(undefined, { fingerprint: '', files: {} });
  }

  /** The result of a file whose stamp is the one its entry was made with: the file need not be read. */
  unchanged(shown: string, stamp: string | undefined): CachedResult | undefined {
    const entry = this.store.files[shown];
    return stamp !== undefined && entry?.stamp === stamp ? revived(entry, shown) : undefined;
  }

  /** The result of a file whose bytes hash to `content`; its new stamp is kept for the next run. */
  get(shown: string, content: string, stamp: string | undefined): CachedResult | undefined {
    const entry = this.store.files[shown];
    if (entry?.content !== content) return undefined;
    if (this.file && entry.stamp !== stamp) {
      entry.stamp = stamp;
      this.changed = true;
    }
    return revived(entry, shown);
  }

  set(shown: string, content: string, stamp: string | undefined, messages: readonly VFileMessage[], acrossFiles: Postmortem): void {
    if (!this.file) return;
    const { id, file, data, fields, lines } = acrossFiles;
    this.store.files[shown] = { content, stamp, messages: messages.map(storeMessage), acrossFiles: { id, file, data, fields, lines } };
    this.changed = true;
  }

  /** Writes the cache when anything changed, dropping entries of files no longer in `existing`. */
  save(existing: ReadonlySet<string>): void {
    if (!this.file) return;
    for (const shown of Object.keys(this.store.files)) {
      if (!existing.has(shown)) {
        delete this.store.files[shown];
        this.changed = true;
      }
    }
    if (!this.changed) return;
    try {
      prepareCacheFolder(join(this.file, '..'));
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(this.store, compactValue));
      renameSync(temporary, this.file);
    } catch {
      // A read-only checkout still lints; it only checks again next time.
    }
  }
}

function revived(entry: Entry, shown: string): CachedResult {
  const { id, file, data, fields, lines } = entry.acrossFiles;
  return {
    messages: entry.messages.map((stored) => reviveMessage(reviveValues(stored) as StoredMessage, shown)),
    acrossFiles: { id, file, data, fields: reviveValues(fields) as Postmortem['fields'], lines, syntax: [], sections: [], timeline: [], timelineStrays: [], actionItems: null, prose: [] },
  };
}

/** Everything besides the file's bytes that decides its findings. */
function fingerprintOf(config: ResolvedConfig, asOf: string, enabled: readonly EnabledRule[]): string {
  const { site: _site, ...lintConfig } = config;
  const rules = enabled.map(({ rule, setting }) => [rule.id, setting]);
  const day = enabled.some(({ rule }) => rule.readsAsOf) ? asOf : null;
  return createHash('sha1').update(JSON.stringify({ entryVersion, config: lintConfig, rules, day })).digest('base64');
}

export function storeMessage(message: VFileMessage): StoredMessage {
  const cause = message.cause instanceof VFileMessage ? { reason: message.cause.reason, place: message.cause.place as Position } : undefined;
  return {
    reason: message.reason,
    place: message.place as Position,
    ruleId: message.ruleId ?? '',
    url: message.url ?? '',
    fatal: message.fatal === true,
    ...(cause ? { cause } : {}),
  };
}

export function reviveMessage(stored: StoredMessage, file: string): VFileMessage {
  const message = new VFileMessage(stored.reason, {
    place: stored.place,
    ruleId: stored.ruleId,
    source: 'hindsight',
    ...(stored.cause ? { cause: new VFileMessage(stored.cause.reason, { place: stored.cause.place }) } : {}),
  });
  message.fatal = stored.fatal;
  message.url = stored.url;
  message.file = file;
  return message;
}
