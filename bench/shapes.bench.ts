import { bench, describe } from 'vitest';
import { lintPostmortems } from '../src/lint/engine.js';
import { defaultLimits } from '../src/parse/limits.js';
import { parsePostmortem } from '../src/parse/postmortem.js';
import { testConfig, validFile } from '../test/helpers/lint.js';
import { countForSize, shapes } from '../test/helpers/shapes.js';

// `npx vitest bench --run bench/shapes.bench.ts` (also part of `npm run bench`): each pathological
// shape of `test/helpers/shapes.ts`, grown to just under the default size limit, timed once for
// lint (parse and rules, as `hindsight lint` does per file) and once for parse+render (as
// `hindsight build` does per file). HINDSIGHT_BENCH_SHAPE_BYTES sets another size (the size limit
// is raised to fit). Nothing here asserts a time.

const bytes = Number(process.env.HINDSIGHT_BENCH_SHAPE_BYTES ?? defaultLimits.maxFileBytes - 4_096);
const limits = { ...defaultLimits, maxFileBytes: Math.max(defaultLimits.maxFileBytes, bytes + 4_096) };
const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };
const encoder = new TextEncoder();

/** Wall-clock and CPU seconds (the process's, all threads): on a busy machine the CPU time says more. */
function seconds(work: () => unknown): string {
  const started = performance.now();
  const cpu = process.cpuUsage();
  work();
  const { user, system } = process.cpuUsage(cpu);
  return `${((performance.now() - started) / 1000).toFixed(2)} s (CPU ${((user + system) / 1e6).toFixed(2)} s)`;
}

describe(`pathological shapes at ${(bytes / 1e6).toFixed(2)} MB`, () => {
  for (const shape of shapes) {
    bench(shape.name, () => {
      const text = encoder.encode(shape.make(countForSize(shape, bytes)));
      let findings = 0;
      const lint = seconds(() => {
        const postmortem = parsePostmortem(validFile, text, { limits });
        findings = lintPostmortems([postmortem], { config: testConfig(), asOf: '2026-06-01', absolutePath: () => `/repo/${validFile}` })[0]?.result.messages.length ?? 0;
      });
      const render = seconds(() => parsePostmortem(validFile, text, { render: true, limits }));
      console.log(`${shape.name}: ${(text.length / 1e6).toFixed(2)} MB, lint ${lint}, parse+render ${render}, ${findings} findings`);
    }, once);
  }
});
