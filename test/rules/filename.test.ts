import { describe, expect, it } from 'vitest';
import { edit, findings, validPostmortem } from '../helpers/lint.js';

const ruleId = 'filename';

describe('filename', () => {
  it('accepts `YYYY-MM-DD-kebab-slug.md` whose date is `date`, in any folder', () => {
    expect(findings(validPostmortem, { ruleId })).toEqual([]);
    expect(findings(validPostmortem, { ruleId, file: 'postmortems/2026/2026-03-04-checkout-outage.md' })).toEqual([]);
  });

  it('reports a name that is not lowercase kebab-case at 1:1, with the name it should have', () => {
    expect(findings(validPostmortem, { ruleId, file: 'postmortems/2026-03-04-Checkout_Outage.md' })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 1,
        column: 1,
        message:
          'Unexpected file name `2026-03-04-Checkout_Outage.md`, expected `YYYY-MM-DD-kebab-slug.md` (a real day, then lowercase words joined by `-`), such as `2026-03-04-checkout-outage.md`',
      },
    ]);
  });

  it.each([
    ['postmortems/checkout-outage.md', 'checkout-outage.md', ', such as `2026-03-04-checkout-outage.md`'],
    ['postmortems/2026-02-30-checkout-outage.md', '2026-02-30-checkout-outage.md', ', such as `2026-03-04-checkout-outage.md`'],
    ['postmortems/2026-03-04-checkout-outage.MD', '2026-03-04-checkout-outage.MD', ', such as `2026-03-04-checkout-outage.md`'],
    ['postmortems/2026-03-04.md', '2026-03-04.md', ''],
  ])('reports %s at 1:1', (file, name, suggestion) => {
    expect(findings(validPostmortem, { ruleId, file })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 1,
        column: 1,
        message: `Unexpected file name \`${name}\`, expected \`YYYY-MM-DD-kebab-slug.md\` (a real day, then lowercase words joined by \`-\`)${suggestion}`,
      },
    ]);
  });

  it('points at the `date` value when it differs from the date in the name', () => {
    const text = edit(validPostmortem, 'date: 2026-03-04', 'date: 2026-03-05'); // line 3, value at column 7
    expect(findings(text, { ruleId })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 3,
        column: 7,
        message:
          "Unexpected `date` `2026-03-05` in a file named `2026-03-04-checkout-outage.md`, expected the file name's date `2026-03-04` (or the file renamed to `2026-03-05-checkout-outage.md`)",
      },
    ]);
  });

  it('leaves an invalid `date` to the schema rule', () => {
    expect(findings(edit(validPostmortem, 'date: 2026-03-04', 'date: March 4'), { ruleId })).toEqual([]);
  });
});
