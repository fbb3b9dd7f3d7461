import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { EditMap } from 'micromark-util-edit-map';
import { afterAll, describe, expect, it } from 'vitest';
import { blockLimitProblem, delimiterCells, headerCells, rowCells } from '../../src/parse/blocks.js';
import { defaultLimits } from '../../src/parse/limits.js';
import { parseMarkdown } from '../../src/parse/markdown.js';
import { LineIndex } from '../../src/parse/text.js';

/**
 * The block scan counts, before any parse, the paragraph lines and table cells the Markdown parser
 * will build, and its work on ending lists and blockquotes, so that the limits on them bound the
 * parser's time. It may count more than the parser builds or does, never less: on generated
 * Markdown of every kind of block, nested, lazy and interrupted, a limit one below what the parser
 * builds or does always gives a finding.
 */
const runs = Number(process.env.HINDSIGHT_FUZZ_RUNS ?? 2_000);
const seed = Number(process.env.HINDSIGHT_FUZZ_SEED ?? 20_261_202);

/** The longest run of lines the parser reads as inline text of one block (a paragraph, or a setext heading's content), and its tables' cells. */
function built(text: string): { paragraphLines: number; cells: number } {
  let paragraphLines = 0;
  let cells = 0;
  const pending: Nodes[] = [parseMarkdown(text)];
  for (let node = pending.pop(); node; node = pending.pop()) {
    // A setext heading's position holds its underline; its text is what the parser reads inline.
    const first = node.type === 'paragraph' || node.type === 'heading' ? node.children[0]?.position : undefined;
    const last = node.type === 'paragraph' || node.type === 'heading' ? node.children.at(-1)?.position : undefined;
    if (first && last) paragraphLines = Math.max(paragraphLines, last.end.line - first.start.line + 1);
    if (node.type === 'tableRow') cells += node.children.length;
    if ('children' in node) pending.push(...(node.children as Nodes[]));
  }
  return { paragraphLines, cells };
}

/** Each document is a body after frontmatter, as in a postmortem. */
const frontmatter = '---\ntitle: x\n---\n';

function problem(text: string, limits: Partial<typeof defaultLimits>) {
  return blockLimitProblem(text, frontmatter.length, new LineIndex(text), { ...defaultLimits, ...limits });
}

const prefix = fc.constantFrom(
  '', '', '', '> ', '>', ' > ', '> > ', '>\t', '    > ', '  ', '   ', '    ', '     ', '      ', '\t', ' \t', '- ', '* ', '+ ', '-\t', '1. ', '2. ', '1) ', '3) ', '1.\t', '10. ',
  '  - ', '   1. ', '    - ', '-    ', '-     ',
);
const content = fc.constantFrom(
  'a b', 'a b', 'words of text', 'x', '', '', '# heading', '```', '````', '~~~', '``` js', '<div>', '<!--', '-->', '<!-- c -->', '<pre>', '</pre>',
  '<?', '?>', '<!A', '<![CDATA[', ']]>', '<span>', '---', '===', '--', '-', '- - -', '***', '|a|b|', 'a|b', 'a | b | c', '|-|-|', '-|-', '|-|', ':-:', '-|-|-',
  '| x |', 'a\\|b|c', '`a|b`|c', '>', '*', '1.', '2.', '*a* _b_', '[a]', '&amp;', 'www.example.com', '\\', '  trailing  ',
);
const line = fc.tuple(fc.array(prefix, { maxLength: 3 }), content).map(([prefixes, text]) => prefixes.join('') + text);
/** A document of a few kinds of line, and of long runs of one line, where limits matter. */
const markdown = fc.oneof(
  fc.array(line, { minLength: 1, maxLength: 40 }).map((lines) => frontmatter + lines.join('\n')),
  fc.tuple(fc.array(line, { maxLength: 6 }), fc.array(line, { minLength: 1, maxLength: 4 }), fc.integer({ min: 2, max: 30 }), fc.array(line, { maxLength: 6 })).map(([before, unit, times, after]) =>
    frontmatter + [...before, ...Array.from({ length: times }, () => unit).flat(), ...after].join('\n'),
  ),
);

describe('the block scan', () => {
  it('never counts fewer paragraph lines or table cells than the parser builds', { timeout: Math.max(120_000, runs * 20) }, () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const { paragraphLines, cells } = built(text);
        if (paragraphLines > 1) expect(problem(text, { maxParagraphLines: paragraphLines - 1 }), `paragraph of ${paragraphLines} lines`).toBeDefined();
        if (cells > 0) expect(problem(text, { maxTableCells: cells - 1 }), `${cells} cells`).toBeDefined();
      }),
      { numRuns: runs, seed },
    );
  });

  it('counts as the parser reads blocks of too many marks or lazy lines, as plain text', { timeout: 300_000 }, () => {
    const marked = fc.constantFrom('*a* _b_ [c]', '> a *b*', '>> a', '- *a*', '* a', '| *a* | b |', '|-|-|', '`a` ~b~');
    const long = fc
      .tuple(fc.array(line, { maxLength: 4 }), fc.array(fc.oneof(line, marked), { minLength: 1, maxLength: 3 }), fc.integer({ min: 250, max: 600 }))
      .map(([before, unit, times]) => frontmatter + [...before, ...Array.from({ length: times }, () => unit).flat()].join('\n'));
    fc.assert(
      fc.property(long, (text) => {
        const { paragraphLines, cells } = built(text);
        if (paragraphLines > 1) expect(problem(text, { maxParagraphLines: paragraphLines - 1 }), `paragraph of ${paragraphLines} lines`).toBeDefined();
        if (cells > 0) expect(problem(text, { maxTableCells: cells - 1 }), `${cells} cells`).toBeDefined();
      }),
      { numRuns: Math.max(20, Math.round(runs / 100)), seed },
    );
  });

  it('never counts less work on ending lists and blockquotes than the parser does', { timeout: Math.max(120_000, runs * 20) }, () => {
    // Where the parser ends containers, it rebuilds its list of every token read so far: that work, counted.
    let work = 0;
    const consume = EditMap.prototype.consume;
    EditMap.prototype.consume = function (this: EditMap, events) {
      const edits = (this as unknown as { map: unknown[] }).map.length;
      if (edits > 0 && new Error().stack?.includes('initialize/document.js')) work += events.length;
      return consume.call(this, events);
    };
    afterAll(() => {
      EditMap.prototype.consume = consume;
    });
    fc.assert(
      fc.property(markdown, (text) => {
        work = 0;
        parseMarkdown(text);
        if (work > 0) expect(problem(text, { maxNestingWork: work - 1 }), `the parser's work ${work}`).toBeDefined();
      }),
      { numRuns: runs, seed },
    );
    EditMap.prototype.consume = consume;
  });

  it('counts cells as the GFM table parser does', () => {
    expect(headerCells('x')).toBe(1);
    expect(headerCells('|')).toBe(0);
    expect(headerCells('| a | b |')).toBe(2);
    expect(headerCells('a||b')).toBe(3);
    expect(headerCells('a\\|b|c')).toBe(2);
    expect(delimiterCells('-')).toBe(-1);
    expect(delimiterCells(':-')).toBe(1);
    expect(delimiterCells('|---|:-:|')).toBe(2);
    expect(delimiterCells('-|')).toBe(1);
    expect(delimiterCells('| |')).toBe(-1);
    expect(rowCells('| 1 | 2 | 3 |')).toBe(3);
    expect(rowCells('x')).toBe(1);
  });
});
