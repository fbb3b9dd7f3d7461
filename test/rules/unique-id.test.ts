import { describe, expect, it } from 'vitest';
import { lintFixtures, finding, validFile, validPostmortem, findings } from '../helpers/lint.js';

const ruleId = 'unique-id';

describe('unique-id', () => {
  it('accepts postmortems with different ids', () => {
    const other = { file: 'postmortems/2026-03-05-search-outage.md', text: validPostmortem };
    expect(findings(validPostmortem, { ruleId, others: [other] })).toEqual([]);
  });

  it('reports both files that share an id, each naming the other', () => {
    const first = { file: 'postmortems/2026/2026-03-04-checkout-outage.md', text: validPostmortem };
    const second = { file: validFile, text: validPostmortem };
    const messages = lintFixtures([first, second]).map(({ result }) => result.messages.filter((message) => message.ruleId === ruleId).map(finding));
    expect(messages).toEqual([
      [
        {
          ruleId,
          severity: 'error',
          line: 1,
          column: 1,
          message:
            "Unexpected id `2026-03-04-checkout-outage`, also the id of `postmortems/2026-03-04-checkout-outage.md`, expected each postmortem's file name to be unique",
        },
      ],
      [expect.objectContaining({ line: 1, column: 1, message: expect.stringContaining('also the id of `postmortems/2026/2026-03-04-checkout-outage.md`') })],
    ]);
  });

  it('reports ids that differ only in letter case', () => {
    const other = { file: 'archive/2026-03-04-Checkout-Outage.md', text: validPostmortem };
    expect(findings(validPostmortem, { ruleId, others: [other] })).toEqual([
      expect.objectContaining({
        line: 1,
        column: 1,
        message:
          'Unexpected id `2026-03-04-checkout-outage`, differing only in case from `archive/2026-03-04-Checkout-Outage.md`, expected ids unique ignoring case (case-insensitive file systems and URLs mix them up)',
      }),
    ]);
  });
});
