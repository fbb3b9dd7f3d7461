import { describe, expect, it } from 'vitest';
import { edit, findings, validPostmortem } from '../helpers/lint.js';

const ruleId = 'timeline-format';

describe('timeline-format', () => {
  it('accepts list items and lines that start with a time', () => {
    expect(findings(validPostmortem, { ruleId })).toEqual([]);
    const lines = edit(
      validPostmortem,
      /- 14:32 UTC[^]*?baseline\n/,
      '14:32 - Deploy reaches all pods\n2026-03-04 14:34 – Alert pages the on-call\n2026-03-04T15:20:00Z: Checkout recovers\n',
    );
    expect(findings(lines, { ruleId })).toEqual([]);
  });

  it('points at the Timeline heading when the section has no entries', () => {
    const text = edit(validPostmortem, /- 14:32 UTC[^]*?baseline\n/, '');
    expect(findings(text, { ruleId })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 30,
        column: 1,
        message: 'Missing timeline entries under `## Timeline`, expected lines such as `14:32 UTC - Checkout errors start`',
      },
    ]);
  });

  it('points at a line that does not start with a time', () => {
    const text = edit(validPostmortem, '- 14:34 UTC - Error-rate alert pages', '- Then the error-rate alert pages'); // line 33
    expect(findings(text, { ruleId })).toEqual([
      expect.objectContaining({
        line: 33,
        column: 1,
        message: 'Unexpected timeline line `Then the error-rate alert pages the checkout on-call`, expected it to start with a time and a dash, such as `14:32 UTC - `',
      }),
    ]);
  });

  it.each([
    ['25:61 UTC', '25:61 UTC'],
    ['14:75', '14:75'],
    ['2026-02-30 15:10', '2026-02-30 15:10'],
  ])('points at an entry whose time %s names no real moment', (written, time) => {
    const text = edit(validPostmortem, '- 15:10 UTC - Rollback starts', `- ${written} - Rollback starts`); // line 34
    expect(findings(text, { ruleId })).toEqual([
      expect.objectContaining({
        line: 34,
        column: 1,
        message: `Unexpected time \`${time}\` in the timeline, expected a real moment: \`HH:MM\` (00:00 to 23:59), \`YYYY-MM-DD HH:MM\` or an RFC 3339 date-time`,
      }),
    ]);
  });

  it('leaves bare times alone when `date` is invalid (the schema rule reports `date`)', () => {
    expect(findings(edit(validPostmortem, 'date: 2026-03-04', 'date: someday'), { ruleId })).toEqual([]);
  });

  it('says nothing without a Timeline section (the required-sections rule reports it)', () => {
    expect(findings(edit(validPostmortem, '## Timeline', '## Chronology'), { ruleId })).toEqual([]);
  });
});
