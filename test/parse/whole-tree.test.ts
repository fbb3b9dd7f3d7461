import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBody, wholeTree } from '../../src/parse/body.js';
import { parseFrontmatter } from '../../src/parse/frontmatter.js';
import { defaultLimits } from '../../src/parse/limits.js';
import { parseMarkdown } from '../../src/parse/markdown.js';
import { LineIndex } from '../../src/parse/text.js';
import { bodyHtml, bodyText, type RenderedBody } from '../../src/render/body.js';
import { renderBody } from '../../src/render/markdown.js';
import { validPostmortem } from '../helpers/lint.js';

/** The body rendered from the tree put together around the parsed sections, and from one parse of the whole file. */
function bothWays(text: string) {
  const lines = new LineIndex(text);
  const { bodyStart } = parseFrontmatter(text, lines, defaultLimits);
  const body = readBody(text, bodyStart, lines, { date: '2026-03-04', limits: defaultLimits });
  const pieced = wholeTree(text, body.parsed, lines);
  return {
    parsed: body.parsed.length,
    pieced: readable(renderBody(pieced, body.actionItems?.position)),
    whole: readable(renderBody(parseMarkdown(text), body.actionItems?.position)),
    piecedTree: pieced,
  };
}

function readable(body: RenderedBody) {
  return { html: bodyHtml(body), text: bodyText(body), actionItems: body.actionItems };
}

const examples = readdirSync('postmortems').filter((name) => name.endsWith('.md'));

describe('the tree of a whole file, from the sections the linter parsed and the text around them', () => {
  it.each(examples)('renders %s as one parse of the whole file does', (name) => {
    const result = bothWays(readFileSync(join('postmortems', name), 'utf8'));
    expect(result.parsed).toBeGreaterThan(0);
    expect(result.pieced).toEqual(result.whole);
  });

  it('keeps positions, frontmatter, setext headings, section order and blocks next to the cuts', () => {
    const text = [
      '---',
      'title: x',
      '---',
      '',
      'Intro paragraph',
      '===============',
      '',
      '## Action Items',
      '| Action | Owner | Due |',
      '|---|---|---|',
      '| Fix *it* | Ann | 2026-03-05 |',
      'Impact',
      '------',
      '- a list that ends at the heading',
      '## Timeline',
      '- 10:00 started',
      '  continued lazily',
      '### Detail',
      '```',
      '## not a heading',
      '```',
      '## Lessons',
      '> quoted',
    ].join('\n');
    const result = bothWays(text);
    expect(result.parsed).toBe(2);
    expect(result.pieced).toEqual(result.whole);
    expect(result.piecedTree.children.map((node) => [node.type, node.position?.start.line])).toEqual(
      parseMarkdown(text).children.map((node) => [node.type, node.position?.start.line]),
    );
  });

  it('parses a file with definitions whole, since links anywhere may use them', () => {
    const text = validPostmortem.replace('## Timeline', 'See [the runbook][rb] and a note[^1].\n\n## Timeline') + '\n[rb]: https://example.com/runbook\n\n[^1]: The note.\n';
    const result = bothWays(text);
    expect(result.pieced).toEqual(result.whole);
    expect(result.pieced.html).toContain('<a href="https://example.com/runbook">the runbook</a>');
    expect(result.pieced.html).toContain('id="user-content-fn-1"');
  });

  // Frontmatter is taken as it stands, not parsed: the tree is the parser's all the same. (Lines
  // end in LF or CRLF: a lone CR ends a line for the Markdown parser but not for the line index.)
  const lineEnd = fc.constantFrom('\n', '\r\n');
  const line = fc.constantFrom('title: x', 'links: https://example.com/a', '', '---', '--- \t', ' ---', '----', '- a', 'www.example.com', '## Timeline', '- 10:00 started', '## Action Items', '| Action | Owner |', '|---|---|', '| Fix | Ann |', 'Text *em*', '## Lessons', '===');
  const someLines = fc.array(fc.tuple(line, lineEnd), { maxLength: 12 }).map((lines) => lines.map(([text, ending]) => text + ending).join(''));
  const file = fc
    .tuple(fc.constantFrom('---', '--- ', '---\t'), lineEnd, someLines, fc.constantFrom('---', '---  ', '---\t'), lineEnd, someLines)
    .map((parts) => parts.join(''));

  it('is the tree of one parse of the whole file, frontmatter and positions included', () => {
    let pieced = 0;
    fc.assert(
      fc.property(file, (text) => {
        const lines = new LineIndex(text);
        const { bodyStart } = parseFrontmatter(text, lines, defaultLimits);
        const body = readBody(text, bodyStart, lines, { date: '2026-03-04', limits: defaultLimits });
        if (body.parsed.length > 0) pieced++;
        expect(wholeTree(text, body.parsed, lines)).toEqual(parseMarkdown(text));
      }),
      { seed: 20261202, numRuns: 400 },
    );
    // Most files hold a section that was parsed on its own, so the pieces were put together.
    expect(pieced).toBeGreaterThan(200);
  });
});
