import { describe, expect, it } from 'vitest';
import { edit, findings, validPostmortem } from '../helpers/lint.js';

/**
 * One mistake, one finding: each fixture is the valid postmortem with a single slip, and what the
 * linter says about it stands on at most a few lines (a cascade of findings hides the one to mend).
 */
const defects: Array<[string, string]> = [
  ['a YAML indentation slip in a mapping', edit(validPostmortem, '  revenue_loss:\n', ' revenue_loss:\n')],
  ['a YAML indentation slip in a nested mapping', edit(validPostmortem, '    currency: USD\n', '   currency: USD\n')],
  ['a key indented under a scalar', edit(validPostmortem, 'status: published\n', 'status: published\n  services2: x\n')],
  ['a tab in the YAML indentation', edit(validPostmortem, '  users_affected: 1032\n', '\tusers_affected: 1032\n')],
  ['an unclosed double quote', edit(validPostmortem, 'title: Checkout outage', 'title: "Checkout outage')],
  ['an unclosed single quote', edit(validPostmortem, 'title: Checkout outage', "title: 'Checkout outage")],
  ['an unclosed flow list', edit(validPostmortem, 'services:\n  - checkout-api\n', 'services: [checkout-api\n')],
  ['a missing colon', edit(validPostmortem, 'severity: SEV1', 'severity SEV1')],
  ['a duplicate key', edit(validPostmortem, 'status: published\n', 'status: published\nstatus: draft\n')],
  ['a missing closing frontmatter fence', edit(validPostmortem, 'currency: USD\n---\n', 'currency: USD\n\n')],
  ['an unknown severity', edit(validPostmortem, 'severity: SEV1', 'severity: SEV9')],
  ['a date that does not exist', edit(validPostmortem, 'date: 2026-03-04', 'date: 2026-02-30')],
  ['a misspelt key', edit(validPostmortem, 'authors:', 'autors:')],
  ['a table row with a cell missing', edit(validPostmortem, '| Alice | 2026-03-07 | done | detect |', '| Alice | done | detect |')],
  ['a table row with an empty cell', edit(validPostmortem, '| Alice | 2026-03-07 |', '|  | 2026-03-07 |')],
  ['a table row without pipes', edit(validPostmortem, '| Add pool metrics to the dashboard | Alice | 2026-03-07 | done | detect |', 'Add pool metrics to the dashboard, Alice, 2026-03-07')],
  ['a broken delimiter row', edit(validPostmortem, '|---|---|---|---|---|', '|---|---|---|---|')],
  ['a timeline out of order', edit(validPostmortem, '- 15:10 UTC - Rollback starts\n- 15:20 UTC', '- 15:20 UTC - Rollback starts\n- 15:10 UTC')],
  ['a timeline entry without a time', edit(validPostmortem, '- 15:10 UTC - Rollback starts', '- Rollback starts')],
  ['a timeline entry at a time that does not exist', edit(validPostmortem, '15:10 UTC', '25:10 UTC')],
  ['a missing section', edit(validPostmortem, '## What Went Well\n\nThe alert fired within two minutes of impact.\n\n', '')],
  ['a misspelt section', edit(validPostmortem, '## Root Cause', '## Root Cuase')],
  ['sections out of order', edit(edit(validPostmortem, '## Impact\n\n1,247 checkout attempts failed, from 1,032 customers.\n\n', ''), '## Root Cause', '## Impact\n\n1,247 checkout attempts failed, from 1,032 customers.\n\n## Root Cause')],
  ['a heading one level too deep', edit(validPostmortem, '## Lessons Learned', '### Lessons Learned')],
  ['a due date before the incident', edit(validPostmortem, '2026-03-07', '2026-03-01')],
  ['an unknown status', edit(validPostmortem, '| done | detect |', '| finished | detect |')],
  ['blaming words', edit(validPostmortem, 'The alert fired', 'The on-call engineer failed to act, but the alert fired')],
  ['a placeholder left in', edit(validPostmortem, 'Rollback starts', 'TODO')],
];

describe('one defect, findings on a few lines', () => {
  it.each(defects)('%s', (_name, text) => {
    const found = findings(text);
    const lines = new Set(found.map((finding) => finding.line));
    expect(found.length).toBeGreaterThan(0);
    expect(lines.size, JSON.stringify(found, null, 1)).toBeLessThanOrEqual(2);
  });
});

describe('a YAML syntax error', () => {
  it('gives one finding, at the first error, however much YAML the parser then misreads', () => {
    const text = edit(validPostmortem, 'severity: SEV1', 'severity: "SEV1\n  broken: [');
    // Line 4 opens the quote that is never closed.
    expect(findings(text)).toEqual([expect.objectContaining({ ruleId: 'syntax', line: 4, column: 11, message: 'Invalid YAML: Missing closing "quote' })]);
  });

  it('gives one finding for two errors, the first', () => {
    const text = edit(edit(validPostmortem, 'status: published', 'status: [published'), 'resolved_at: 2026', 'resolved_at: {2026');
    // The parser notices the unclosed `[` of line 5 where line 6 starts.
    expect(findings(text)).toEqual([expect.objectContaining({ ruleId: 'syntax', line: 6, message: expect.stringMatching(/^Invalid YAML: Flow sequence/) })]);
  });
});
