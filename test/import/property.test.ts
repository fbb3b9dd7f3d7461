import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSections, defaultSeverities, type ResolvedConfig } from '../../src/config/config.js';
import { importPostmortem } from '../../src/import/draft.js';
import { SourceProblem } from '../../src/import/source.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { lostWords } from './helpers.js';

const config = { severities: defaultSeverities, sections: defaultSections } as ResolvedConfig;

/** Lines of the kinds foreign postmortems hold, in any order and any number. */
const line = fc.oneof(
  fc.constantFrom(
    '# Checkout outage', '## Summary', '### What went wrong', '# Timeline', '## Follow-ups', '## Lessons', 'Root Causes: a leak',
    '**Severity:** SEV-2', 'Date: 2026-03-08', 'Start time: 01:40 PT', 'All times in PDT.', '- 14:32 - Deploy starts', '14:51 Alert fires',
    '| Time (PT) | Event |', '|---|---|', '| 02:30 | Skipped hour |', '| | |', '| **Owner** | Alice |', '- [ ] Fix it (owner: @bo, due 2026-04-01)',
    '```', '---', '+++', '<!-- note -->', '-->', '> quoted', '1. first', '* * *', '| a | b | c |', 'Created by Dana, last modified on Mar 9, 2026',
    '__proto__: x', '<%= erb %>', '{{ liquid }}', '', '',
  ),
  fc.string({ maxLength: 40 }),
);

describe('importing any text', () => {
  it('gives a draft that parses with no syntax problem and keeps every word, or says why not', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const source = lines.join('\n');
        let draft;
        try {
          draft = importPostmortem('any.md', new TextEncoder().encode(source), config);
        } catch (error) {
          expect(error).toBeInstanceOf(SourceProblem);
          return;
        }
        const parsed = parsePostmortem(`${draft.name}.md`, new TextEncoder().encode(draft.content));
        expect(parsed.syntax).toEqual([]);
        expect(parsed.data.status).toBe('draft');
        expect(lostWords(source.replace(/^(\s*)\d{1,9}[.)](?=\s)/gm, '$1'), draft.content)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});

describe('importing a title heading whose markup joins its words', () => {
  it('keeps the heading as written besides the plain title', () => {
    const source = '0~0~\n---';
    const draft = importPostmortem('any.md', new TextEncoder().encode(source), config);
    const { data } = parsePostmortem(`${draft.name}.md`, new TextEncoder().encode(draft.content));
    expect(data).toMatchObject({ title: '00', 'x-imported': { title: '0~0~' } });
    expect(lostWords(source, draft.content)).toEqual([]);
  });
});

describe('importing hostile text', () => {
  const spaces = ' '.repeat(50_000);
  it.each([
    ['a timeline line of spaces', `## Timeline\n\n- 14:32${spaces}PDT${spaces}- x\n14:32${spaces}\n`],
    ['a long page header', `Created by ${'a '.repeat(50_000)}, last modified on${spaces}\n`],
    ['a bullet of labels', `## Action Items\n\n- ${'owner: owner: due '.repeat(20_000)}\n`],
    ['metadata of colons', `${'Key: '.repeat(50_000)}\n`],
    ['a table of many columns', `## Timeline\n\n|${' Time |'.repeat(2_000)}\n|${'---|'.repeat(2_000)}\n|${' 14:32 |'.repeat(2_000)}\n`],
    ['many sections', Array.from({ length: 1_000 }, (_, index) => `## Follow-ups ${index}\n\n- Fix ${index} (owner: @a, due 2026-01-01)\n`).join('\n')],
  ])('finishes %s within seconds, keeping every word', (_name, source) => {
    const started = performance.now();
    const draft = importPostmortem('hostile.md', new TextEncoder().encode(source), config);
    // A hang guard, far above the milliseconds this takes.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(parsePostmortem(`${draft.name}.md`, new TextEncoder().encode(draft.content)).syntax).toEqual([]);
    expect(lostWords(source, draft.content)).toEqual([]);
  }, 60_000);
});
