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
