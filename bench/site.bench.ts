import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { packagePath } from '../src/package-root.js';
import { generateCorpus } from './generate.js';
import { measure } from './measure.js';

// `npx tsc -p tsconfig.build.json && npx vitest bench --run bench/site.bench.ts`: `hindsight build`
// (the compiled CLI, as users run it) over the shipped examples and over 1,000 generated
// postmortems, each timed once (a build takes seconds), with the size of what it wrote.

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function repository(fill: (postmortems: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-bench-'));
  folders.push(root);
  fill(join(root, 'postmortems'));
  return root;
}

function build(root: string): void {
  const output = execFileSync(process.execPath, [packagePath('bin', 'hindsight.js'), 'build', '--as-of', '2026-06-01'], { cwd: root, encoding: 'utf8' });
  const files = readdirSync(join(root, '_site'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const bytes = files.reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
  const pagefind = files.filter((entry) => entry.parentPath.includes('pagefind')).reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
  console.log(`${output.trim()} (search index ${(pagefind / 1_000_000).toFixed(1)} MB of ${(bytes / 1_000_000).toFixed(1)} MB)`);
}

const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe('hindsight build', () => {
  const examples = repository((postmortems) => cpSync(packagePath('postmortems'), postmortems, { recursive: true }));
  const generated = repository((postmortems) => generateCorpus(postmortems, 1000, 42));
  bench('the shipped examples', () => build(examples), once);
  bench('1,000 generated postmortems', () => build(generated), once);
  bench('bare Eleventy + Pagefind over the same 1,000 files (the baseline)', () => {
    const eleventy = measure(process.execPath, [packagePath('node_modules', '@11ty', 'eleventy', 'cmd.cjs'), '--quiet', '--input=postmortems', '--output=_bare'], generated);
    const pagefind = measure(process.execPath, [packagePath('node_modules', 'pagefind', 'lib', 'runner', 'bin.cjs'), '--site', '_bare'], generated);
    console.log(`bare Eleventy ${eleventy.seconds.toFixed(1)} s + Pagefind ${pagefind.seconds.toFixed(1)} s = ${(eleventy.seconds + pagefind.seconds).toFixed(1)} s`);
  }, once);
});
