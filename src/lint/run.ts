import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configFileName, loadConfig, type ResolvedConfig } from '../config/config.js';
import { UsageError } from '../errors.js';
import { ParseCache } from '../parse/cache.js';
import { displayPath, findPostmortemFiles, loadPostmortems } from '../parse/load.js';
import type { ValidPostmortem } from '../parse/model.js';
import { corpusOf, lintPostmortems, validPostmortems, type LintedPostmortem } from './engine.js';

export interface LintRunOptions {
  cwd: string;
  /** Files or folders to report on; default the configured postmortems folder. */
  paths?: readonly string[];
  /** Instead of `paths`: exactly these files under the folder, possibly none (`lint --changed`). */
  only?: readonly string[];
  asOf: string;
  /** Render each body to HTML as well (the site). */
  render?: boolean;
  config?: ResolvedConfig;
}

export interface LintRun {
  config: ResolvedConfig;
  /** The postmortems named by `paths`, linted. */
  linted: LintedPostmortem[];
  /** Those of them with no errors, typed. */
  valid: ValidPostmortem[];
}

/**
 * Loads the config, parses the named paths once, and lints them. Cross-file rules see every file
 * in the folder by name, without parsing the ones not named.
 */
export async function runLint(options: LintRunOptions): Promise<LintRun> {
  const { cwd, asOf, render = false } = options;
  const config = options.config ?? loadConfig(cwd);
  const folderExists = existsSync(config.postmortemsDir);
  if (!options.paths?.length && !options.only && !folderExists) {
    throw new UsageError(`No postmortems folder at ${displayPath(config.postmortemsDir, cwd)}; create one with \`hindsight new\`, or set \`postmortems\` in ${configFileName}`);
  }
  const folder = folderExists ? findPostmortemFiles([config.postmortemsDir], cwd) : [];
  const requested = options.only ? [...options.only] : options.paths?.length ? findPostmortemFiles(options.paths, cwd) : folder;
  const named = new Set(requested);
  const others = folder.filter((file) => !named.has(file));
  const postmortems = await loadPostmortems(requested, { cwd, render, cache: ParseCache.at(config.root), limits: config.limits });
  const absolute = new Map(postmortems.map((postmortem, index) => [postmortem, requested[index] ?? resolve(cwd, postmortem.file)]));
  const linted = lintPostmortems(postmortems, {
    config,
    asOf,
    absolutePath: (postmortem) => absolute.get(postmortem) ?? resolve(cwd, postmortem.file),
    corpus: corpusOf([...requested, ...others].map((file) => displayPath(file, cwd))),
  });
  return { config, linted, valid: validPostmortems(linted, config) };
}
