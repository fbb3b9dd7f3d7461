import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { hindsight as runHindsight, type RunResult } from '../helpers/cli.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** An empty folder, removed after the test; symbolic links resolved so paths compare as git prints them. */
export function tempFolder(): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'hindsight-pr-')));
  folders.push(folder);
  return folder;
}

/**
 * An environment where git reads no user or system config (and so behaves the same on every
 * machine), never looks for a repository above the temporary folders, and commits as a fixed user.
 */
export function gitEnv(globalConfig = '/dev/null'): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: tmpdir(),
    GIT_CONFIG_GLOBAL: globalConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CEILING_DIRECTORIES: realpathSync(tmpdir()),
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.com',
  };
}

/** Runs git in `cwd` and returns its output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv(), encoding: 'utf8' });
}

/** `hindsight` in-process, with git kept away from this machine's configuration. */
export function hindsight(cwd: string, args: string[], env: NodeJS.ProcessEnv = gitEnv()): Promise<RunResult> {
  return runHindsight(cwd, args, env);
}

/** `hindsight lint --format json` for `args`, reduced to each file's name and its findings' rule ids. */
export async function lintJson(cwd: string, args: string[] = []): Promise<{ exitCode: number; files: Array<{ file: string; errors: string[] }>; stderr: string }> {
  const { exitCode, stdout, stderr } = await hindsight(cwd, ['lint', '--format', 'json', ...args]);
  const results = stdout ? (JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number }> }>) : [];
  return {
    exitCode,
    stderr,
    files: results.map((result) => ({
      file: result.filePath.slice(cwd.length + 1),
      errors: result.messages.filter((message) => message.severity === 2).map((message) => message.ruleId),
    })),
  };
}
