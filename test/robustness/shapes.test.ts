import { describe, expect, it } from 'vitest';
import { lintPostmortems } from '../../src/lint/engine.js';
import { defaultLimits, type ParseLimits } from '../../src/parse/limits.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { renderBody } from '../../src/render/markdown.js';
import { testConfig, validFile } from '../helpers/lint.js';
import { countForSize, shapes, withinLimits, type Shape } from '../helpers/shapes.js';

/**
 * Every pathological shape, placed in a valid postmortem: lint and render give placed findings or
 * a clean result and never throw. Vitest's timeout is the hang guard; `bench/shapes.ts` measures
 * the times (`npx vitest bench --run bench/shapes.bench.ts`).
 */
const encoder = new TextEncoder();
const hangGuard = 120_000;

describe.each(shapes)('$name', (shape) => {
  it('lints with every finding placed inside the file', { timeout: hangGuard }, () => {
    const bytes = encoder.encode(shape.make(countForSize(shape, 64_000)));
    const postmortem = parsePostmortem(validFile, bytes);
    const [linted] = lintPostmortems([postmortem], { config: testConfig(), asOf: '2026-06-01', absolutePath: () => `/repo/${validFile}` });
    for (const message of linted?.result.messages ?? []) {
      expect(message.ruleId).toBeTruthy();
      expect(message.line).toBeGreaterThanOrEqual(1);
      expect(message.line).toBeLessThanOrEqual(postmortem.lines + 1);
    }
  });

  it('renders, or says why not', { timeout: hangGuard }, () => {
    const postmortem = parsePostmortem(validFile, encoder.encode(shape.make(countForSize(shape, 16_000))), { render: renderBody });
    expect(postmortem.body !== undefined || postmortem.syntax.length > 0).toBe(true);
  });
});

/** The shapes whose parse and render took longest at the size limit before the limits on lines, paragraphs, table cells and nesting. */
const slowest = ['wide header, short rows', 'nested blockquote lines', 'wide table', 'GFM table blow-up', 'long table', 'short lines', 'headings', 'nested list endings'];
const shapeNamed = (name: string): Shape => {
  const shape = shapes.find((candidate) => candidate.name === name);
  if (!shape) throw new Error(`no shape ${name}`);
  return shape;
};
/** Just under the size limit, as `bench/shapes.bench.ts` measures them. */
const atSizeLimit = defaultLimits.maxFileBytes - 4_096;

/** Lints and parses for the site, as `hindsight build` does; every finding must stand inside the file, on a line and column it has. */
function lintAndRender(text: string, limits: ParseLimits = defaultLimits): string[] {
  const postmortem = parsePostmortem(validFile, encoder.encode(text), { render: renderBody, limits });
  const [linted] = lintPostmortems([postmortem], { config: testConfig({ limits }), asOf: '2026-06-01', absolutePath: () => `/repo/${validFile}` });
  const lines = text.split('\n');
  const messages = linted?.result.messages ?? [];
  for (const message of messages) {
    expect(message.ruleId).toBeTruthy();
    expect(message.line).toBeGreaterThanOrEqual(1);
    expect(message.line).toBeLessThanOrEqual(lines.length);
    expect(message.column).toBeGreaterThanOrEqual(1);
    expect(message.column).toBeLessThanOrEqual((lines[(message.line ?? 1) - 1]?.length ?? 0) + 1);
  }
  // A file with a syntax finding is not published; any other renders.
  expect(postmortem.body !== undefined || postmortem.syntax.length > 0).toBe(true);
  return messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`);
}

describe.each(slowest)('%s, just under the size limit', (name) => {
  it('gives a placed finding where a limit is crossed', { timeout: hangGuard }, () => {
    expect(lintAndRender(shapeNamed(name).make(countForSize(shapeNamed(name), atSizeLimit)))).toEqual([expect.stringMatching(/^\d+:\d+ syntax Unexpected .*, expected at most /)]);
  });
});

describe('each limit bounds the shapes it is for, without the others', () => {
  const unbounded = 1_000_000_000;
  it.each([
    ['short lines', 'maxParagraphLines'],
    ['nested blockquote lines', 'maxParagraphLines'],
    ['GFM table blow-up', 'maxParagraphLines'],
    ['wide header, short rows', 'maxTableCells'],
    ['long table', 'maxTableCells'],
    ['wide table', 'maxTableCells'],
    ['headings', 'maxLines'],
    ['nested list endings', 'maxNestingWork'],
  ] as const)('%s: `%s`', { timeout: hangGuard }, (name, key) => {
    const limits = { ...defaultLimits, maxLines: unbounded, maxParagraphLines: unbounded, maxTableCells: unbounded, maxNestingWork: unbounded, [key]: defaultLimits[key] };
    expect(lintAndRender(shapeNamed(name).make(countForSize(shapeNamed(name), atSizeLimit)), limits)).toEqual([expect.stringContaining(`raise \`limits.${key}\``)]);
  });
});

describe.each(withinLimits)('$name, within every limit', (shape) => {
  it('lints and renders clean', { timeout: hangGuard }, () => {
    expect(lintAndRender(shape.make(Math.ceil(shape.count / 10)))).toEqual([]);
  });
});
