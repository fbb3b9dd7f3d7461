import type { Position, Section } from '../parse/model.js';
import { pointPosition } from '../parse/text.js';
import { headingText, sameTitle } from '../rules/body.js';
import type { SourceText } from './edits.js';
import type { Fix, FixFinder } from './fix.js';

/**
 * Missing required sections added where the configured order puts them, each with a placeholder
 * the `no-placeholder` rule keeps asking about. Only when the sections present are in order
 * (otherwise where a missing one belongs is a guess) and a missing title is nowhere at another level.
 */
export const missingSections: FixFinder = ({ source, postmortem, config }) => {
  const required = config.sections;
  const found = required.map((title) => postmortem.sections.find((section) => section.depth === 2 && sameTitle(section.title, title)));
  const lines = found.filter((section): section is Section => section !== undefined).map((section) => section.position.start.line);
  if (lines.some((line, index) => index > 0 && line < (lines[index - 1] ?? 0))) return [];

  const groups = new Map<number, { place: Position; titles: string[] }>();
  required.forEach((title, index) => {
    if (found[index] || postmortem.sections.some((section) => sameTitle(section.title, title))) return;
    const next = found.find((section, other) => other > index && section);
    const previous = found.findLast((section, other) => other < index && section);
    // Where the rule reports it: at the heading it comes before, else at the end of the file or body.
    const place = next?.position ?? (previous ? pointPosition(postmortem.lines, 1) : startOfBody(postmortem.fields['']?.value, postmortem.lines));
    const at = next ? source.offset({ line: next.position.start.line, column: 1 }) : previous ? source.offset(previous.range.end) : source.text.length;
    const group = groups.get(at) ?? { place, titles: [] };
    group.titles.push(title);
    groups.set(at, group);
  });

  return [...groups].map(([at, { place, titles }]): Fix => ({
    ruleId: 'required-sections',
    title: `Add ${titles.length === 1 ? 'the missing section' : 'the missing sections'} ${titles.map((title) => headingText(title)).join(', ')}`,
    edits: [{ start: at, end: at, newText: sectionsText(source, at, titles) }],
    certain: true,
    mends: titles.map((title) => ({ place, mentions: headingText(title) })),
  }));
};

/** The new sections, separated from what stands before and after them by a blank line. */
function sectionsText(source: SourceText, at: number, titles: readonly string[]): string {
  const { eol, text } = source;
  const blocks = titles.map((title) => source.join([`## ${title}`, '', `TODO: Write the ${title} section.`, '']));
  if (at < text.length) return blocks.map((block) => block + eol).join('');
  const before = text.slice(0, at);
  const separator = before === '' || before.endsWith(eol + eol) ? '' : before.endsWith(eol) ? eol : eol + eol;
  return separator + blocks.join(eol);
}

/** The line after the frontmatter's closing `---`, as the rule reports a body without any required section. */
function startOfBody(frontmatter: Position | undefined, lines: number): Position {
  return pointPosition(Math.min((frontmatter?.end.line ?? 0) + 1, lines), 1);
}
