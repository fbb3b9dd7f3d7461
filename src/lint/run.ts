import { existsSync } from 'node:fs';
import { configFileName, loadConfig, type ResolvedConfig } from '../config/config.js';
import { UsageError } from '../errors.js';
import { ParseCache } from '../parse/cache.js';
import { displayPath, fileStamp, findPostmortemFiles, loadPostmortems, readSource, type ParseFiles, type Source } from '../parse/load.js';
import { withoutRuleParts, type Postmortem, type ValidPostmortem } from '../parse/model.js';
import { LintCache, reviveMessage } from './cache.js';
import type { CheckSetup, FileFindings } from './check.js';
import {
  acrossFileFindings,
  acrossFilesModel,
  corpusOf,
  enabledRules,
  lintResult,
  ownFindings,
  validPostmortems,
  type LintedPostmortem,
  type LintResult,
} from './engine.js';

export interface LintRunOptions {
  cwd: string;
  /** Files or folders to report on; default the configured postmortems folder. */
  paths?: readonly string[];
  /** Instead of `paths`: exactly these files under the folder, possibly none (`lint --changed`). */
  only?: readonly string[];
  asOf: string;
  /** Render each body to HTML as well (the site). */
  render?: boolean;
  /**
   * Drop from each model what only the rules read (prose, sections, key places) once its findings
   * are made: the site holds thousands of models at once and needs none of it.
   */
  slim?: boolean;
  config?: ResolvedConfig;
  /** Reuse the findings of unchanged files (default); `false` checks every file afresh. */
  cache?: boolean;
  /** Hears how many of the files are ready (from the cache or parsed) out of how many. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs over fewer files than this neither read nor write the lint cache: parsing a few files costs
 * less than reading and rewriting the findings of a whole folder (`lint FILE`, `lint --changed`).
 */
export const cachedRunSize = 20;

export interface LintReport {
  config: ResolvedConfig;
  /** One per file named by `paths`, in path order. */
  results: LintResult[];
  /** How many files' own findings came from the cache, unparsed. */
  fromCache: number;
}

export interface LintRun {
  config: ResolvedConfig;
  /** The postmortems named by `paths`, linted. */
  linted: LintedPostmortem[];
  /** Those of them with no errors, typed. */
  valid: ValidPostmortem[];
}

/** Lints the named paths: findings only. A file whose findings are cached is not parsed. */
export async function lintFiles(options: LintRunOptions): Promise<LintReport> {
  const { config, results, fromCache } = await lint(options, false);
  return { config, results: results.map(({ result }) => result), fromCache };
}

/** Lints the named paths and returns their models too, for the rollups and the site. */
export async function runLint(options: LintRunOptions): Promise<LintRun> {
  const { config, results } = await lint(options, true);
  const linted = results.map(({ postmortem, result }) => ({ postmortem: postmortem as Postmortem, result }));
  return { config, linted, valid: validPostmortems(linted, config) };
}

/**
 * Loads the config, then each named file's findings: from the lint cache when its bytes are
 * unchanged, else from its model (parsed once, or from the parse cache). Cross-file rules see
 * every file in the folder by name, without parsing the ones not named.
 */
async function lint(options: LintRunOptions, withModels: boolean) {
  const { cwd, asOf, render = false, onProgress = () => {} } = options;
  const config = options.config ?? loadConfig(cwd);
  const folderExists = existsSync(config.postmortemsDir);
  if (!options.paths?.length && !options.only && !folderExists) {
    throw new UsageError(`No postmortems folder at ${displayPath(config.postmortemsDir, cwd)}; create one with \`hindsight new\`, or set \`postmortems\` in ${configFileName}`);
  }
  const folder = folderExists ? findPostmortemFiles([config.postmortemsDir], cwd) : [];
  const requested = options.only ? [...options.only] : options.paths?.length ? findPostmortemFiles(options.paths, cwd) : folder;
  const everyFile = [...new Set([...requested, ...folder])].map((file) => displayPath(file, cwd));
  const context = { config, asOf, corpus: corpusOf(everyFile) };
  const enabled = enabledRules(config);

  const lintCache = options.cache === false || requested.length < cachedRunSize ? LintCache.none() : LintCache.open(config, asOf, enabled);
  const now = Date.now();
  const files = requested.map((path) => ({ path, shown: displayPath(path, cwd), stamp: fileStamp(path, now) }));
  // A file known by its stamp is not read, unless its model is wanted.
  const known = files.map(({ shown, stamp }) => lintCache.unchanged(shown, stamp));
  const sources = files.map(({ path, shown }, index) => (withModels || !known[index] ? readSource(path, cwd, shown) : undefined));
  const cached = files.map(({ shown, stamp }, index) => known[index] ?? lintCache.get(shown, (sources[index] as Source).content, stamp));
  const toParse = sources.flatMap((source, index) => (source && (withModels || !cached[index]) ? [{ source, index }] : []));
  let done = files.length - toParse.length;
  onProgress(done, files.length);
  const onParsed = (count: number): void => onProgress((done += count), files.length);
  const unread = toParse.map(({ source }) => source);
  // Rendered models are stored for the site to read back. Without models wanted, each thread
  // checks the files it parses, and the models go no further; a slim run's threads check theirs
  // too, and send back the models without their rule parts. The parser and renderer load only
  // when a file needs them.
  // A slim run needs the rule parts of a model only to check it: not when its findings are cached.
  const findingsKnown = new Set(toParse.flatMap(({ source, index }) => (cached[index] ? [source] : [])));
  const needsRuleParts = (source: Source): boolean => !options.slim || !findingsKnown.has(source);
  /** Findings made on the threads that parsed the files, by the path shown. */
  const checkedOf = new Map<string, FileFindings>();
  const parseAndCheck: ParseFiles = async (jobs, parseOptions, cache, onDone) => {
    const { parseAndCheckInWorkers } = await import('./check.js');
    const checked = await parseAndCheckInWorkers(jobs, parseOptions, cache, { config, asOf }, onDone);
    for (const { postmortem, findings } of checked) checkedOf.set(postmortem.file, findings);
    return checked.map(({ postmortem }) => postmortem);
  };
  const cache = ParseCache.at(config.root, { writable: render });
  const models = withModels ? await loadPostmortems(unread, { render, limits: config.limits, cache, onParsed, needsRuleParts, ...(options.slim ? { parse: parseAndCheck } : {}) }) : [];
  if (!withModels && unread.length > 0) {
    const checked = await checkFiles(unread, { options: { limits: config.limits }, config, asOf }, onParsed);
    unread.forEach(({ shown }, position) => checkedOf.set(shown, checked[position]!));
  }
  const modelOf = new Map(toParse.map(({ index }, position) => [index, models[position]]));

  const results = files.map(({ path, shown, stamp }, index) => {
    const postmortem = modelOf.get(index);
    let hit = cached[index];
    if (!hit) {
      const findings = checkedOf.get(shown);
      hit = findings
        ? { messages: findings.messages.map((message) => reviveMessage(message, shown)), acrossFiles: findings.acrossFiles }
        : { messages: ownFindings(postmortem as Postmortem, enabled, context), acrossFiles: acrossFilesModel(postmortem as Postmortem, enabled) };
      lintCache.set(shown, (sources[index] as Source).content, stamp, hit.messages, hit.acrossFiles);
    }
    const result = lintResult(path, [...hit.messages, ...acrossFileFindings(hit.acrossFiles, enabled, context)]);
    return { postmortem: postmortem && options.slim ? withoutRuleParts(postmortem) : postmortem, result };
  });
  lintCache.save(new Set(everyFile));
  return { config, results, fromCache: cached.filter(Boolean).length };
}

async function checkFiles(sources: readonly Source[], setup: CheckSetup, onChecked: (count: number) => void) {
  const { checkInWorkers } = await import('./check.js');
  return checkInWorkers(sources.map(({ shown, bytes }) => ({ file: shown, bytes })), setup, onChecked);
}

