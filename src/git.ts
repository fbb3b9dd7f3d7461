import { execFile } from 'node:child_process';
import { UsageError } from './errors.js';

export interface GitOptions {
  /** Where git runs. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A git command that exited with a status other than 0. */
class GitError extends Error {
  override name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly status: number,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} exited with status ${status}: ${stderr.trim()}`);
  }
}

/**
 * Runs git with `args` (no shell, so nothing in a ref or path is interpreted) and returns its output.
 * A missing git is a usage error; a failing git command is a `GitError` for the caller to explain.
 */
function git(args: readonly string[], options: GitOptions): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile('git', args, { cwd: options.cwd, env: options.env, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(stdout);
      if (error.code === 'ENOENT') return reject(new UsageError('Cannot run `git`, expected it installed and on the PATH'));
      reject(new GitError(args, typeof error.code === 'number' ? error.code : 1, stderr));
    });
  });
}

/** Runs git; `null` when it exits with status 1 (git's "no such thing" for `--verify --quiet`, `merge-base`, `config`). */
async function gitOrNull(args: readonly string[], options: GitOptions): Promise<string | null> {
  try {
    return await git(args, options);
  } catch (error) {
    if (error instanceof GitError && error.status === 1) return null;
    throw error;
  }
}

/** The repository's top folder, as git spells it (symbolic links resolved). */
export async function topLevel(options: GitOptions): Promise<string> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], options)).trim();
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`Not inside a git repository at ${options.cwd}: ${firstLine(error.stderr)}`);
    throw error;
  }
}

/** The commit `ref` names, or `null` when it names none. */
export async function commitOf(ref: string, options: GitOptions): Promise<string | null> {
  // A ref that starts with `-` would read as an option.
  if (ref.startsWith('-')) return null;
  return (await gitOrNull(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], options))?.trim() ?? null;
}

/** The default branch: what `origin/HEAD` points at, else the first of `main`, `master`, `origin/main`, `origin/master` that exists. */
export async function defaultBranch(options: GitOptions): Promise<string | null> {
  const remoteHead = (await gitOrNull(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], options))?.trim();
  const candidates = [...(remoteHead ? [remoteHead] : []), 'main', 'master', 'origin/main', 'origin/master'];
  for (const candidate of candidates) {
    if (await commitOf(candidate, options)) return candidate;
  }
  return null;
}

/** The best common ancestor of two commits, or `null` when their histories never meet. */
export async function mergeBase(a: string, b: string, options: GitOptions): Promise<string | null> {
  return (await gitOrNull(['merge-base', a, b], options))?.trim() ?? null;
}

/**
 * Files added, modified, renamed or copied since `commit`, in commits and in the working tree
 * (staged or not), plus untracked files that are not ignored; only under `pathspec`.
 * Paths are relative to the repository's top folder, and git must run there.
 */
export async function changedSince(commit: string, pathspec: string, options: GitOptions): Promise<string[]> {
  const literal = ['--literal-pathspecs'];
  const [changed, untracked] = await Promise.all([
    git([...literal, 'diff', '--name-only', '-z', '--no-ext-diff', '--diff-filter=ACMR', commit, '--', pathspec], options),
    git([...literal, 'ls-files', '--others', '--exclude-standard', '-z', '--', pathspec], options),
  ]);
  return [...new Set([...nulSeparated(changed), ...nulSeparated(untracked)])].sort();
}

/** `git config user.name`, or `undefined` when it is not set or there is no git. */
export async function userName(options: GitOptions): Promise<string | undefined> {
  try {
    return (await gitOrNull(['config', 'user.name'], options))?.trim() || undefined;
  } catch {
    return undefined;
  }
}

function nulSeparated(output: string): string[] {
  return output.split('\0').filter((name) => name !== '');
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
