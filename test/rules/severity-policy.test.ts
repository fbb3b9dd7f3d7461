import { describe, expect, it } from 'vitest';
import { defaultSeverities } from '../../src/config/config.js';
import { edit, findings, testConfig, validPostmortem } from '../helpers/lint.js';

const ruleId = 'severity-policy';

describe('severity-policy', () => {
  it('accepts a SEV1 whose open items are due within 15 days and that has prevent and detect items', () => {
    expect(findings(validPostmortem, { ruleId })).toEqual([]);
    expect(findings(edit(validPostmortem, '| Bob | 2026-03-14 |', '| Bob | 2026-03-19 |'), { ruleId })).toEqual([]);
  });

  it('warns at the due cell of a SEV1 item due more than 15 days after `date`', () => {
    const text = edit(validPostmortem, '| Bob | 2026-03-14 |', '| Bob | 2026-03-20 |');
    expect(findings(text, { ruleId })).toEqual([
      {
        ruleId,
        severity: 'warn',
        line: 54,
        column: 39,
        message:
          'Unexpected due date `2026-03-20` for `Load test the checkout flow` of a SEV1 incident, expected at most 15 days after `date` `2026-03-04` (by `2026-03-19`)',
      },
    ]);
  });

  it('holds SEV2 to 30 days, leaves SEV3 free, and skips items already done or dropped', () => {
    const late = edit(validPostmortem, '| Bob | 2026-03-14 |', '| Bob | 2026-04-04 |'); // 31 days
    expect(findings(edit(late, 'severity: SEV1', 'severity: SEV2'), { ruleId })).toEqual([
      expect.objectContaining({ line: 54, message: expect.stringContaining('expected at most 30 days after `date` `2026-03-04` (by `2026-04-03`)') }),
    ]);
    expect(findings(edit(late, 'severity: SEV1', 'severity: SEV3'), { ruleId })).toEqual([]);
    expect(findings(edit(late, '| in-progress |', '| done |'), { ruleId })).toEqual([]);
    expect(findings(edit(late, '| in-progress |', '| wont-do |'), { ruleId })).toEqual([]);
  });

  it('warns at the Type header when a SEV1 has no prevent or detect item', () => {
    const text = edit(edit(validPostmortem, '| done | detect |', '| done | process |'), '| in-progress | prevent |', '| in-progress | mitigate |');
    expect(findings(text, { ruleId })).toEqual([
      {
        ruleId,
        severity: 'warn',
        line: 51,
        column: 35,
        message: 'Missing a `prevent` or `detect` action item for a SEV1 incident, expected at least one item whose Type is `prevent` or `detect`',
      },
    ]);
  });

  it('does not count a dropped prevent item, and asks nothing of a table without a Type column', () => {
    const dropped = edit(edit(validPostmortem, '| done | detect |', '| done | process |'), '| in-progress | prevent |', '| wont-do | prevent |');
    expect(findings(dropped, { ruleId })).toEqual([expect.objectContaining({ line: 51, column: 35 })]);
    const untyped = edit(
      dropped,
      /\| Action \|[^]*?prevent \|\n/,
      '| Action | Owner | Due | Status |\n|---|---|---|---|\n| Add pool metrics to the dashboard | Alice | 2026-03-07 | done |\n',
    );
    expect(findings(untyped, { ruleId })).toEqual([]);
  });

  it('follows the configured severities', () => {
    const config = testConfig({ severities: defaultSeverities.map((severity) => (severity.id === 'SEV1' ? { ...severity, actionItemsDueWithinDays: 7 } : severity)) });
    expect(findings(validPostmortem, { ruleId, config })).toEqual([
      expect.objectContaining({ line: 54, column: 39, message: expect.stringContaining('expected at most 7 days after `date` `2026-03-04` (by `2026-03-11`)') }),
    ]);
  });

  it('is an error when configured so', () => {
    const config = testConfig({ rules: { [ruleId]: { level: 'error', options: {} } } });
    const text = edit(validPostmortem, '| Bob | 2026-03-14 |', '| Bob | 2026-03-20 |');
    expect(findings(text, { ruleId, config })).toEqual([expect.objectContaining({ severity: 'error', line: 54 })]);
  });
});
