import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configFileName, loadConfig, type ResolvedConfig } from '../config/config.js';
import { UsageError } from '../errors.js';
import { ParseCache } from '../parse/cache.js';
import { displayPath, findPostmortemFiles, loadPostmortems } from '../parse/load.js';
import type { ValidPostmortem } from '../parse/model.js';
import { lintPostmortems, validPostmortems, type LintedPostmortem } from './engine.js';

export interface LintRunOptions {
  cwd: string;
  /** Files or folders to report on; default the configured postmortems folder. */
  paths?: readonly string[];
  asOf: string;
  /** Keep the Markdown trees for rendering (the site). */
  keepTree?: boolean;
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
 * Loads the config, parses the folder and the named paths once, and lints the named ones.
 * Cross-file rules see the whole folder even when only some files are named.
 */
export function runLint(options: LintRunOptions): LintRun {
  const { cwd, asOf, keepTree = false } = options;
  const config = options.config ?? loadConfig(cwd);
  const folderExists = existsSync(config.postmortemsDir);
  if (!options.paths?.length && !folderExists) {
    throw new UsageError(`No postmortems folder at ${displayPath(config.postmortemsDir, cwd)}; create one with \`hindsight new\`, or set \`postmortems\` in ${configFileName}`);
  }
  const requested = findPostmortemFiles(options.paths?.length ? options.paths : [config.postmortemsDir], cwd);
  const named = new Set(requested);
  const folder = folderExists ? findPostmortemFiles([config.postmortemsDir], cwd).filter((file) => !named.has(file)) : [];
  const files = [...requested, ...folder];
  const postmortems = loadPostmortems(files, { cwd, keepTree, cache: ParseCache.at(config.root) });
  const absolute = new Map(postmortems.map((postmortem, index) => [postmortem, files[index] ?? resolve(cwd, postmortem.file)]));
  const reported = new Set(postmortems.slice(0, requested.length));
  const linted = lintPostmortems(postmortems, {
    config,
    asOf,
    absolutePath: (postmortem) => absolute.get(postmortem) ?? resolve(cwd, postmortem.file),
    include: (postmortem) => reported.has(postmortem),
  });
  return { config, linted, valid: validPostmortems(linted, config) };
}
