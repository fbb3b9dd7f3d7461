import { describe, expect, it } from 'vitest';
import { edit, testConfig, validPostmortem } from '../helpers/lint.js';
import { fix, offered, remaining } from './helpers.js';

describe('lint --fix', () => {
  it('changes nothing in a postmortem without findings', () => {
    const result = fix(validPostmortem);
    expect(result.text).toBe(validPostmortem);
    expect(result.applied).toEqual([]);
  });

  it('renames an unknown key with exactly one close match, keeping its quotes', () => {
    expect(fix(edit(validPostmortem, 'severity: SEV1', 'severtiy: SEV1')).text).toBe(validPostmortem);
    expect(fix(edit(validPostmortem, 'status: published', '"statsu": published')).text).toBe(edit(validPostmortem, 'status: published', '"status": published'));
  });

  it('offers, but does not apply, a rename when two keys are close or the meant key is there already', () => {
    const ambiguous = edit(validPostmortem, 'authors:', 'tams: [payments]\nauthors:');
    expect(fix(ambiguous).text).toBe(ambiguous);
    expect(offered(ambiguous)).toEqual([expect.objectContaining({ ruleId: 'schema', title: 'Rename `tams` to `teams`', certain: false })]);
    const twice = edit(validPostmortem, 'status: published', 'status: published\nstatsu: draft');
    expect(fix(twice).text).toBe(twice);
  });

  it('writes status and type cells in their canonical spelling, and only those cells', () => {
    const text = edit(edit(validPostmortem, '| done | detect |', '| Done | Detect |'), '| in-progress |', '| In Progress |');
    const result = fix(text);
    expect(result.text).toBe(validPostmortem);
    expect(result.applied).toEqual(['Write status `Done` as `done`', 'Write status `In Progress` as `in-progress`', 'Write type `Detect` as `detect`']);
    const marked = edit(validPostmortem, '| done |', '| **Done** |');
    expect(fix(marked).text).toBe(marked);
  });

  it('adds a missing section before the next one, with a placeholder the linter still reports', () => {
    const text = edit(validPostmortem, /## Root Cause\n\n.*\n\n/, '');
    const result = fix(text);
    expect(result.text).toBe(edit(validPostmortem, /## Root Cause\n\n.*\n/, '## Root Cause\n\nTODO: Write the Root Cause section.\n'));
    expect(remaining(result)).toEqual(['no-placeholder']);
  });

  it('adds missing sections in the configured order, at the end of the file when nothing follows them', () => {
    const text = validPostmortem.slice(0, validPostmortem.indexOf('## Action Items'));
    const result = fix(text.trimEnd());
    expect(result.text).toBe(`${text}## Action Items\n\nTODO: Write the Action Items section.\n\n## Lessons Learned\n\nTODO: Write the Lessons Learned section.\n`);
    expect(result.text.startsWith(text.trimEnd())).toBe(true);
  });

  it('ends with the file\'s own line ending each line a carriage return alone ends, then fixes the rest', () => {
    const pasted = edit(validPostmortem, 'For 48 minutes every', 'For 48 minutes\revery');
    expect(fix(pasted)).toMatchObject({ text: edit(validPostmortem, 'For 48 minutes every', 'For 48 minutes\nevery'), applied: ['Replace each carriage return alone with LF'] });
    const windows = validPostmortem.replaceAll('\n', '\r\n');
    expect(fix(pasted.replaceAll('\n', '\r\n')).text).toBe(edit(windows, 'For 48 minutes every', 'For 48 minutes\r\nevery'));
    const classicMac = edit(validPostmortem, 'severity: SEV1', 'severtiy: SEV1').replaceAll('\n', '\r');
    const result = fix(classicMac);
    expect(result.text).toBe(validPostmortem);
    expect(result.applied).toEqual(['Replace each carriage return alone with LF', 'Rename `severtiy` to `severity`']);
    expect(remaining(result)).toEqual([]);
  });

  it('keeps CRLF line endings in what it adds', () => {
    const text = edit(validPostmortem, /## Lessons Learned\n\n.*\n/, '').replaceAll('\n', '\r\n');
    const result = fix(text);
    expect(result.text).toBe(`${text}## Lessons Learned\r\n\r\nTODO: Write the Lessons Learned section.\r\n`);
    expect(result.text.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('does not add a section while the present ones are out of order, or one written at another level', () => {
    const swapped = edit(edit(edit(validPostmortem, '## Summary', '## IMPACT'), '## Impact', '## Summary'), '## IMPACT', '## Impact');
    const missingToo = edit(swapped, /## Lessons Learned\n\n.*\n/, '');
    expect(fix(missingToo).text).toBe(missingToo);
    const deeper = edit(validPostmortem, '## Root Cause', '### Root Cause');
    expect(fix(deeper).text).toBe(deeper);
  });

  it('orders timeline entries when every entry has a time, moving whole entries', () => {
    const text = edit(validPostmortem, '- 14:34 UTC - Error-rate alert pages the checkout on-call\n- 15:10 UTC - Rollback starts', '- 15:10 UTC - Rollback starts\n- 14:34 UTC - Error-rate alert pages the checkout on-call');
    expect(fix(text).text).toBe(validPostmortem);
    const numbered = validPostmortem.replace(/^- (\d\d:\d\d)/gm, (_, time: string) => `${time === '14:32' ? 1 : time === '14:34' ? 2 : time === '15:10' ? 3 : 4}. ${time}`);
    const shuffled = numbered.replace('1. 14:32 UTC - Deploy reaches all pods; checkout requests start failing', '1. 15:20 UTC - Checkout success rate is back to its baseline').replace('4. 15:20 UTC - Checkout success rate is back to its baseline', '4. 14:32 UTC - Deploy reaches all pods; checkout requests start failing');
    expect(shuffled).not.toBe(numbered);
    expect(fix(shuffled).text).toBe(numbered);
  });

  it('leaves the timeline alone when an entry has no time, or a step back looks like midnight', () => {
    const stray = edit(edit(validPostmortem, '- 15:10 UTC - Rollback starts', '- Rollback starts\n- 15:10 UTC - Rollback is done'), '- 14:34 UTC', '- 15:40 UTC');
    expect(fix(stray).text).toBe(stray);
    const midnight = edit(validPostmortem, '- 15:20 UTC - Checkout', '- 02:20 UTC - Checkout');
    expect(fix(midnight).text).toBe(midnight);
    expect(offered(midnight)).toEqual([expect.objectContaining({ ruleId: 'timeline-chronological', certain: false })]);
  });

  it('sets `date` to the UTC day of `started_at` when the file name agrees with `started_at`', () => {
    expect(fix(edit(validPostmortem, 'date: 2026-03-04', 'date: 2026-03-05')).text).toBe(validPostmortem);
    expect(fix(edit(validPostmortem, 'date: 2026-03-04', "date: '2026-03-05'")).text).toBe(edit(validPostmortem, 'date: 2026-03-04', "date: '2026-03-04'"));
    const file = 'postmortems/2026-03-05-checkout-outage.md';
    const text = edit(validPostmortem, 'date: 2026-03-04', 'date: 2026-03-05');
    expect(fix(text, { file }).text).toBe(text);
    expect(offered(text, { file })).toEqual([expect.objectContaining({ ruleId: 'date-matches-start', certain: false })]);
  });

  it('offers nothing for a rule that is off, or for a file it cannot read', () => {
    const text = edit(validPostmortem, 'date: 2026-03-04', 'date: 2026-03-05');
    const config = testConfig({ rules: { 'date-matches-start': { level: 'off', options: {} }, filename: { level: 'off', options: {} } } });
    expect(fix(text, { config }).text).toBe(text);
    const unclosed = edit(validPostmortem, '\n---\n', '\n');
    expect(offered(unclosed)).toEqual([]);
  });

  it('applies several fixes at once, each changing only its own lines', () => {
    const broken = edit(edit(edit(validPostmortem, 'severity: SEV1', 'severtiy: SEV1'), 'date: 2026-03-04', 'date: 2026-03-05'), '| done |', '| DONE |');
    const result = fix(broken);
    expect(result.text).toBe(validPostmortem);
    expect(remaining(result)).toEqual([]);
  });
});
