import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import sarif from '../../src/report/sarif.js';
import { clean, context, message, result, results } from './results.js';

/**
 * The OASIS SARIF 2.1.0 schema (JSON Schema draft-07), as published with the committee specification
 * (oasis-tcs/sarif-spec, `Documents/CommitteeSpecifications/2.1.0/sarif-schema-2.1.0.json`); kept in the
 * repository so the test never needs the network. No npm package ships this file.
 */
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = formats as unknown as typeof formats.default;
// The schema is third-party: strict mode would reject its harmless extras (such as `default` on `items`).
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function log(output: string): Log {
  return JSON.parse(output) as Log;
}

describe('sarif', () => {
  it('prints SARIF 2.1.0 that the official schema accepts', async () => {
    const output = sarif(results, context);
    await expect(output).toMatchFileSnapshot('__snapshots__/sarif.json');
    expect(validate(log(output)), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('describes each rule once and points every result at its rule and place', () => {
    const [run] = log(sarif(results, context)).runs;
    expect(run?.tool.driver).toMatchObject({ name: 'hindsight', version: '1.2.3', informationUri: 'https://github.com/hindsight-postmortems/hindsight' });
    expect(run?.tool.driver.rules?.map((rule) => [rule.id, rule.defaultConfiguration?.level, rule.helpUri])).toEqual([
      ['syntax', 'error', 'https://github.com/hindsight-postmortems/hindsight/blob/main/docs/rules/syntax.md'],
      ['schema', 'error', 'https://github.com/hindsight-postmortems/hindsight/blob/main/docs/rules/schema.md'],
      ['timeline-chronological', 'warning', 'https://github.com/hindsight-postmortems/hindsight/blob/main/docs/rules/timeline-chronological.md'],
    ]);
    const driverRules = run?.tool.driver.rules ?? [];
    for (const item of run?.results ?? []) expect(driverRules[item.ruleIndex ?? -1]?.id).toBe(item.ruleId);
    expect(run?.results?.[1]).toMatchObject({
      ruleId: 'timeline-chronological',
      level: 'warning',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'postmortems/2026-03-04-checkout-outage.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 33, startColumn: 1, endLine: 33, endColumn: 52 },
          },
        },
      ],
      relatedLocations: [{ message: { text: 'The earlier entry' }, physicalLocation: { region: { startLine: 32 } } }],
    });
  });

  it('names a file outside the working directory by its absolute file URI', () => {
    const outside = result('/elsewhere/notes/2026 draft.md', [
      message({ ruleId: 'syntax', error: true, reason: 'The file is binary, expected UTF-8 Markdown text', place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }),
    ]);
    const output = sarif([outside], context);
    expect(log(output).runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation).toEqual({ uri: 'file:///elsewhere/notes/2026%20draft.md' });
    expect(validate(log(output)), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('prints a valid log with no results when there is nothing to report', () => {
    for (const input of [clean, []]) {
      const output = log(sarif(input, context));
      expect(output.runs[0]?.results).toEqual([]);
      expect(validate(output), ajv.errorsText(validate.errors)).toBe(true);
    }
  });
});
