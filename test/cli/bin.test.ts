import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate.js';
import { hindsight as runInProcess } from '../helpers/cli.js';

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

describe('bin/hindsight.js on a corpus large enough to parse on every core', () => {
  it('reports exactly what one thread reports, then the same again from its caches', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hindsight-workers-'));
    try {
      const files = generateCorpus(join(root, 'postmortems'), 240, 3);
      // Break a few so the comparison covers findings, not only silence.
      for (const name of files.slice(0, 5)) {
        const path = join(root, 'postmortems', name);
        writeFileSync(path, readFileSync(path, 'utf8').replace(/^severity: .*$/m, 'severity: SEV9'));
      }
      const args = ['lint', '--format', 'json', '--as-of', '2026-06-01'];
      const run = () => promisify(execFile)(process.execPath, [bin, ...args], { cwd: root }).catch((error: { code: number; stdout: string }) => error);
      // In this process no compiled worker script exists, so every file is parsed on this thread.
      const inProcess = await runInProcess(root, args);
      const cold = await run();
      const warm = await run();
      const parsedOnly = await promisify(execFile)(process.execPath, [bin, ...args, '--no-cache'], { cwd: root }).catch((error: { code: number; stdout: string }) => error);
      const [cacheFolder = ''] = readdirSync(join(root, 'node_modules', '.cache', 'hindsight'));
      // The lint results of them all; parsed models are stored only by a build, which renders them.
      expect(readdirSync(join(root, 'node_modules', '.cache', 'hindsight', cacheFolder))).toEqual(['lint-results.json']);
      const findings = JSON.parse(inProcess.stdout) as Array<{ errorCount: number }>;
      expect(findings).toHaveLength(240);
      expect(findings.filter((result) => result.errorCount > 0)).toHaveLength(5);
      expect(cold.stdout).toBe(inProcess.stdout);
      expect(warm.stdout).toBe(inProcess.stdout);
      expect(parsedOnly.stdout).toBe(inProcess.stdout);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('builds with the findings one thread makes: each file is checked on the thread that parses it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hindsight-workers-'));
    try {
      const files = generateCorpus(join(root, 'postmortems'), 240, 4);
      // Errors of the frontmatter and of the body, and a warning, so the findings are of several rules.
      const edits: Array<(text: string) => string> = [
        (text) => text.replace(/^severity: .*$/m, 'severity: SEV9'),
        (text) => text.replace('## Lessons Learned', '## Lessons'),
        (text) => text.replace('## Summary\n', '## Summary\n\nThis happened because Bob forgot the human error.\n'),
      ];
      files.slice(0, 9).forEach((name, index) => {
        const path = join(root, 'postmortems', name);
        writeFileSync(path, edits[index % edits.length]!(readFileSync(path, 'utf8')));
      });
      const args = ['lint', '--format', 'json', '--as-of', '2026-06-01'];
      // Without the lint cache, which the build would otherwise take its findings from.
      const inProcess = await runInProcess(root, [...args, '--no-cache']);
      expect(existsSync(join(root, 'node_modules'))).toBe(false);
      const run = (...runArgs: string[]) =>
        promisify(execFile)(process.execPath, [bin, ...runArgs], { cwd: root }).then(
          (done) => ({ ...done, code: 0 }),
          (error: { code: number; stdout: string; stderr: string }) => error,
        );
      const build = await run('build', '--as-of', '2026-06-01', '--out', '_site');
      expect(build.code).toBe(1);
      expect(build.stderr).toContain('nothing was published');
      // The build stored the findings it made; a lint now reads every file's from there.
      const fromBuild = await run(...args);
      expect(fromBuild.stderr).toContain('(240 unchanged, from the cache)');
      const findings = JSON.parse(inProcess.stdout) as Array<{ errorCount: number; warningCount: number }>;
      expect(findings.filter((result) => result.errorCount > 0)).toHaveLength(6);
      expect(findings.filter((result) => result.warningCount > 0).length).toBeGreaterThan(0);
      expect(fromBuild.stdout).toBe(inProcess.stdout);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
