import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate.js';
import { main } from '../../src/cli/main.js';
import { removeFolders, tempFolder } from '../site/helpers.js';

let root: string;
beforeAll(() => {
  root = tempFolder('hindsight-progress-');
  generateCorpus(join(root, 'postmortems'), 120, 7);
});
afterAll(removeFolders);

/** `hindsight ARGS` with stderr as a terminal or not, and `CI` set or not. */
async function run(args: string[], { tty, ci = false }: { tty: boolean; ci?: boolean }): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main(args, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: tty },
    stdin: new PassThrough(),
    cwd: root,
    env: ci ? { CI: 'true' } : {},
  });
  return { exitCode, stdout, stderr };
}

const lint = ['lint', '--format', 'json', '--as-of', '2026-06-01', '--no-cache'];

describe('progress on long runs', () => {
  it('prints one summary line on stderr without a terminal, and leaves stdout to the findings', async () => {
    const { exitCode, stdout, stderr } = await run(lint, { tty: false });
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toHaveLength(120);
    expect(stderr).toMatch(/^hindsight: linted 120 files \(0 unchanged, from the cache\) in \d+\.\ds: 0 errors, 0 warnings\n$/);
  });

  it('redraws one line on a terminal, ending in the summary', async () => {
    const { stderr } = await run(lint, { tty: true });
    expect(stderr).toMatch(/^\r\x1b\[K/);
    expect(stderr).toMatch(/\r\x1b\[Khindsight: linted 120 files .*\n$/);
    expect(stderr.split('\n')).toHaveLength(2);
  });

  it('prints only the summary in CI, even on a terminal', async () => {
    const { stderr } = await run(lint, { tty: true, ci: true });
    expect(stderr).toMatch(/^hindsight: linted 120 files [^\r]*\n$/);
  });

  it('prints nothing with --quiet', async () => {
    expect((await run([...lint, '--quiet'], { tty: true })).stderr).toBe('');
  });
});
