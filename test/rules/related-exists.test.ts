import { describe, expect, it } from 'vitest';
import { edit, findings, validPostmortem } from '../helpers/lint.js';

const ruleId = 'related-exists';
const inventory = { file: 'postmortems/2025-06-03-inventory-oversell.md', text: validPostmortem };

/** The valid postmortem with a `related` list; its items are on lines 21 onwards, values at column 5. */
function relatedTo(...ids: string[]): string {
  return edit(validPostmortem, '    currency: USD\n---', `    currency: USD\nrelated:\n${ids.map((id) => `  - ${id}`).join('\n')}\n---`);
}

describe('related-exists', () => {
  it('accepts ids of postmortems in the folder', () => {
    expect(findings(relatedTo('2025-06-03-inventory-oversell'), { ruleId, others: [inventory] })).toEqual([]);
  });

  it('points at the list item that names no postmortem', () => {
    expect(findings(relatedTo('2025-06-03-inventory-oversell', '2024-01-01-gone'), { ruleId, others: [inventory] })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 22,
        column: 5,
        message: 'Unexpected `related` id `2024-01-01-gone`, expected the id of a postmortem in the folder (its file name without `.md`)',
      },
    ]);
  });

  it('suggests the id a typo meant', () => {
    expect(findings(relatedTo('2025-06-03-inventory-oversel'), { ruleId, others: [inventory] })).toEqual([
      expect.objectContaining({
        line: 21,
        column: 5,
        message:
          'Unexpected `related` id `2025-06-03-inventory-oversel`, expected the id of a postmortem in the folder (its file name without `.md`), did you mean `2025-06-03-inventory-oversell`?',
      }),
    ]);
  });

  it('reports a postmortem that names itself', () => {
    expect(findings(relatedTo('2026-03-04-checkout-outage'), { ruleId })).toEqual([
      expect.objectContaining({
        line: 21,
        column: 5,
        message: 'Unexpected `related` id `2026-03-04-checkout-outage`, the id of this postmortem itself, expected the ids of other postmortems',
      }),
    ]);
  });

  it('leaves items that are not text to the schema rule', () => {
    expect(findings(relatedTo('42', '{ id: x }'), { ruleId })).toEqual([]);
  });
});
