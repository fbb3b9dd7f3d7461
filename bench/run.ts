import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './generate.js';
import { measure, memoryMethod, type Measured } from './measure.js';
import { chromiumPath, launchChromium, serveSite, weighPage, weighSearch, type Weight } from './pages.js';
import { bytes, cpuTime, formatReport, type PageRow, type RunRow } from './report.js';
import { ensureDebianPackage } from './system.js';

// `npm run bench [-- --files N] [--query WORD] [--keep]`: every figure of the scale work in one run,
// on one generated corpus, each beside its baseline. Every timed command is its own process: the
// compiled CLI as users run it, markdownlint-cli2, a bare Eleventy build and the Pagefind CLI. It
// prints the table and writes it to bench/RESULTS.md. Nothing here asserts a time.

const { values: options } = parseArgs({
  options: {
    files: { type: 'string', default: process.env.HINDSIGHT_BENCH_FILES ?? '10000' },
    query: { type: 'string', default: 'connection' },
    keep: { type: 'boolean', default: false },
  },
});
const count = Number(options.files);
if (!Number.isInteger(count) || count < 10) {
  console.error(`bench: Unexpected \`${options.files}\` for \`--files\`, expected a whole number of at least 10`);
  process.exit(2);
}
const smallCount = Math.round(count / 10);
const asOf = '2026-06-01';
const packageRoot = resolve(import.meta.dirname, '..', '..');
const resultsPath = join(packageRoot, 'bench', 'RESULTS.md');

function manifest(packageName: string): { version: string; bin: string | Record<string, string> } {
  return JSON.parse(readFileSync(join(packageRoot, 'node_modules', packageName, 'package.json'), 'utf8'));
}

/** The file a package's `bin` entry names, run with this Node. */
function binOf(packageName: string, name: string): string {
  const { bin } = manifest(packageName);
  return join(packageRoot, 'node_modules', packageName, typeof bin === 'string' ? bin : bin[name]!);
}

/** The versions the figures belong to: this checkout's commit and each baseline's release. */
function versions(browser: string | undefined): string {
  let commit = 'not a git checkout';
  try {
    commit = `commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: packageRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}`;
  } catch {
    // A copy without its history still runs; it just cannot say which commit it is.
  }
  const release = (packageName: string) => `${packageName} ${manifest(packageName).version}`;
  return [`hindsight (${commit})`, ...['markdownlint-cli2', '@11ty/eleventy', 'pagefind', 'playwright-core'].map(release), browser ?? 'no Chromium'].join(', ');
}

const hindsightBin = join(packageRoot, 'bin', 'hindsight.js');
const markdownlintBin = binOf('markdownlint-cli2', 'markdownlint-cli2');
const eleventyBin = binOf('@11ty/eleventy', 'eleventy');
const pagefindBin = binOf('pagefind', 'pagefind');

function log(message: string): void {
  console.error(`bench: ${message}`);
}

const folders: string[] = [];

/** A repository of `files` generated postmortems, committed to git on `main`, with the bare baseline's one-line layout beside it. */
function repository(files: number): { root: string; names: string[] } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), `hindsight-bench-${files}-`)));
  folders.push(root);
  const names = generateCorpus(join(root, 'postmortems'), files, 42);
  writeFileSync(join(root, '.gitignore'), 'node_modules/\n.cache/\n_site/\n_bare/\n');
  writeFileSync(
    join(root, 'bare.eleventy.mjs'),
    `export default function (eleventyConfig) {
  eleventyConfig.addGlobalData('layout', 'bare.njk');
  eleventyConfig.addTemplate('_includes/bare.njk', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><main>{{ content | safe }}</main></body></html>');
}
`,
  );
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], { cwd: root, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'Generated postmortems');
  return { root, names };
}

/** Edits one postmortem as an author would, keeping it valid: one more sentence in its last section. */
function touch(root: string, name: string): string {
  const path = join('postmortems', name);
  appendFileSync(join(root, path), '\nThe follow-up review added one more observation to this write-up.\n');
  return path;
}

/** Whatever Hindsight or Eleventy may have cached in the repository, and the built site. */
function forgetCaches(root: string, site: boolean): void {
  for (const folder of ['node_modules/.cache', '.cache', ...(site ? ['_site'] : [])]) rmSync(join(root, folder), { recursive: true, force: true });
}

interface Step extends Measured {
  label: string;
  /** The exit statuses that mean the command did its job. */
  expected: readonly number[];
}

async function step(label: string, root: string, bin: string, args: string[], expected: readonly number[] = [0]): Promise<Step> {
  log(`${label} ...`);
  const measured = await measure(process.execPath, [bin, ...args], root);
  const peak = measured.peakBytes === undefined ? '' : `, peak ${bytes(measured.peakBytes)}`;
  log(`${label}: ${measured.seconds.toFixed(1)} s${peak}, exit ${measured.status}`);
  return { label, expected, ...measured };
}

const hindsight = (label: string, root: string, ...args: string[]) => step(label, root, hindsightBin, args);

/**
 * Runs of a command that takes well under a second: one run of it moves by a fifth of a second
 * with the machine's load, so such a row is the median of several, each after its own edit.
 */
const quickRuns = 5;

/** The run of median wall time among `runs` runs, one after another. */
async function medianOf(runs: number, run: () => Promise<Step>): Promise<Step> {
  const done: Step[] = [];
  for (let index = 0; index < runs; index++) done.push(await run());
  return done.sort((a, b) => a.seconds - b.seconds)[Math.floor(runs / 2)]!;
}

/** Why a step's figures cannot stand, or `undefined` when it exited as expected. */
function failure(run: Step): string | undefined {
  if (run.status !== null && run.expected.includes(run.status)) return undefined;
  const last = run.tail.trim().split('\n').at(-1)?.slice(0, 200) ?? '';
  return `${run.label} exited ${run.status ?? 'on a signal'}, expected ${run.expected.join(' or ')}${last ? `: ${last}` : ''}`;
}

function folderBytes(folder: string): number {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** The site's path prefix from the repository's config, as the site is served under it. */
function pathPrefix(root: string): string {
  const config = join(root, 'hindsight.config.json');
  if (!existsSync(config)) return '/';
  return (JSON.parse(readFileSync(config, 'utf8')) as { site?: { pathPrefix?: string } }).site?.pathPrefix ?? '/';
}

async function main(): Promise<number> {
  const started = new Date();
  const loadAtStart = loadavg();
  if (!existsSync(join(packageRoot, 'dist'))) {
    log('the compiled CLI is missing; `npm run bench` compiles it first');
    return 2;
  }
  const timeMissing = ensureDebianPackage('/usr/bin/time', 'time');
  if (timeMissing) log(`${timeMissing}; sampling the process tree for peak memory instead`);
  const chromiumMissing = process.env.CHROME_PATH ? undefined : ensureDebianPackage(chromiumPath, 'chromium');

  log(`generating ${count.toLocaleString('en-US')} postmortems ...`);
  const big = repository(count);
  const corpusBytes = folderBytes(join(big.root, 'postmortems'));
  log(`generating ${smallCount.toLocaleString('en-US')} postmortems for the linearity rows ...`);
  const small = repository(smallCount);

  const runs: RunRow[] = [];
  const problems: string[] = [];
  const checked = (run: Step) => {
    const problem = failure(run);
    if (problem) problems.push(problem);
    return problem;
  };
  const row = (work: string, files: number, run: Step, rest: Omit<RunRow, 'work' | 'files' | 'run' | 'failure'>): void => {
    runs.push({ work, files, run, failure: checked(run), ...rest });
  };

  // Lint, cold and warm, then one changed file by path and through git.
  forgetCaches(big.root, false);
  const lintCold = await hindsight('hindsight lint, nothing cached', big.root, 'lint');
  const markdownlint = await step('markdownlint-cli2', big.root, markdownlintBin, ['postmortems/**/*.md'], [0, 1]);
  const markdownlintFailure = checked(markdownlint);
  row('`hindsight lint`, nothing cached', count, lintCold, {
    baseline: markdownlintFailure ? `markdownlint-cli2: ${markdownlintFailure}` : `markdownlint-cli2 (default rules): ${markdownlint.seconds.toFixed(1)} s (CPU ${cpuTime(markdownlint)}, peak ${bytes(markdownlint.peakBytes)})`,
    ratio: markdownlintFailure ? undefined : lintCold.seconds / markdownlint.seconds,
    target: { text: '≤ 0.25×', holds: (r) => r.ratio !== undefined && r.ratio <= 0.25 },
  });
  const lintWarm = await hindsight('hindsight lint again', big.root, 'lint');
  row('`hindsight lint` again, nothing changed', count, lintWarm, { target: { text: '≤ 1 s', holds: (r) => r.run.seconds <= 1 } });
  const changedName = big.names[Math.floor(big.names.length / 2)]!;
  const lintFile = await medianOf(quickRuns, () => hindsight('hindsight lint FILE', big.root, 'lint', touch(big.root, changedName)));
  row(`\`hindsight lint FILE\`, one changed file (median of ${quickRuns})`, 1, lintFile, { target: { text: '≤ 0.5 s', holds: (r) => r.run.seconds <= 0.5 } });
  const lintChanged = await medianOf(quickRuns, () => {
    touch(big.root, changedName);
    return hindsight('hindsight lint --changed', big.root, 'lint', '--changed');
  });
  row(`\`hindsight lint --changed\`, one changed file in git (median of ${quickRuns})`, 1, lintChanged, { target: { text: '≤ 0.5 s', holds: (r) => r.run.seconds <= 0.5 } });

  // Build, cold beside the bare baseline, then again after one more edit.
  forgetCaches(big.root, true);
  const buildCold = await hindsight('hindsight build, nothing cached', big.root, 'build', '--as-of', asOf);
  rmSync(join(big.root, '_bare'), { recursive: true, force: true });
  const eleventy = await step('bare Eleventy', big.root, eleventyBin, ['--quiet', '--config=bare.eleventy.mjs', '--input=postmortems', '--output=_bare']);
  const pagefind = await step('Pagefind CLI', big.root, pagefindBin, ['--site', '_bare']);
  const baselineFailure = checked(eleventy) ?? checked(pagefind);
  const bare = eleventy.seconds + pagefind.seconds;
  row('`hindsight build --as-of 2026-06-01`, nothing cached', count, buildCold, {
    baseline:
      baselineFailure ??
      `bare Eleventy ${eleventy.seconds.toFixed(1)} s (CPU ${cpuTime(eleventy)}, peak ${bytes(eleventy.peakBytes)}) + Pagefind CLI ${pagefind.seconds.toFixed(1)} s (CPU ${cpuTime(pagefind)}, peak ${bytes(pagefind.peakBytes)}) = ${bare.toFixed(1)} s`,
    ratio: baselineFailure ? undefined : buildCold.seconds / bare,
    target: {
      text: '≤ 1.0×; largest process ≤ 1 GB',
      holds: (r) => `${r.ratio !== undefined && r.ratio <= 1 ? 'yes' : 'no'}; ${r.run.peakBytes === undefined ? 'not measured' : r.run.peakBytes <= 1e9 ? 'yes' : 'no'}`,
    },
  });
  touch(big.root, big.names[Math.floor(big.names.length / 3)]!);
  const rebuild = await hindsight('hindsight build again, one postmortem changed', big.root, 'build', '--as-of', asOf);
  const coldFailure = failure(buildCold);
  row('`hindsight build` again, one postmortem changed', count, rebuild, {
    baseline: coldFailure ? `the cold build: ${coldFailure}` : `the cold build: ${buildCold.seconds.toFixed(1)} s (CPU ${cpuTime(buildCold)})`,
    ratio: coldFailure ? undefined : rebuild.seconds / buildCold.seconds,
    target: { text: '≤ 0.2×', holds: (r) => r.ratio !== undefined && r.ratio <= 0.2 },
  });

  // Pages, in a real browser, from the site the rebuild wrote.
  const { rows: pageRows, browser } = await weighPages(big.root, rebuild, chromiumMissing);

  // Linearity: the same cold runs at a tenth of the files.
  forgetCaches(small.root, true);
  const smallLint = await hindsight(`hindsight lint at ${smallCount} files, nothing cached`, small.root, 'lint');
  const smallBuild = await hindsight(`hindsight build at ${smallCount} files, nothing cached`, small.root, 'build', '--as-of', asOf);
  for (const [work, smallRun, bigRun] of [
    ['lint, nothing cached', smallLint, lintCold],
    ['build, nothing cached', smallBuild, buildCold],
  ] as const) {
    const bigFailure = failure(bigRun);
    row(`linearity: ${work}, ${smallCount.toLocaleString('en-US')} → ${count.toLocaleString('en-US')} files`, count, bigRun, {
      baseline: `${smallCount.toLocaleString('en-US')} files: ${failure(smallRun) ?? `${smallRun.seconds.toFixed(1)} s (CPU ${cpuTime(smallRun)}, peak ${bytes(smallRun.peakBytes)})`}`,
      ratio: bigFailure || failure(smallRun) ? undefined : bigRun.seconds / smallRun.seconds,
      target: { text: '≤ 11×', holds: (r) => r.ratio !== undefined && r.ratio <= 11 },
    });
    checked(smallRun);
  }

  const cpu = cpus();
  const report = formatReport({
    date: started,
    machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${bytes(totalmem())} memory, Node ${process.version}, Linux ${release()}; load average ${loadAtStart.map((load) => load.toFixed(2)).join(' ')} at the start, ${loadavg().map((load) => load.toFixed(2)).join(' ')} at the end`,
    corpus: `${count.toLocaleString('en-US')} generated postmortems (seed 42), ${bytes(corpusBytes)}, ${bytes(corpusBytes / count)} each on average; the linearity rows compare with ${smallCount.toLocaleString('en-US')}`,
    versions: versions(browser),
    memory: memoryMethod(),
    runs,
    pages: pageRows,
    problems: [...new Set(problems)],
  });
  console.log(report);
  // The figures of `bench/shapes.bench.ts` are its own to update; they stay.
  const previous = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '';
  const shapesAt = previous.indexOf('\n## Pathological shapes');
  writeFileSync(`${resultsPath}.tmp`, shapesAt === -1 ? report : `${report.trimEnd()}\n${previous.slice(shapesAt)}`);
  renameSync(`${resultsPath}.tmp`, resultsPath);
  log(`wrote ${resultsPath}`);
  return problems.length > 0 ? 1 : 0;
}

async function weighPages(root: string, build: Step, chromiumMissing: string | undefined): Promise<{ rows: PageRow[]; browser?: string }> {
  const pages = [
    { page: 'home page `/`', path: '', target: 150_000 },
    { page: 'action items `/action-items/`', path: 'action-items/', target: 300_000 },
    { page: 'dashboard `/dashboard/`', path: 'dashboard/', target: 200_000 },
  ];
  const searchRow = { page: `one search query after the home page loaded (“${options.query}”)`, target: 300_000 };
  const why = chromiumMissing ?? (failure(build) ? `the build failed: ${failure(build)}` : undefined);
  if (why) return { rows: [...pages, searchRow].map(({ page, target }) => ({ page, target, failure: why })) };
  const server = await serveSite(join(root, '_site'), pathPrefix(root));
  const browser = await launchChromium();
  try {
    const rows: PageRow[] = [];
    for (const { page, path, target } of pages) {
      log(`weighing ${page} ...`);
      const weight: Weight = await weighPage(browser, server.url, path);
      rows.push({ page, target, weight, failure: weight.failure });
    }
    log('weighing one search query ...');
    const weight = await weighSearch(browser, server.url, options.query);
    rows.push({ ...searchRow, weight, failure: weight.failure });
    return { rows, browser: `Chromium ${browser.version()}` };
  } finally {
    await browser.close();
    await server.close();
  }
}

const exitCode = await main().finally(() => {
  if (options.keep) log(`kept the corpora in ${folders.join(' and ')}`);
  else for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
process.exitCode = exitCode;
