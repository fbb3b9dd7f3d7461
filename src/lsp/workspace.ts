import { statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFileMessage } from 'vfile-message';
import { configFileName, loadConfig, type ResolvedConfig } from '../config/config.js';
import { corpusOf, lintPostmortems } from '../lint/engine.js';
import { ParseCache } from '../parse/cache.js';
import { postmortemFilesIn } from '../fix/files.js';
import { displayPath, loadPostmortems, readSources } from '../parse/load.js';
import type { Postmortem } from '../parse/model.js';
import { parsePostmortem } from '../parse/postmortem.js';
import { ParseThread, Superseded } from './parse-off-thread.js';
import { todayUtc } from '../time.js';

/** An open document as the editor holds it. */
export interface OpenDocument {
  uri: string;
  version: number;
  getText(): string;
}

/** One version of an open postmortem, parsed once and linted: every feature reads this. */
export interface Analysis {
  uri: string;
  version: number;
  /** The text as parsed: the document's, without a leading byte-order mark. */
  text: string;
  /** 1 when the document starts with a byte-order mark the parser leaves out, else 0. */
  shift: number;
  config: ResolvedConfig;
  postmortem: Postmortem;
  messages: VFileMessage[];
}

/** Why an open postmortem could not be checked at all (a bad config), said where the editor shows it. */
export interface AnalysisFailure {
  uri: string;
  version: number;
  problem: string;
}

/** Values already used in the repository, for completion. */
export interface Vocabulary {
  services: string[];
  teams: string[];
  /** Authors, reviewers and action-item owners. */
  people: string[];
}

/**
 * The repository as the server sees it: its config (read again whenever the file changes), the
 * postmortem files on disk by name, and the open buffers, which stand in for their files.
 */
export class Workspace {
  private config: ResolvedConfig | undefined;
  private configProblem: string | undefined;
  private configStamp = '';
  private diskFiles: string[] | undefined;
  private vocabulary: Promise<Vocabulary> | undefined;
  private readonly thread = new ParseThread();
  private readonly analyses = new Map<string, { version: number; result: Promise<Analysis | AnalysisFailure | undefined>; cancel(): void }>();

  /**
   * @param openDocuments the editor's buffers
   * @param configChanged called when `hindsight.config.json` changed on disk since it was last read
   */
  constructor(readonly root: string, private readonly openDocuments: () => readonly OpenDocument[], private readonly configChanged: () => void = () => undefined) {}

  /** The config, loaded again when `hindsight.config.json` has changed on disk since it was read. */
  currentConfig(): ResolvedConfig | string {
    const stamp = fileStamp(`${this.root}${sep}${configFileName}`);
    if (stamp !== this.configStamp) {
      // Read for the first time, or because files changed: whoever asked checks the buffers again.
      const requested = this.configStamp === '';
      this.configStamp = stamp;
      try {
        this.config = loadConfig(this.root);
        this.configProblem = undefined;
      } catch (error) {
        this.config = undefined;
        this.configProblem = (error as Error).message;
      }
      this.changed();
      if (!requested) this.configChanged();
    }
    return this.config ?? this.configProblem ?? '';
  }

  /** A buffer opened or closed: cross-file rules see another set of files, and files may have come on disk meanwhile. */
  buffersChanged(): void {
    this.diskFiles = undefined;
    this.changed();
  }

  /** Files were added, removed or saved on disk: what they say may have changed too, the config included. */
  filesChanged(): void {
    // A rewrite within the time stamp's granularity, to the same size, would otherwise go unseen.
    this.configStamp = '';
    this.vocabulary = undefined;
    this.buffersChanged();
  }

  /** Analyses already running finish (and are published); the next request makes a new one. */
  private changed(): void {
    this.analyses.clear();
  }

  /** The file a document URI names, when it is a postmortem under the configured folder. */
  postmortemPath(uri: string): string | undefined {
    const config = this.currentConfig();
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    // With a broken config the folder is unknown; its problem is shown on every Markdown file.
    const folder = typeof config === 'string' ? this.root : config.postmortemsDir;
    const inside = relative(folder, path);
    if (!inside || inside.startsWith('..') || isAbsolute(inside)) return undefined;
    const name = inside.split(sep).at(-1) ?? '';
    return name.toLowerCase().endsWith('.md') && !name.startsWith('.') ? path : undefined;
  }

  /**
   * The document's current version, parsed once and linted as `hindsight lint` would lint it;
   * `undefined` for a file that is no postmortem, or when a newer version came meanwhile.
   */
  analyse(document: OpenDocument): Promise<Analysis | AnalysisFailure | undefined> {
    const path = this.postmortemPath(document.uri);
    if (!path) return Promise.resolve(undefined);
    const config = this.currentConfig();
    const known = this.analyses.get(document.uri);
    if (known && known.version === document.version) return known.result;
    known?.cancel();
    const { uri, version } = document;
    const raw = document.getText();
    const shift = raw.startsWith('\uFEFF') ? 1 : 0;
    const text = raw.slice(shift);
    const parse = typeof config === 'string' ? undefined : this.thread.parse(displayPath(path, this.root), new TextEncoder().encode(text));
    const result = (async (): Promise<Analysis | AnalysisFailure | undefined> => {
      if (typeof config === 'string' || !parse) return { uri, version, problem: config as string };
      try {
        const postmortem = await parse.result;
        return { uri, version, text, shift, config, postmortem, messages: this.lint(path, postmortem, config) };
      } catch (error) {
        return error instanceof Superseded ? undefined : { uri, version, problem: (error as Error).message };
      }
    })();
    this.analyses.set(uri, { version, result, cancel: () => parse?.cancel() });
    return result;
  }

  /** Parses and lints some text as the file at `path`, here and now (for fixes, which check each round). */
  check(path: string, text: string, config: ResolvedConfig): { postmortem: Postmortem; messages: VFileMessage[] } {
    const postmortem = parsePostmortem(displayPath(path, this.root), new TextEncoder().encode(text));
    return { postmortem, messages: this.lint(path, postmortem, config) };
  }

  /** Lints a parsed postmortem with the folder's other files (on disk and open) around it. */
  private lint(path: string, postmortem: Postmortem, config: ResolvedConfig): VFileMessage[] {
    const [linted] = lintPostmortems([postmortem], {
      config,
      asOf: todayUtc(),
      absolutePath: () => path,
      corpus: corpusOf(new Set([...this.files(config), path].map((file) => displayPath(file, this.root)))),
    });
    return linted?.result.messages ?? [];
  }

  /** Stops every parse still running (the server is exiting). */
  dispose(): void {
    this.thread.dispose();
    this.analyses.clear();
  }

  /** Forget a closed document's analysis. */
  close(uri: string): void {
    this.analyses.get(uri)?.cancel();
    this.analyses.delete(uri);
  }

  /** Every postmortem by path: the files on disk and the open buffers under the folder. */
  private files(config: ResolvedConfig): string[] {
    this.diskFiles ??= postmortemFilesIn(config.postmortemsDir, this.root);
    const open = this.openDocuments().flatMap((document) => this.postmortemPath(document.uri) ?? []);
    return [...this.diskFiles, ...open];
  }

  /** Services, teams and people used in the repository's postmortems and the open buffers. */
  async vocabularyOf(config: ResolvedConfig): Promise<Vocabulary> {
    this.vocabulary ??= Promise.resolve()
      .then(() => loadPostmortems(readSources(postmortemFilesIn(config.postmortemsDir, this.root), this.root), { cache: ParseCache.at(config.root) }))
      .catch(() => [])
      .then(gather);
    const fromDisk = await this.vocabulary;
    const analyses = await Promise.all(this.openDocuments().map((document) => this.analyse(document)));
    const open = analyses.flatMap((analysis) => (analysis && 'postmortem' in analysis ? [analysis.postmortem] : []));
    const fromOpen = gather(open);
    return {
      services: union(fromDisk.services, fromOpen.services),
      teams: union(fromDisk.teams, fromOpen.teams),
      people: union(fromDisk.people, fromOpen.people),
    };
  }
}

function gather(postmortems: readonly Postmortem[]): Vocabulary {
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  return {
    services: union(postmortems.flatMap((postmortem) => strings(postmortem.data.services))),
    teams: union(postmortems.flatMap((postmortem) => strings(postmortem.data.teams))),
    people: union(postmortems.flatMap((postmortem) => [
      ...strings(postmortem.data.authors),
      ...strings(postmortem.data.reviewers),
      ...(postmortem.actionItems?.items.map((item) => item.owner) ?? []),
    ])),
  };
}

function union(...lists: string[][]): string[] {
  return [...new Set(lists.flat().filter((value) => value.trim() !== ''))].sort();
}

/** Size and modification time: enough to notice that a small file was saved again. */
function fileStamp(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'absent';
  }
}
