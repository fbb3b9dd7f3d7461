import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parsePostmortem } from '../../src/parse/postmortem.js';

const frontmatter = '---\ntitle: Outline\ndate: 2026-03-04\n---\n';

/** What a full CommonMark parse of the whole file calls its top-level headings: the reference. */
function referenceHeadings(text: string) {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).parse(text);
  return tree.children
    .filter((node): node is Heading => node.type === 'heading')
    .map((heading) => ({ title: toString(heading).trim(), depth: heading.depth, line: heading.position?.start.line, column: heading.position?.start.column }));
}

function scannedHeadings(text: string) {
  return parsePostmortem('postmortems/2026-03-04-outline.md', new TextEncoder().encode(text)).sections.map((section) => ({
    title: section.title,
    depth: section.depth,
    line: section.position.start.line,
    column: section.position.start.column,
  }));
}

// Bodies where a line-by-line reading could go wrong; each must find exactly the headings a full parse finds.
const bodies: Record<string, string> = {
  'setext headings': 'Summary\n=======\n\nText.\n\nTimeline\n--------\n\n- 14:32 - a\n',
  'headings inside fenced code': '## Summary\n\n```md\n## Not a heading\n```\n\n~~~~\n## Nor this\n~~~\n## still code\n~~~~\n\n## Timeline\n',
  'headings inside HTML comments': '## Summary\n\n<!-- guidance\n## hidden heading\n-->\n\n<!-- one line --> text\n\n## Timeline\n',
  'markup in headings': '## *Root* `Cause` [link](http://x) &amp; \\*more\\*\n\n### Sub ###\n\n## ##\n',
  'indented and closed headings': '   ## Summary\n\nText\n  ## Timeline\n- 14:32 - a\n\n#Not heading\n\n## Action Items ##\n',
  'thematic breaks and quotes': '## Lessons Learned\n\n> ## quoted heading\n\n- item\n---\n\nPara\nmore\n---\n\n---\n',
  'CRLF line ends': '## Summary\r\n\r\nText\r\nTitle\r\n---\r\n\r\n## Timeline\r\n',
};

describe('the outline scan', () => {
  it.each(Object.entries(bodies))('finds the headings a full parse finds: %s', (_name, body) => {
    const text = `${frontmatter}\n${body}`;
    expect(scannedHeadings(text)).toEqual(referenceHeadings(text));
    expect(referenceHeadings(text).length).toBeGreaterThan(0);
  });

  it('reads the timeline and the action items of subsections and setext sections', () => {
    const text = `${frontmatter}\nTimeline\n--------\n\n### Day 1\n\n- 14:32 - Deploy starts\n\n### Day 2\n\n- 2026-03-05 09:00 - Rollback\n\nAction Items\n------------\n\n| Action | Owner | Due |\n|---|---|---|\n| Add alert | Al | 2026-03-05 |\n`;
    const postmortem = parsePostmortem('postmortems/2026-03-04-outline.md', new TextEncoder().encode(text));
    expect(postmortem.timeline.map((entry) => [entry.time, entry.position.start.line])).toEqual([
      ['14:32', 11],
      ['2026-03-05 09:00', 15],
    ]);
    expect(postmortem.actionItems?.items.map((item) => [item.action, item.position.start.line, item.cells.Due?.position.start.column])).toEqual([['Add alert', 22, 20]]);
  });

  it('leaves code and comments out of the prose the phrase rules read', () => {
    const text = `${frontmatter}\n## Summary\n\n\`\`\`\nTODO in code\n\`\`\`\n\n<!--\nTODO in a comment\n-->\n\nTODO in prose\n`;
    const { prose } = parsePostmortem('postmortems/2026-03-04-outline.md', new TextEncoder().encode(text));
    expect(prose.filter((span) => span.text.includes('TODO'))).toEqual([{ text: 'TODO in prose', start: { line: 16, column: 1 } }]);
  });
});
