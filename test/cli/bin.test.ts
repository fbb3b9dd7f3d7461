import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

/** The shipped entry point, run as users run it: `node bin/hindsight.js` on the compiled `dist/`. */
const bin = fileURLToPath(new URL('../../bin/hindsight.js', import.meta.url));
const compiled = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

async function hindsight(args: readonly string[], folder: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const cwd = fileURLToPath(new URL(`../fixtures/cli/${folder}`, import.meta.url));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd, env: process.env });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { exitCode: code, stdout, stderr };
  }
}

describe('bin/hindsight.js', () => {
  beforeAll(() => {
    expect(existsSync(compiled), 'dist/ is missing: `npm test` compiles it first (npx tsc -p tsconfig.build.json)').toBe(true);
  });

  it('lints a clean folder and exits 0', async () => {
    expect(await hindsight(['lint', '--as-of', '2026-06-01'], 'clean')).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('reports a finding in JSON and exits 1', async () => {
    const { exitCode, stdout, stderr } = await hindsight(['lint', '--format', 'json', '--as-of', '2026-06-01'], 'errors');
    expect(stderr).toBe('');
    expect(exitCode).toBe(1);
    const [result] = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<Record<string, unknown>> }>;
    expect(result?.filePath).toMatch(/\/test\/fixtures\/cli\/errors\/postmortems\/2026-03-04-search-results-stale-after-cache-eviction\.md$/);
    expect(result?.messages).toEqual([expect.objectContaining({ ruleId: 'schema', severity: 2, line: 4, column: 11 })]);
  });

  it('exits 2 with one clear line for bad arguments', async () => {
    expect(await hindsight(['lint', '--format', 'xml'], 'errors')).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'hindsight: Invalid --format `xml`, expected one of: stylish, json, github, sarif\n',
    });
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await hindsight(['--version'], 'clean')).toEqual({ exitCode: 0, stdout: `${version}\n`, stderr: '' });
  });
});
