import { hindsight, type RunResult } from '../helpers/cli.js';

/** Runs `hindsight stats ARGS` in-process in `cwd`, capturing what it writes. */
export function runStats(args: readonly string[], cwd: string): Promise<RunResult> {
  return hindsight(cwd, ['stats', ...args]);
}
