import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { lintPostmortems } from '../src/lint/engine.js';
import { defaultLimits } from '../src/parse/limits.js';
import { parsePostmortem } from '../src/parse/postmortem.js';
import { renderBody } from '../src/render/markdown.js';
import { testConfig, validFile } from '../test/helpers/lint.js';
import { countForSize, shapes, withinLimits, type Shape } from '../test/helpers/shapes.js';
import { measure, type Measured } from './measure.js';

// `npx tsc -p tsconfig.build.json && npx vitest bench --run bench/shapes.bench.ts`: each
// pathological shape of `test/helpers/shapes.ts`, grown to just under the default size limit and
// placed in a folder of its own, timed as users run it: `hindsight lint` and `hindsight build`,
// each its own process of the compiled CLI, wall and CPU seconds (the machine may be shared).
// Then the largest inputs within every limit the same way, and in-process at half and at full
// size: below the limits the time grows linearly. Each shape is also timed in-process, parse and rules (as lint does per
// file) and parse and render (as build does), printed only.
//
// HINDSIGHT_BENCH_BASELINE=DIR times a compiled checkout of another commit the same way, shape by
// shape in the same run, beside this one (HINDSIGHT_BENCH_BASELINE_LABEL names it in the table). HINDSIGHT_BENCH_SHAPES="name;name" picks shapes (all by
// default); HINDSIGHT_BENCH_SHAPE_BYTES sets another size (the size limit is raised to fit). The
// table is printed and written to the "Pathological shapes" section of bench/RESULTS.md. Nothing
// here asserts a time.

const bytes = Number(process.env.HINDSIGHT_BENCH_SHAPE_BYTES ?? defaultLimits.maxFileBytes - 4_096);
const limits = { ...defaultLimits, maxFileBytes: Math.max(defaultLimits.maxFileBytes, bytes + 4_096) };
const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };
const encoder = new TextEncoder();
const packageRoot = resolve(import.meta.dirname, '..');
const resultsPath = join(packageRoot, 'bench', 'RESULTS.md');
const baseline = process.env.HINDSIGHT_BENCH_BASELINE ? resolve(process.env.HINDSIGHT_BENCH_BASELINE) : undefined;
const picked = process.env.HINDSIGHT_BENCH_SHAPES?.split(';').map((name) => name.trim());
const pick = (list: readonly Shape[]) => list.filter((shape) => !picked || picked.includes(shape.name));
const asOf = '2026-06-01';
const loadAtStart = loadavg();

/** Wall-clock and CPU seconds (the process's, all threads): on a busy machine the CPU time says more. */
function seconds(work: () => unknown): string {
  const started = performance.now();
  const cpu = process.cpuUsage();
  work();
  const { user, system } = process.cpuUsage(cpu);
  return `${((performance.now() - started) / 1000).toFixed(2)} s (CPU ${((user + system) / 1e6).toFixed(2)} s)`;
}

interface Timed {
  lint: Measured;
  build: Measured;
  /** The first finding `lint --format json` printed, or `clean`. */
  result: string;
}

/** `hindsight lint` and `hindsight build` of `bin` on a folder that holds `text` as its one postmortem. */
async function timeCli(bin: string, text: string): Promise<Timed> {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-shape-'));
  try {
    mkdirSync(join(root, dirname(validFile)), { recursive: true });
    writeFileSync(join(root, validFile), text);
    const lint = await measure(process.execPath, [bin, 'lint', '--no-cache', '--quiet', '--format', 'json', '--as-of', asOf], root);
    const build = await measure(process.execPath, [bin, 'build', '--quiet', '--as-of', asOf, '--out', join(root, '_site')], root);
    return { lint, build, result: firstFinding(lint) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function firstFinding(lint: Measured): string {
  if (lint.status === 0) return 'clean';
  try {
    const [file] = JSON.parse(lint.tail.slice(lint.tail.indexOf('['))) as Array<{ messages: Array<{ line: number; column: number; message: string }> }>;
    const [message] = file?.messages ?? [];
    if (message) return `${message.line}:${message.column} ${message.message.replace(/ \(raise .*/, '')}`;
  } catch {
    // The output was cut to its tail; say what is known.
  }
  return `exit ${lint.status}`;
}

const time = (run: Measured) => `${run.seconds.toFixed(2)} s${run.cpuSeconds === undefined ? '' : ` (CPU ${run.cpuSeconds.toFixed(2)} s)`}`;
const rows: string[][] = [];
const linearity: string[][] = [];

async function row(name: string, text: string): Promise<Timed> {
  const current = await timeCli(join(packageRoot, 'bin', 'hindsight.js'), text);
  const before = baseline ? await timeCli(join(baseline, 'bin', 'hindsight.js'), text) : undefined;
  const size = `${(encoder.encode(text).length / 1e6).toFixed(2)} MB`;
  rows.push([name, size, time(current.lint), time(current.build), current.result, ...(before ? [time(before.lint), time(before.build), before.result] : [])]);
  return current;
}

describe(`pathological shapes at ${(bytes / 1e6).toFixed(2)} MB`, () => {
  for (const shape of pick(shapes)) {
    bench(
      shape.name,
      async () => {
        const text = shape.make(countForSize(shape, bytes));
        const utf8 = encoder.encode(text);
        let findings = 0;
        const lint = seconds(() => {
          const postmortem = parsePostmortem(validFile, utf8, { limits });
          findings = lintPostmortems([postmortem], { config: testConfig(), asOf, absolutePath: () => `/repo/${validFile}` })[0]?.result.messages.length ?? 0;
        });
        const render = seconds(() => parsePostmortem(validFile, utf8, { render: renderBody, limits }));
        console.log(`${shape.name}: ${(utf8.length / 1e6).toFixed(2)} MB, in-process lint ${lint}, parse+render ${render}, ${findings} findings`);
        const { lint: cliLint, build } = await row(shape.name, text);
        console.log(`${shape.name}: hindsight lint ${time(cliLint)}, hindsight build ${time(build)}`);
      },
      once,
    );
  }
});

describe('within every limit', () => {
  for (const shape of pick(withinLimits)) {
    bench(
      shape.name,
      async () => {
        // Linearity in-process, where the parse and render are all that grows: the CPU seconds of
        // lint and of parse and render at half and at full size, the least of two runs each.
        const cpuOf = (work: () => unknown) => {
          const cpu = process.cpuUsage();
          work();
          const { user, system } = process.cpuUsage(cpu);
          return (user + system) / 1e6;
        };
        const costs = (count: number) => {
          const utf8 = encoder.encode(shape.make(count));
          const lint = () => lintPostmortems([parsePostmortem(validFile, utf8)], { config: testConfig(), asOf, absolutePath: () => `/repo/${validFile}` });
          const build = () => parsePostmortem(validFile, utf8, { render: renderBody });
          return { lint: Math.min(cpuOf(lint), cpuOf(lint)), build: Math.min(cpuOf(build), cpuOf(build)) };
        };
        const half = costs(Math.floor(shape.count / 2));
        const full = costs(shape.count);
        linearity.push([shape.name, `${half.lint.toFixed(2)} s → ${full.lint.toFixed(2)} s`, (full.lint / half.lint).toFixed(2), `${half.build.toFixed(2)} s → ${full.build.toFixed(2)} s`, (full.build / half.build).toFixed(2)]);
        await row(shape.name, shape.make(shape.count));
      },
      once,
    );
  }
});

function commitOf(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Not a checkout: the date and the machine still place the figures.
    return undefined;
  }
}

function table(header: string[], body: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

afterAll(() => {
  if (rows.length === 0) return;
  const header = ['shape', 'size', '`hindsight lint`', '`hindsight build`', 'result', ...(baseline ? ['baseline lint', 'baseline build', 'baseline result'] : [])];
  const cpu = cpus();
  const commit = commitOf(packageRoot);
  const before = baseline ? (process.env.HINDSIGHT_BENCH_BASELINE_LABEL ?? commitOf(baseline) ?? baseline) : undefined;
  const section = `## Pathological shapes

Measured by \`npx vitest bench --run bench/shapes.bench.ts\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${commit ? ` at commit ${commit}` : ''}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), load average ${loadAtStart.map((load) => load.toFixed(2)).join(' ')} at the start, ${loadavg().map((load) => load.toFixed(2)).join(' ')} at the end.
Each shape of \`test/helpers/shapes.ts\` is the one postmortem of a folder of its own; \`hindsight lint --no-cache\` and \`hindsight build\` run on it as processes of the compiled CLI, wall time and, in brackets, CPU seconds of the process and its children.${before ? ` The baseline columns are ${before}, compiled, run right after each row.` : ''} A build refuses a file with findings after linting it.

${table(header, rows)}
${
  linearity.length === 0
    ? ''
    : `
The rows after the pathological shapes are the largest inputs within every default limit. In-process, at half and at full size, the CPU seconds of parse and rules (as \`lint\` does per file) and of parse and render (as \`build\` does), the least of two runs; a ratio of 2.00 is linear:

${table(['shape', 'lint, half → full', 'ratio', 'parse and render, half → full', 'ratio'], linearity)}
`
}`;
  const old = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark results\n';
  const start = old.indexOf('\n## Pathological shapes');
  const kept = start === -1 ? old.trimEnd() : old.slice(0, start).trimEnd();
  writeFileSync(resultsPath, `${kept}\n\n${section.trimEnd()}\n`);
  console.log(`\n${section}\nwrote ${resultsPath}`);
});
