import { describe, expect, it } from 'vitest';
import json from '../../src/report/json.js';
import { clean, context, results } from './results.js';

describe('json', () => {
  it("prints ESLint's JSON shape", async () => {
    const output = json(results, context);
    await expect(output).toMatchFileSnapshot('__snapshots__/json.json');
    const [first] = JSON.parse(output) as Array<Record<string, unknown>>;
    expect(first).toMatchObject({ filePath: '/repo/postmortems/2026-03-04-checkout-outage.md', errorCount: 2, warningCount: 1 });
    expect((first?.messages as unknown[])[0]).toEqual({
      ruleId: 'schema',
      severity: 2,
      message: 'Unexpected `SEV5` for `severity`, expected one of `SEV1`..`SEV4`',
      line: 4,
      column: 11,
      endLine: 4,
      endColumn: 15,
      url: 'https://github.com/hindsight-postmortems/hindsight/blob/main/docs/rules/schema.md',
    });
    expect((first?.messages as Array<{ severity: number }>)[1]?.severity).toBe(1);
  });

  it('lists clean files with no messages, and nothing at all as an empty list', () => {
    expect(JSON.parse(json(clean, context))).toEqual([
      { filePath: '/repo/postmortems/2026-04-10-clean.md', messages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 },
    ]);
    expect(json([], context)).toBe('[]\n');
  });
});
