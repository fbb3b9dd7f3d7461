import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxMarksPerBlock, parseMarkdownPiece } from '../../src/parse/markdown.js';
import { plainSectionTree } from '../../src/parse/plain.js';

const runs = Number(process.env.HINDSIGHT_FUZZ_RUNS ?? 3_000);
const seed = Number(process.env.HINDSIGHT_FUZZ_SEED ?? 20_261_202);

/** The same tree as the Markdown parser's, keys in its order too: models and caches are compared byte for byte. */
const sameAsParser = (section: string, tree: unknown): void => {
  expect(JSON.stringify(tree)).toBe(JSON.stringify(parseMarkdownPiece(section)));
};

const actionItems = [
  '## Action Items',
  '',
  '| Action | Owner | Due | Status | Type | Ticket |',
  '|---|---|---|---|---|---|',
  '| Add an alert on disk usage for billing | Carol | 2021-06-09 | done | detect | OPS-6681 |',
  '| Fix log growth in billing |  | 2021-06-29 | in-progress | prevent |   |',
  '',
].join('\n');
const timeline = ['## Timeline', '', '- 2021-06-01 14:46 - billing starts returning errors', '- 16:02 UTC - disk usage alert fires (p95 > 2 s)', ''].join('\n');

describe('sections of one table or list of plain text and code', () => {
  it('are read without the Markdown parser into the tree it gives', () => {
    const withCode = timeline.replace('returning errors', 'logging `timeout acquiring connection`; `kid 2024-03-b` unknown');
    for (const section of [actionItems, timeline, withCode, actionItems.replace('| Carol |', '| `carol` and `dave` |'), `${actionItems}\n\n`, timeline.trimEnd(), '### Notes\n| a | b |\n|:--|--:|\n| ü 🦊 | 1:30 |', '# Ünïcode 🦊\n\n- Ü\n- Fox 🦊 x']) {
      const tree = plainSectionTree(section);
      expect(tree, section).toBeDefined();
      sameAsParser(section, tree);
    }
  });

  it('leave everything else to the parser', () => {
    const edits = (section: string, replacements: Array<[string, string]>): string[] => replacements.map(([from, to]) => section.replace(from, to));
    const left = [
      ...edits(actionItems, [
        ['OPS-6681', '[OPS-6681](https://tickets.example.com/OPS-6681)'],
        ['Carol', '`carol'],
        ['Carol', '``carol``'],
        ['Carol', '` carol `'],
        ['Carol', 'carol@example.com'],
        ['| detect |', '| detect | extra |'],
        ['|---|---|', '|---|'],
        ['for billing', 'for\tbilling'],
      ]),
      actionItems.replaceAll('\n', '\r\n'),
      `${actionItems}\nThe rest is tracked elsewhere.\n`,
      ...edits(timeline, [
        ['- 16:02', '- 1. 16:02'],
        ['- 16:02', '* 16:02'],
        ['- 16:02', '  continued'],
        ['errors', 'errors  '],
        ['## Timeline', 'Timeline\n--------'],
        ['## Timeline', '## Timeline ##'],
        ['\n- 16:02', '\n\n- 16:02'],
      ]),
    ];
    for (const section of left) expect(plainSectionTree(section), section).toBeUndefined();
  });

  it('leave a block of more marks than the parser reads as Markdown to it, which reads them as plain characters', () => {
    const timelineOf = (entries: number): string => `## Timeline\n\n${Array.from({ length: entries }, (_, index) => `- 14:${String(index % 60).padStart(2, '0')} - \`check-${index}\` passes`).join('\n')}\n`;
    const within = timelineOf(maxMarksPerBlock / 2);
    sameAsParser(within, plainSectionTree(within));
    const past = timelineOf(maxMarksPerBlock / 2 + 1);
    expect(plainSectionTree(past)).toBeUndefined();
    expect(JSON.stringify(parseMarkdownPiece(past))).not.toContain('inlineCode');
  });

  // Sections near the plain ones: any line, cell or word may make the parser read them otherwise.
  const often = <T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ weight: 12, arbitrary: usual }, { weight: 1, arbitrary: rare });
  const word = often(
    fc.constantFrom('a', 'Carol', '2021-06-09', '14:46', 'OPS-1', 'p95 > 2 s', 'ü', '🦊', '1.', '1)', '12.', '#', '-', '+', '>', '=', '---', 'www', 'h:', ':', '`a`', '`kid 2024-03-b`', '`*a* [b]`', '`x`y`z`'),
    fc.constantFrom('www.x.com', 'a@b.c', 'http://x', '*a*', '_', '`', '``', '``a``', '` a`', '`a `', '` `', '`a\\`', '`a|b`', '`www.x.com`', '[x]', '[ ]', '&amp;', '\\', '<b>', '~', '!', '\t'),
  );
  const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
  const spaces = fc.constantFrom('', ' ', '  ');
  const cell = fc.tuple(spaces, fc.oneof(text, fc.constant('')), spaces).map((parts) => parts.join(''));
  const row = (cells: number) => fc.array(cell, { minLength: cells, maxLength: cells }).map((all) => `|${all.join('|')}|`);
  const rule = (cells: number) => fc.array(often(fc.constantFrom('---', ':--', '--:', ':-:', ' - ', '-', ' :---: '), fc.constantFrom('x', '', '- -')), { minLength: cells, maxLength: cells }).map((all) => `|${all.join('|')}|`);
  const table = fc.integer({ min: 1, max: 4 }).chain((cells) =>
    fc.tuple(row(cells), rule(cells), fc.array(often(row(cells), fc.oneof(row(cells + 1), text, row(cells).map((line) => line.slice(1)))), { maxLength: 4 })).map(([header, delimiter, rows]) => [header, delimiter, ...rows]),
  );
  const item = often(
    fc.tuple(fc.constantFrom('a', 'Carol', '2021-06-09', '14:46', 'ü', '1.', '12)'), text).map(([first, rest]) => `- ${first} ${rest}`),
    fc.tuple(fc.constantFrom('-  ', '* ', '-', '1. ', '  ', '- ', '- # ', '- > ', '- + ', '- - ', '- --- ', '- *** ', '- = '), text).map((parts) => parts.join('')),
  );
  const list = fc.array(item, { minLength: 1, maxLength: 5 });
  const heading = often(fc.constantFrom('## Timeline', '## Action Items', '# Ü 🦊', '###### a'), fc.constantFrom('##', '## ', '##  a', '## a ', '## a #', '## *a*', '####### a', '#a', 'Timeline\n---'));
  const blank = fc.array(often(fc.constant(''), fc.constant(' ')), { maxLength: 2 });
  const section = fc
    .tuple(heading, blank, fc.oneof(table, list), blank, often(fc.constant<string[]>([]), fc.oneof(list, table)), often(fc.constantFrom('\n', ''), fc.constant('\r\n')))
    .map(([title, before, block, after, more, end]) => [title, ...before, ...block, ...after, ...more].join(end === '\r\n' ? end : '\n') + end);

  it('give the parser’s tree, positions included, whenever they are read without it', () => {
    let read = 0;
    fc.assert(
      fc.property(section, (markdown) => {
        const tree = plainSectionTree(markdown);
        if (tree) {
          read++;
          sameAsParser(markdown, tree);
        }
      }),
      { seed, numRuns: runs },
    );
    // The sections read without the parser are a good share of those made, so the comparison means something.
    expect(read).toBeGreaterThan(runs / 10);
  });
});
