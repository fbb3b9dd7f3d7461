import { edit, validPostmortem } from './lint.js';

/**
 * Inputs that make parsers slow, each placed inside the otherwise valid `validPostmortem`: the
 * shapes of the CommonMark, markdown-it and GFM pathological suites, YAML blow-ups, and the counts
 * no real postmortem reaches. `make(count)` repeats the shape's unit `count` times, so doubling
 * `count` doubles the input; `count` is the size measured in the issue that asked for them.
 */
export interface Shape {
  name: string;
  count: number;
  make(count: number): string;
}

const repeat = (count: number, unit: (index: number) => string, separator = ''): string =>
  Array.from({ length: count }, (_, index) => unit(index)).join(separator);

/** The text with `markdown` as the body of Lessons Learned, the last section. */
export const inProse = (markdown: string): string =>
  edit(validPostmortem, '## Lessons Learned\n\nA change in queries per request is a capacity change.\n', `## Lessons Learned\n\n${markdown}\n`);

/** The text with `yaml` added to the frontmatter, after `status`. */
export const inFrontmatter = (yaml: string): string => edit(validPostmortem, 'status: published\n', `status: published\n${yaml}\n`);

const inTimeline = (entries: string): string => edit(validPostmortem, /## Timeline\n\n(?:- .*\n)+/, `## Timeline\n\n${entries}\n`);

const inActionItems = (rows: string): string => edit(validPostmortem, /\| Load test the checkout flow .*\n/, `$&${rows}`);

/** An instant `index` seconds after the incident starts, in timeline form. */
const entryTime = (index: number): string => new Date(Date.parse('2026-03-04T14:32:00Z') + index * 1000).toISOString().replace('.000Z', 'Z');

export const shapes: readonly Shape[] = [
  // The counts no real postmortem reaches.
  { name: 'frontmatter keys', count: 100_000, make: (count) => inFrontmatter(repeat(count, (index) => `x-key-${index}: value ${index}`, '\n')) },
  { name: 'timeline entries', count: 100_000, make: (count) => inTimeline(repeat(count, (index) => `- ${entryTime(index)} - Step ${index}`, '\n')) },
  { name: 'timeline table rows', count: 100_000, make: (count) => inTimeline(`| Time | Event |\n|---|---|\n${repeat(count, (index) => `| ${entryTime(index)} | Step ${index} |`, '\n')}`) },
  { name: 'action-item rows', count: 50_000, make: (count) => inActionItems(repeat(count, (index) => `| Fix part ${index} | Bob | 2026-03-14 | open | prevent |\n`)) },
  { name: 'entity references', count: 50_000, make: (count) => inProse(repeat(count, (index) => (index % 2 ? '&copy; ' : '&#x1F600; '))) },
  { name: 'one long line', count: 1_700_000, make: (count) => inProse(repeat(count, () => 'words ')) },
  { name: 'short lines', count: 500_000, make: (count) => inProse(repeat(count, () => 'ab', '\n')) },
  { name: 'long table', count: 100_000, make: (count) => inProse(`| a | b |\n|---|---|\n${repeat(count, (index) => `| ${index} | x |`, '\n')}`) },
  { name: 'wide table', count: 50_000, make: (count) => inProse(`${'| a '.repeat(count)}|\n${'|-'.repeat(count)}|\n${'| x '.repeat(count)}|`) },
  { name: 'GFM table blow-up', count: 65_536, make: (count) => inProse(`x\n${'-|'.repeat(127)}\n${'x\n'.repeat(count)}`) },
  { name: 'wide header, short rows', count: 50_000, make: (count) => inProse(`${'x|'.repeat(128)}\n${'-|'.repeat(128)}\n${'x\n'.repeat(count)}`) },
  // CommonMark and markdown-it pathological inputs.
  { name: 'nested blockquotes', count: 50_000, make: (count) => inProse(`${'> '.repeat(count)}a`) },
  { name: 'nested blockquote lines', count: 50_000, make: (count) => inProse(repeat(count, (index) => `${'>'.repeat(1 + (index % 20))} a`, '\n')) },
  { name: 'nested lists', count: 20_000, make: (count) => inProse(repeat(count, (index) => `${'  '.repeat(index % 40)}* a`, '\n')) },
  { name: 'nested strong emphasis', count: 50_000, make: (count) => inProse(`${'*a **a '.repeat(count)}b${' a** a*'.repeat(count)}`) },
  { name: 'emphasis openers', count: 100_000, make: (count) => inProse('_a '.repeat(count)) },
  { name: 'emphasis closers', count: 100_000, make: (count) => inProse('a_ '.repeat(count)) },
  { name: 'mismatched emphasis', count: 100_000, make: (count) => inProse('*a_ '.repeat(count)) },
  { name: 'star run', count: 500_000, make: (count) => inProse(`a${'*'.repeat(count)}b`) },
  { name: 'underscore run', count: 500_000, make: (count) => inProse(`a${'_'.repeat(count)}b`) },
  { name: 'tilde run', count: 500_000, make: (count) => inProse(`a${'~'.repeat(count)}b`) },
  { name: 'strikethrough openers', count: 100_000, make: (count) => inProse('~~a '.repeat(count)) },
  { name: 'bracket run', count: 500_000, make: (count) => inProse('['.repeat(count)) },
  { name: 'link openers', count: 100_000, make: (count) => inProse('[a'.repeat(count)) },
  { name: 'link closers', count: 100_000, make: (count) => inProse('a]'.repeat(count)) },
  { name: 'nested brackets', count: 50_000, make: (count) => inProse(`${'['.repeat(count)}a${']'.repeat(count)}`) },
  { name: 'link and emphasis', count: 100_000, make: (count) => inProse('[ a_'.repeat(count)) },
  { name: 'bracket parenthesis', count: 100_000, make: (count) => inProse('[ (]('.repeat(count)) },
  // Runs of one, two, three… backticks, none closed: `count` backticks in all.
  { name: 'backtick runs', count: 1_000_000, make: (count) => inProse(repeat(Math.floor(Math.sqrt(2 * count)), (index) => `e${'`'.repeat(index + 1)}`)) },
  { name: 'backtick pairs', count: 200_000, make: (count) => inProse('`a'.repeat(count)) },
  { name: 'unclosed link destinations', count: 100_000, make: (count) => inProse('[a](b'.repeat(count)) },
  { name: 'unclosed angle destinations', count: 100_000, make: (count) => inProse('[a](<b'.repeat(count)) },
  { name: 'unclosed comments', count: 100_000, make: (count) => inProse(`</${'<!--'.repeat(count)}`) },
  { name: 'unclosed comment block', count: 100_000, make: (count) => inProse(`<!--\n${repeat(count, () => 'still a comment', '\n')}`) },
  { name: 'unclosed CDATA', count: 100_000, make: (count) => inProse(`a ${'<![CDATA['.repeat(count)}`) },
  { name: 'unclosed processing instructions', count: 100_000, make: (count) => inProse(`a ${'<?'.repeat(count)}`) },
  { name: 'unclosed declarations', count: 100_000, make: (count) => inProse(`a ${'<!A '.repeat(count)}`) },
  { name: 'unclosed HTML block', count: 100_000, make: (count) => inProse(`<div>\n${repeat(count, () => '<span>x', '\n')}`) },
  { name: 'entity run', count: 500_000, make: (count) => inProse(`&${'a'.repeat(count)};`) },
  { name: 'numeric entity runs', count: 100_000, make: (count) => inProse('&#99999999'.repeat(count)) },
  { name: 'reference definitions', count: 50_000, make: (count) => inProse(`${repeat(count, (index) => `[r${index}]: /u${index}`, '\n')}\n\n${repeat(count, (index) => `[r${index}]`, ' ')}`) },
  { name: 'autolinks', count: 100_000, make: (count) => inProse(repeat(count, (index) => `www.example${index}.com`, ' ')) },
  { name: 'headings', count: 50_000, make: (count) => inProse(repeat(count, (index) => `### Part ${index}\n\ntext`, '\n\n')) },
  // Each item after one with a nested list ends that list, and the parser goes over all it has read.
  { name: 'nested list endings', count: 50_000, make: (count) => inProse(repeat(count, (index) => `- Step ${index}\n  - detail`, '\n')) },
  { name: 'blameless words', count: 100_000, make: (count) => inProse(repeat(count, () => 'the team should', ' ')) },
  // YAML.
  { name: 'YAML nested map keys', count: 100_000, make: (count) => inFrontmatter(`x-map:\n${repeat(count, (index) => `  k${index}: v`, '\n')}`) },
  { name: 'YAML long list', count: 100_000, make: (count) => inFrontmatter(`x-list:\n${repeat(count, (index) => `  - v${index}`, '\n')}`) },
  { name: 'YAML flow mapping', count: 100_000, make: (count) => inFrontmatter(`x-flow: {${repeat(count, (index) => `k${index}: v`, ', ')}}`) },
  { name: 'YAML deep flow', count: 100_000, make: (count) => inFrontmatter(`x-deep: ${'['.repeat(count)}${']'.repeat(count)}`) },
  { name: 'YAML deep block', count: 100_000, make: (count) => inFrontmatter(`x-deep: ${'- '.repeat(count)}a`) },
  { name: 'YAML alias fan-out', count: 100_000, make: (count) => inFrontmatter(`x-anchor: &a [1, 2, 3]\nx-fan: [${repeat(count, () => '*a', ', ')}]`) },
  { name: 'YAML anchors', count: 100_000, make: (count) => inFrontmatter(`x-anchors:\n${repeat(count, (index) => `  - &a${index} v`, '\n')}`) },
  { name: 'YAML long key', count: 1_000_000, make: (count) => inFrontmatter(`x-${'k'.repeat(count)}: value`) },
  { name: 'YAML long quoted value', count: 1_000_000, make: (count) => inFrontmatter(`x-long: "${'v'.repeat(count)}"`) },
  { name: 'YAML invalid list items', count: 100_000, make: (count) => edit(validPostmortem, '  - checkout-api\n', repeat(count, (index) => `  - Bad_Service_${index}\n`)) },
  { name: 'YAML duplicate keys', count: 100_000, make: (count) => inFrontmatter(repeat(count, () => 'x-same: value', '\n')) },
  { name: 'YAML errors', count: 100_000, make: (count) => inFrontmatter(repeat(count, (index) => ` bad: [${index}`, '\n')) },
];

/**
 * Inputs as large as the default limits allow, each within all of them: at `count` each shape is
 * the most of its kind of block that a file may hold, so the benchmark shows how long the largest
 * file that is read costs, and that it grows linearly up to there.
 */
export const withinLimits: readonly Shape[] = [
  { name: 'list items up to the line limit', count: 19_900, make: (count) => inProse(repeat(count, (index) => `- Step ${index} of the rollback`, '\n')) },
  { name: 'table cells up to the cell limit', count: 9_900, make: (count) => inProse(`| a | b | c | d | e |\n|---|---|---|---|---|\n${repeat(count, (index) => `| Fix part ${index} | Bob | 2026-03-14 | open | prevent |`, '\n')}`) },
  { name: 'two-cell table rows up to the line limit', count: 19_900, make: (count) => inProse(`| a | b |\n|---|---|\n${repeat(count, (index) => `| ${index} | x |`, '\n')}`) },
  { name: 'paragraphs up to the paragraph limit', count: 19, make: (count) => inProse(repeat(count, () => repeat(1_000, (index) => `The pool held ${index} connections.`, '\n'), '\n\n')) },
  { name: 'lazy lines up to the paragraph limit', count: 19, make: (count) => inProse(repeat(count, () => `- The pool held\n${repeat(999, (index) => `${index} connections`, '\n')}`, '\n\n')) },
  { name: 'headings up to the line limit', count: 4_950, make: (count) => inProse(repeat(count, (index) => `### Part ${index}\n\ntext`, '\n\n')) },
  { name: 'nested lists up to the nesting limit', count: 1_700, make: (count) => inProse(repeat(count, (index) => `- Step ${index}\n  - detail`, '\n')) },
];

/** The `count` at which a shape's text is about `bytes` long, and no longer. */
export function countForSize(shape: Shape, bytes: number): number {
  const small = Math.max(1, Math.floor(shape.count / 100));
  const base = shape.make(0).length;
  const perUnit = (shape.make(small).length - base) / small;
  let count = Math.max(1, Math.floor((bytes - base) / perUnit));
  // Units grow with their index (`key-9`, `key-10`): shrink until the text fits.
  for (let length = shape.make(count).length; length > bytes && count > 1; length = shape.make(count).length) {
    count = Math.max(1, Math.floor(count * (bytes / length) * 0.99));
  }
  return count;
}
