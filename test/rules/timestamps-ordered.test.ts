import { describe, expect, it } from 'vitest';
import { edit, findings, validPostmortem } from '../helpers/lint.js';

const ruleId = 'timestamps-ordered';

describe('timestamps-ordered', () => {
  it('accepts milestones in order, equal ones, and missing optional ones', () => {
    expect(findings(validPostmortem, { ruleId })).toEqual([]);
    const equal = edit(validPostmortem, 'detected_at: 2026-03-04T14:34:00Z', 'detected_at: 2026-03-04T14:32:00Z');
    expect(findings(equal, { ruleId })).toEqual([]);
    const fewer = edit(validPostmortem, /detected_at: .*\nacknowledged_at: .*\n/, '');
    expect(findings(fewer, { ruleId })).toEqual([]);
  });

  it('points at the later key, with the earlier key as the cause', () => {
    const text = edit(validPostmortem, 'detected_at: 2026-03-04T14:34:00Z', 'detected_at: 2026-03-04T14:30:00Z'); // line 11
    expect(findings(text, { ruleId })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 11,
        column: 14,
        message: 'Unexpected `detected_at` `2026-03-04T14:30:00Z` before `started_at` `2026-03-04T14:32:00Z`, expected it at or after `started_at`',
        cause: { line: 10, column: 13, message: '`started_at` is set here' },
      },
    ]);
  });

  it('blames one wrong milestone once, not every key after it', () => {
    const text = edit(validPostmortem, 'acknowledged_at: 2026-03-04T14:36:00Z', 'acknowledged_at: 2026-03-04T16:00:00Z'); // line 12
    expect(findings(text, { ruleId })).toEqual([
      expect.objectContaining({ line: 13, column: 15, message: expect.stringMatching(/^Unexpected `mitigated_at` .* before `acknowledged_at`/) }),
    ]);
  });

  it('compares instants, whatever their offsets', () => {
    // 16:00 at +02:00 is 14:00 UTC, before the acknowledgement at 14:36 UTC.
    const text = edit(validPostmortem, 'mitigated_at: 2026-03-04T15:20:00Z', 'mitigated_at: 2026-03-04T16:00:00+02:00');
    expect(findings(text, { ruleId })).toEqual([expect.objectContaining({ line: 13, column: 15 })]);
    const later = edit(validPostmortem, 'resolved_at: 2026-03-04T15:45:00Z', 'resolved_at: 2026-03-04T17:45:00+02:00'); // 15:45 UTC
    expect(findings(later, { ruleId })).toEqual([]);
  });

  it('skips values that are not date-times (the schema rule reports them)', () => {
    expect(findings(edit(validPostmortem, 'detected_at: 2026-03-04T14:34:00Z', 'detected_at: soon'), { ruleId })).toEqual([]);
  });
});
