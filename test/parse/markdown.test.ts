import fc from 'fast-check';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { defuse, maxLazyLinesPerBlock, maxMarksPerBlock, parseMarkdown, parseMarkdownPiece } from '../../src/parse/markdown.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { bodyHtml } from '../../src/render/body.js';
import { renderBody } from '../../src/render/markdown.js';
import { validFile } from '../helpers/lint.js';
import { inProse } from '../helpers/shapes.js';

describe('blocks with more inline marks than anyone writes', () => {
  const marks = 'a_ *b* [c] '.repeat(Math.ceil(maxMarksPerBlock / 4));

  it('are read as plain text with every character and offset where it was', () => {
    const source = `Intro with *emphasis*.\n\n${marks}\n\nAfter **strong**.\n`;
    const { text, blocks } = defuse(source);
    expect(text).toHaveLength(source.length);
    expect(blocks).toEqual([[24, 24 + marks.length + 1]]);
    const tree = parseMarkdown(source);
    const [intro, plain, after] = tree.children;
    expect(intro?.type === 'paragraph' && intro.children.map((node) => node.type)).toEqual(['text', 'emphasis', 'text']);
    expect(plain).toMatchObject({ type: 'paragraph', children: [{ type: 'text', value: marks.trimEnd() }] });
    expect(plain?.position?.start).toMatchObject({ line: 3, column: 1, offset: 24 });
    expect(after?.type === 'paragraph' && after.children.map((node) => node.type)).toEqual(['text', 'strong', 'text']);
  });

  it('leave fenced code, HTML blocks and ordinary paragraphs alone', () => {
    const source = `\`\`\`\n${marks}\n\`\`\`\n\n<div>\n${marks}\n</div>\n\n${'a_b '.repeat(maxMarksPerBlock)}\n`;
    expect(defuse(source).blocks).toEqual([]);
  });

  it('render as the text they hold', () => {
    const postmortem = parsePostmortem(validFile, new TextEncoder().encode(inProse(marks)), { render: renderBody });
    const html = bodyHtml(postmortem.body!);
    expect(html).toContain('a_ *b* [c] a_');
    expect(html).not.toMatch(/[\ue000-\ue07f]/);
  });
});

describe('blockquote lines that continue a deeper paragraph, line after line', () => {
  it('are read as plain text past the limit, and as blockquotes below it', () => {
    const lazy = (count: number) => Array.from({ length: count }, (_, index) => `${'>'.repeat(1 + (index % 2))} a`).join('\n');
    const [quoted] = parseMarkdown(lazy(maxLazyLinesPerBlock)).children;
    expect(quoted?.type).toBe('blockquote');
    const [plain] = parseMarkdown(lazy(2 * maxLazyLinesPerBlock + 4)).children;
    expect(plain).toMatchObject({ type: 'paragraph', children: [{ type: 'text', value: expect.stringMatching(/^> a\n>> a\n/) }] });
  });
});

describe('texts that cannot hold a literal autolink or a table', () => {
  const gfm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();
  const gfmPiece = unified().use(remarkParse).use(remarkGfm).freeze();
  /**
   * Pieces of Markdown, literal autolinks and tables among them (with pipes, and of one column
   * without: `a` over `:--`), so that every way of parsing is taken.
   */
  const piece = fc.constantFrom(
    'word', 'www', 'www.example.com', 'http', 'https://example.com/a_(b)', 'mail@example.com', 'a.b', 'h', 'w.', ':', '/', '@',
    '*', '**', '_', '~', '~~', '`', '[', ']', '(', ')', '[^1]', '[^1]: note', '!', '<', '>', '&amp;', '\\', '|', '|---|', '- ', '1. ', '> ',
    '# ', '```', '---', '- [ ] ', '- [x] ', '    ', ' ', '\n', '\n\n', '\t', ':-', '-:', ':--:', '-', 'a b\n', '\n:--\n', '\n--:', '\\|',
  );
  const markdown = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));
  /** That `parse` gives the tree `reference` gives, for every text that `texts` makes. */
  const agrees = (parse: (text: string) => unknown, reference: { parse: (text: string) => unknown }, texts: fc.Arbitrary<string>): void => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(parse(text)).toEqual(reference.parse(text));
      }),
      { seed: 20261202, numRuns: 500 },
    );
  };

  it('parse to the same tree as with every GFM extension, positions included', () => {
    agrees(parseMarkdown, gfm, markdown);
  });

  it('parse as pieces of a file to the same tree as with every GFM extension', () => {
    agrees(parseMarkdownPiece, gfmPiece, markdown);
  });

  it('find the tables that have no pipe', () => {
    for (const text of ['a\n:--\n', 'a b\n--:\n', '> a\n> :-:\n', '- a\n  :--\n']) {
      expect(parseMarkdownPiece(text)).toEqual(gfmPiece.parse(text));
      expect(JSON.stringify(parseMarkdownPiece(text))).toContain('"type":"table"');
    }
  });

  // The frontmatter's links are not looked for: only the text past its closing fence decides.
  const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
  const fenceLine = fc.tuple(fc.constantFrom('---', '--- \t', '----', ' ---', '--', '- - -'), lineEnd).map((parts) => parts.join(''));
  const withFrontmatter = fc
    .tuple(fc.constantFrom('---\n', '---  \r\n', '---\r', '--- x\n', '\ufeff---\n', ' ---\n'), markdown, fc.array(fc.oneof(fenceLine, markdown), { maxLength: 4 }), markdown)
    .map(([opening, inside, rest, after]) => `${opening}${inside}\n${rest.join('')}${after}`);

  it('parse to the same tree as with every GFM extension when they start with frontmatter, closed or not', () => {
    agrees(parseMarkdown, gfm, withFrontmatter);
  });

  it('find literal autolinks past frontmatter whose links were not read', () => {
    const text = '---\nlinks:\n  runbook: https://runbooks.example.com/a\n---\n\nSee www.example.com and ops@example.com.\n';
    expect(parseMarkdown(text)).toEqual(gfm.parse(text));
    const [, paragraph] = parseMarkdown(text).children;
    expect(paragraph?.type === 'paragraph' && paragraph.children.filter((node) => node.type === 'link')).toHaveLength(2);
    const onlyInFrontmatter = '---\nlinks:\n  runbook: https://runbooks.example.com/a\n---\n\nNo links here.\n';
    expect(parseMarkdown(onlyInFrontmatter)).toEqual(gfm.parse(onlyInFrontmatter));
  });
});
