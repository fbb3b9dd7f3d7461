import { describe, expect, it } from 'vitest';
import { edit, findings, validPostmortem } from '../helpers/lint.js';

const ruleId = 'date-matches-start';

describe('date-matches-start', () => {
  it('accepts a `date` that is the UTC day of `started_at`', () => {
    expect(findings(validPostmortem, { ruleId })).toEqual([]);
  });

  it('reads `started_at` in UTC: 01:00 at +02:00 on 2026-03-04 is 2026-03-03', () => {
    const text = edit(validPostmortem, 'started_at: 2026-03-04T14:32:00Z', 'started_at: 2026-03-04T01:00:00+02:00'); // line 10
    expect(findings(text, { ruleId })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 3,
        column: 7,
        message: 'Unexpected `date` `2026-03-04`, expected `2026-03-03`, the UTC day of `started_at` `2026-03-04T01:00:00+02:00`',
        cause: { line: 10, column: 13, message: '`started_at` is set here' },
      },
    ]);
    expect(findings(edit(text, 'date: 2026-03-04', 'date: 2026-03-03'), { ruleId })).toEqual([]);
  });

  it('reports a `date` a day after `started_at`', () => {
    const [result] = findings(edit(validPostmortem, 'date: 2026-03-04', 'date: 2026-03-05'), { ruleId });
    expect(result).toMatchObject({ line: 3, column: 7, message: expect.stringContaining('expected `2026-03-04`') });
  });

  it('says nothing when `started_at` or `date` is not valid (the schema rule reports those)', () => {
    expect(findings(edit(validPostmortem, 'started_at: 2026-03-04T14:32:00Z', 'started_at: 2026-03-05 14:32'), { ruleId })).toEqual([]);
    expect(findings(edit(validPostmortem, 'date: 2026-03-04', 'date: 2026-02-30'), { ruleId })).toEqual([]);
  });
});
