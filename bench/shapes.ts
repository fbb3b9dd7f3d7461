import { lintPostmortems } from '../src/lint/engine.js';
import { parsePostmortem, type ParseOptions } from '../src/parse/postmortem.js';
import { testConfig, validFile } from '../test/helpers/lint.js';
import { countForSize, shapes, type Shape } from '../test/helpers/shapes.js';

export interface ShapeTiming {
  name: string;
  bytes: number;
  /** Parse and rules, as `hindsight lint` does per file. */
  lintSeconds: number;
  /** Parse with rendering, as `hindsight build` does per file. */
  renderSeconds: number;
  findings: number;
}

const encoder = new TextEncoder();

function seconds(work: () => unknown): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

/** Times one shape's text, once for lint and once for parse+render. */
export function timeShape(name: string, text: string, limits?: ParseOptions['limits']): ShapeTiming {
  const bytes = encoder.encode(text);
  const config = testConfig();
  let findings = 0;
  const lintSeconds = seconds(() => {
    const postmortem = parsePostmortem(validFile, bytes, limits ? { limits } : {});
    findings = lintPostmortems([postmortem], { config, asOf: '2026-06-01', absolutePath: () => `/repo/${validFile}` })[0]?.result.messages.length ?? 0;
  });
  const renderSeconds = seconds(() => parsePostmortem(validFile, bytes, { render: true, ...(limits ? { limits } : {}) }));
  return { name, bytes: bytes.length, lintSeconds, renderSeconds, findings };
}

/** Each shape at the size the issue measured it, or scaled to `bytes` (with the size limit raised to fit). */
export function timeShapes(selected: readonly Shape[], bytes?: number): ShapeTiming[] {
  return selected.map((shape) => {
    const text = shape.make(bytes === undefined ? shape.count : countForSize(shape, bytes));
    return timeShape(shape.name, text);
  });
}

export function formatTiming({ name, bytes, lintSeconds, renderSeconds, findings }: ShapeTiming): string {
  return `${name.padEnd(34)} ${(bytes / 1e6).toFixed(2).padStart(6)} MB  lint ${lintSeconds.toFixed(2).padStart(6)} s  parse+render ${renderSeconds.toFixed(2).padStart(6)} s  ${findings} findings`;
}

export { shapes };
