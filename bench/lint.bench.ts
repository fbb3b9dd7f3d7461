import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { packagePath } from '../src/package-root.js';
import { generateCorpus } from './generate.js';
import { describeRun, measure } from './measure.js';

// `npm run bench`: `hindsight lint` (the compiled CLI, as users run it) over 10,000 generated
// postmortems, without and with its parse cache, and for one changed file; then markdownlint-cli2
// over the same files with its default rules. Each is timed once from outside (seconds, files/s,
// peak memory); nothing here asserts a time.

const count = Number(process.env.HINDSIGHT_BENCH_FILES ?? 10_000);
const root = mkdtempSync(join(tmpdir(), 'hindsight-lint-bench-'));
const files = generateCorpus(join(root, 'postmortems'), count, 42);
const hindsight = (...args: string[]) => measure(process.execPath, [packagePath('bin', 'hindsight.js'), ...args], root);
const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(`lint ${count} postmortems`, () => {
  bench('hindsight lint, no cache', () => {
    rmSync(join(root, 'node_modules'), { recursive: true, force: true });
    console.log(describeRun('hindsight lint, no cache', hindsight('lint', '--format', 'json'), count));
  }, once);

  bench('hindsight lint, unchanged files cached', () => {
    console.log(describeRun('hindsight lint, cached', hindsight('lint', '--format', 'json'), count));
  }, once);

  bench('hindsight lint of one file (as --changed does), the folder seen by name', () => {
    const one = join('postmortems', files[0] ?? '');
    cpSync(join(root, one), join(root, `${one}.orig`));
    writeFileSync(join(root, one), '\n', { flag: 'a' });
    console.log(describeRun('hindsight lint of one changed file', hindsight('lint', one), 1));
    cpSync(join(root, `${one}.orig`), join(root, one));
    rmSync(join(root, `${one}.orig`));
  }, once);

  bench('markdownlint-cli2, default rules', () => {
    const markdownlint = packagePath('node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
    console.log(describeRun('markdownlint-cli2', measure(process.execPath, [markdownlint, 'postmortems/**/*.md'], root), count));
  }, once);
});
