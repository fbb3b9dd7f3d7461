import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

/** Runs `hindsight stats ARGS` in-process in `cwd`, capturing what it writes. */
export async function runStats(args: readonly string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: process.stdin,
    cwd,
    env: {},
  };
  const exitCode = await main(['stats', ...args], io);
  return { exitCode, stdout, stderr };
}
