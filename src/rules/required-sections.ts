import type { Position, Postmortem, Section } from '../parse/model.js';
import { pointPosition } from '../parse/text.js';
import { headingText, sameTitle } from './body.js';
import { defineRule } from './rule.js';

export default defineRule(
  {
    id: 'required-sections',
    description: 'The configured sections are level-2 headings, in the configured order; other sections may stand anywhere.',
    defaultLevel: 'error',
  },
  ({ postmortem, config, report }) => {
    if (postmortem.syntax.length > 0) return;
    const required = config.sections;
    const found = required.map((title) => postmortem.sections.find((section) => section.depth === 2 && sameTitle(section.title, title)));
    const inOrder = longestOrderedRun(found.map((section) => section?.position.start.line));
    const keptAfter = (index: number): Section | undefined => found.find((_, other) => other > index && inOrder.has(other));
    const keptBefore = (index: number): Section | undefined => found.findLast((_, other) => other < index && inOrder.has(other));

    required.forEach((title, index) => {
      const section = found[index];
      if (section && inOrder.has(index)) return;
      const next = keptAfter(index);
      const previous = keptBefore(index);
      const where = [previous && `after ${headingText(previous.title)}`, next && `before ${headingText(next.title)}`].filter(Boolean).join(' and ');
      if (section) {
        report(`Unexpected section ${headingText(section.title)} out of order, expected it ${where}`, section.position);
        return;
      }
      const atOtherDepth = postmortem.sections.find((other) => other.depth !== 2 && sameTitle(other.title, title));
      if (atOtherDepth) {
        report(
          `Unexpected level-${atOtherDepth.depth} heading ${headingText(atOtherDepth.title, atOtherDepth.depth)}, expected the required section as a level-2 heading ${headingText(title)}`,
          atOtherDepth.position,
        );
      } else if (next || previous) {
        report(`Missing section ${headingText(title)}, expected it ${where}`, next?.position ?? endOfFile(postmortem));
      } else {
        report(`Missing section ${headingText(title)}, expected the required sections ${required.join(', ')} as level-2 headings`, startOfBody(postmortem));
      }
    });
  },
);

/**
 * The indexes of the largest set of present sections that already stand in the required order
 * (a longest increasing run of their lines); only the others are out of order, so one moved
 * section is reported once, not every section it jumped over.
 */
function longestOrderedRun(lines: Array<number | undefined>): Set<number> {
  const length: number[] = [];
  const previous: number[] = [];
  let last = -1;
  lines.forEach((line, index) => {
    if (line === undefined) return;
    length[index] = 1;
    previous[index] = -1;
    for (let before = 0; before < index; before++) {
      const earlierLine = lines[before];
      const candidate = (length[before] ?? 0) + 1;
      if (earlierLine !== undefined && earlierLine < line && candidate > (length[index] ?? 0)) {
        length[index] = candidate;
        previous[index] = before;
      }
    }
    if (last === -1 || (length[index] ?? 0) > (length[last] ?? 0)) last = index;
  });
  const kept = new Set<number>();
  for (let index = last; index !== -1; index = previous[index] ?? -1) kept.add(index);
  return kept;
}

function endOfFile(postmortem: Postmortem): Position {
  return pointPosition(postmortem.lines, 1);
}

/** The line after the frontmatter's closing `---`. */
function startOfBody(postmortem: Postmortem): Position {
  const frontmatterEnd = postmortem.fields['']?.value.end.line ?? 0;
  return pointPosition(Math.min(frontmatterEnd + 1, postmortem.lines), 1);
}
