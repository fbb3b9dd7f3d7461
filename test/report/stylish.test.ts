import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import stylish from '../../src/report/stylish.js';
import { clean, context, results, warningsOnly } from './results.js';

describe('stylish', () => {
  it('groups findings under each file, aligned, with a count', async () => {
    await expect(stylish(results, context)).toMatchFileSnapshot('__snapshots__/stylish.txt');
  });

  it('colours only when asked, and says the same in colour', async () => {
    const coloured = stylish(results, { ...context, color: true });
    await expect(coloured).toMatchFileSnapshot('__snapshots__/stylish-color.txt');
    expect(coloured).toContain('\u001b[31merror');
    expect(stripVTControlCharacters(coloured)).toBe(stylish(results, context));
    expect(stylish(results, context)).not.toMatch(/\u001b\[/);
  });

  it('counts warnings alone in the summary', () => {
    expect(stylish(warningsOnly, context)).toBe(
      [
        '',
        'postmortems/2026-03-04-checkout-outage.md',
        '  33:1  warning  Unexpected `14:20 UTC` after `14:34 UTC`, expected timeline entries in order  timeline-chronological',
        '',
        '✖ 1 problem (0 errors, 1 warning)',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing when there is nothing to say', () => {
    expect(stylish(clean, context)).toBe('');
    expect(stylish([], { ...context, color: true })).toBe('');
  });
});
