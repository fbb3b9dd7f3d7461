import { describe, expect, it } from 'vitest';
import { lintPostmortems } from '../../src/lint/engine.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { testConfig, validFile } from '../helpers/lint.js';
import { countForSize, shapes } from '../helpers/shapes.js';

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
    const postmortem = parsePostmortem(validFile, encoder.encode(shape.make(countForSize(shape, 16_000))), { render: true });
    expect(postmortem.body !== undefined || postmortem.syntax.length > 0).toBe(true);
  });
});
