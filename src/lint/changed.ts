import { lstatSync, realpathSync } from 'node:fs';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { loadConfig, type ResolvedConfig } from '../config/config.js';
import { UsageError } from '../errors.js';
import { changedSince, commitOf, defaultBranch, mergeBase, topLevel, type GitOptions } from '../git.js';
import { displayPath, isPostmortemName } from '../parse/load.js';

export interface ChangedOptions {
  /** `--changed` */
  changed: boolean;
  /** `--base REF` */
  base: string | undefined;
  /** PATH arguments, which `--changed` replaces. */
  paths: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * For `lint --changed [--base REF]`: the config and the postmortems to report on (`only`), for `runLint`.
 * Without `--changed`, nothing: the run reports on its PATH arguments as usual.
 */
export async function changedOnly(options: ChangedOptions): Promise<{ config?: ResolvedConfig; only?: string[] }> {
  if (!options.changed) {
    if (options.base !== undefined) throw new UsageError('Unexpected --base without --changed, expected both or neither');
    return {};
  }
  if (options.paths.length > 0) throw new UsageError('Unexpected PATH arguments with --changed, expected one or the other');
  const config = loadConfig(options.cwd);
  // Changed files are parsed (their findings cannot be cached ones): the parser loads while git answers.
  const [only] = await Promise.all([changedPostmortems(config.postmortemsDir, options.base, { cwd: options.cwd, env: options.env }), import('./check.js')]);
  return { config, only };
}

/**
 * The Markdown files under `postmortemsDir` added, modified, renamed or copied since the merge base
 * of HEAD and `base` (default: the default branch), committed or not, and new untracked files.
 * Returned as absolute paths under `postmortemsDir` as configured, whatever symbolic links git resolved.
 */
export async function changedPostmortems(postmortemsDir: string, base: string | undefined, options: GitOptions): Promise<string[]> {
  // Asked of git at once; a failure is reported in this order (outside a repository, first that).
  const [top, baseRef, head] = await settledInOrder([topLevel(options), base === undefined ? defaultBranch(options) : Promise.resolve(base), commitOf('HEAD', options)] as const);
  if (baseRef === null) {
    throw new UsageError('Cannot find the default branch (no origin/HEAD, main or master), expected --base REF naming the branch to compare with');
  }
  const baseCommit = await commitOf(baseRef, options);
  if (baseCommit === null) throw new UsageError(`Unknown --base \`${baseRef}\`, expected a branch, tag or commit that git knows`);
  if (head === null) throw new UsageError('The git repository has no commits yet, expected at least one to compare with');
  const since = await mergeBase(baseCommit, head, options);
  if (since === null) throw new UsageError(`No common history between \`${baseRef}\` and HEAD, expected a --base that HEAD branched from`);

  const folder = realFolder(postmortemsDir);
  if (folder === null) return [];
  const folderInRepo = relative(top, folder);
  if (folderInRepo.startsWith('..') || isAbsolute(folderInRepo)) {
    throw new UsageError(`The postmortems folder ${displayPath(postmortemsDir, options.cwd)} is outside the git repository at ${top}, expected it inside for --changed`);
  }
  const pathspec = folderInRepo === '' ? '.' : folderInRepo.split(sep).join('/');
  const names = await changedSince(since, pathspec, { ...options, cwd: top });
  // The files `hindsight lint` would find in the folder: Markdown, not hidden, not a link.
  return names.map((name) => join(postmortemsDir, relative(folder, join(top, name)))).filter((file) => isPostmortemName(basename(file)) && isFile(file));
}

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** The values of the promises, once all have settled; the first to fail, in their order, is thrown. */
async function settledInOrder<const Values extends readonly unknown[]>(promises: { [Index in keyof Values]: Promise<Values[Index]> }): Promise<Values> {
  const outcomes = await Promise.allSettled(promises);
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as Values;
}

/** The folder with symbolic links resolved, as git reports paths; `null` when it does not exist. */
function realFolder(folder: string): string | null {
  try {
    return realpathSync(folder);
  } catch {
    return null;
  }
}
