import { describe, expect, it } from 'vitest';
import { edit, findings, validPostmortem } from '../helpers/lint.js';

const ruleId = 'timeline-chronological';

describe('timeline-chronological', () => {
  it('accepts entries in time order, equal times included', () => {
    expect(findings(validPostmortem, { ruleId })).toEqual([]);
    expect(findings(edit(validPostmortem, '- 15:10 UTC', '- 14:34 UTC'), { ruleId })).toEqual([]);
  });

  it('points at the entry out of order, with the entry before it as the cause', () => {
    const text = edit(validPostmortem, '- 15:10 UTC - Rollback starts', '- 14:20 UTC - Rollback starts'); // line 34
    expect(findings(text, { ruleId })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 34,
        column: 1,
        message: 'Unexpected `14:20 UTC` after `14:34 UTC`, expected timeline entries in time order',
        cause: { line: 33, column: 1, message: 'The entry `14:34 UTC` stands here' },
      },
    ]);
  });

  it('suggests writing the day when a bare time wraps past midnight', () => {
    const wrapped = edit(edit(validPostmortem, '- 15:10 UTC', '- 23:50 UTC'), '- 15:20 UTC', '- 00:10 UTC'); // lines 34, 35
    expect(findings(wrapped, { ruleId })).toEqual([
      expect.objectContaining({
        line: 35,
        column: 1,
        message:
          'Unexpected `00:10 UTC` after `23:50 UTC`, expected timeline entries in time order (for a time past midnight write its day, such as `2026-03-05 00:10`)',
      }),
    ]);
    expect(findings(edit(wrapped, '- 00:10 UTC', '- 2026-03-05 00:10'), { ruleId })).toEqual([]);
  });

  it('compares entries with days, offsets and bare times as instants', () => {
    const mixed = edit(validPostmortem, '- 15:10 UTC', '- 2026-03-04T17:05:00+02:00'); // 15:05 UTC, after 14:34
    expect(findings(mixed, { ruleId })).toEqual([]);
    const early = edit(validPostmortem, '- 15:10 UTC', '- 2026-03-04T16:05:00+02:00'); // 14:05 UTC, before 14:34
    expect(findings(early, { ruleId })).toEqual([expect.objectContaining({ line: 34, column: 1 })]);
  });

  it('skips entries whose time is not real (the timeline-format rule reports them)', () => {
    expect(findings(edit(validPostmortem, '- 15:10 UTC', '- 25:61 UTC'), { ruleId })).toEqual([]);
  });
});
