import { describe, expect, it } from 'vitest';
import github, { escapeData, escapeProperty } from '../../src/report/github.js';
import { context, message, result, results, warningsOnly } from './results.js';

describe('github', () => {
  it('prints one workflow command per finding, with paths relative to the working directory', async () => {
    await expect(github(results, context)).toMatchFileSnapshot('__snapshots__/github.txt');
    expect(github(warningsOnly, context)).toBe(
      '::warning file=postmortems/2026-03-04-checkout-outage.md,line=33,col=1,endLine=33,endColumn=52,title=timeline-chronological::Unexpected `14:20 UTC` after `14:34 UTC`, expected timeline entries in order\n',
    );
  });

  it('escapes what the runner would read as the end of a value or of the command', () => {
    expect(escapeData('50% failed\r\nthen: recovered, mostly')).toBe('50%25 failed%0D%0Athen: recovered, mostly');
    expect(escapeProperty('a,b:c%d\ne')).toBe('a%2Cb%3Ac%25d%0Ae');
    const tricky = result('/repo/postmortems/2026-01-01-a,b:c.md', [
      message({ ruleId: 'schema', error: true, reason: 'Unexpected `50%` for `title`\nexpected text', place: { start: { line: 2, column: 8 }, end: { line: 2, column: 11 } } }),
    ]);
    expect(github([tricky], context)).toBe(
      '::error file=postmortems/2026-01-01-a%2Cb%3Ac.md,line=2,col=8,endLine=2,endColumn=11,title=schema::Unexpected `50%25` for `title`%0Aexpected text\n',
    );
  });

  it('prints nothing without findings', () => {
    expect(github([], context)).toBe('');
    expect(github([result('/repo/postmortems/2026-04-10-clean.md', [])], context)).toBe('');
  });
});
