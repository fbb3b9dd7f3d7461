import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { defaultLimits, type ParseLimits } from '../../src/parse/limits.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { hindsight, writeFiles } from '../helpers/cli.js';
import { edit, findings, testConfig, validFile, validPostmortem } from '../helpers/lint.js';
import { countForSize, inFrontmatter, inProse, shapes } from '../helpers/shapes.js';

/** The findings for a text parsed under some limits (the rest at their defaults). */
function findingsUnder(text: string, limits: Partial<ParseLimits>) {
  return findings(text, { config: testConfig({ limits: { ...defaultLimits, ...limits } }) });
}

const raise = (key: keyof ParseLimits) => `(raise \`limits.${key}\` in hindsight.config.json to allow more)`;

const timelineOf = (count: number): string =>
  edit(validPostmortem, /## Timeline\n\n(?:- .*\n)+/, `## Timeline\n\n${Array.from({ length: count }, (_, index) => `- 14:${String(32 + Math.floor(index / 100)).padStart(2, '0')} UTC - Step ${index}`).join('\n')}\n`);

const actionItemsOf = (count: number): string =>
  edit(validPostmortem, /\| Load test the checkout flow .*\n/, `$&${'| Fix a part | Bob | 2026-03-14 | open | prevent |\n'.repeat(count)}`);

describe('limits are findings', () => {
  it('reports a file past `maxFileBytes` once, where the limit is crossed, and reads no further', () => {
    const text = inProse('word '.repeat(300_000));
    const { lines } = parsePostmortem(validFile, new TextEncoder().encode(text));
    const found = findings(text, { config: testConfig() });
    expect(found).toEqual([
      {
        ruleId: 'syntax',
        severity: 'error',
        line: 58,
        column: 1_048_576 - validPostmortem.indexOf('## Lessons Learned') - '## Lessons Learned\n\n'.length + 1,
        message: `Unexpected file of ${(text.length).toLocaleString('en-US')} bytes, expected at most 1,048,576 ${raise('maxFileBytes')}`,
      },
    ]);
    expect(lines).toBe(59);
  });

  it('reads a file past the default size when `maxFileBytes` allows it', () => {
    expect(findingsUnder(inProse('word '.repeat(300_000)), { maxFileBytes: 2_000_000 })).toEqual([]);
  });

  it('reports frontmatter past `maxFrontmatterKeys` at the first key too many, and nothing that depends on the data', () => {
    const keys = Array.from({ length: 30 }, (_, index) => `x-key-${index}: ${index}`).join('\n');
    // The fixture's 16 keys and 2 list items (nested ones counted), and these 30 after its fourth key, on lines 6-35.
    expect(findingsUnder(inFrontmatter(keys), { maxFrontmatterKeys: 20 })).toEqual([
      { ruleId: 'syntax', severity: 'error', line: 22, column: 1, message: `Unexpected 48 frontmatter keys and list items, expected at most 20 ${raise('maxFrontmatterKeys')}` },
    ]);
    expect(findingsUnder(inFrontmatter(keys), { maxFrontmatterKeys: 48 })).toEqual([]);
  });

  it('counts keys in flow mappings, and list items', () => {
    const flow = `x-flow: {${Array.from({ length: 50 }, (_, index) => `k${index}: v`).join(', ')}}`;
    // `k25` is the 31st key.
    expect(findingsUnder(inFrontmatter(flow), { maxFrontmatterKeys: 30 })).toEqual([
      expect.objectContaining({ ruleId: 'syntax', line: 6, column: flow.indexOf('k25') + 1, message: expect.stringMatching(/^Unexpected 69 frontmatter keys and list items, expected at most 30/) }),
    ]);
    const list = `x-list: [${Array.from({ length: 50 }, (_, index) => `v${index}`).join(', ')}]`;
    expect(findingsUnder(inFrontmatter(list), { maxFrontmatterKeys: 30 })).toEqual([
      expect.objectContaining({ ruleId: 'syntax', line: 6, column: list.indexOf('v25') + 1, message: expect.stringMatching(/^Unexpected 69 frontmatter keys and list items/) }),
    ]);
  });

  it('reports a timeline past `maxTimelineEntries` at the first entry too many, and keeps the entries before it', () => {
    const text = timelineOf(30);
    expect(findingsUnder(text, { maxTimelineEntries: 20 })).toEqual([
      { ruleId: 'syntax', severity: 'error', line: 52, column: 1, message: `Unexpected timeline entry 21, expected at most 20 ${raise('maxTimelineEntries')}` },
    ]);
    const postmortem = parsePostmortem(validFile, new TextEncoder().encode(text), { limits: { ...defaultLimits, maxTimelineEntries: 20 } });
    expect(postmortem.timeline).toHaveLength(20);
    expect(findingsUnder(text, { maxTimelineEntries: 30 })).toEqual([]);
  });

  it('reports an action items table past `maxActionItems` at the first row too many', () => {
    const text = actionItemsOf(10);
    // Two rows in the fixture, then ten: the row on line 53 + 10 is the twelfth.
    expect(findingsUnder(text, { maxActionItems: 11 })).toEqual([
      { ruleId: 'syntax', severity: 'error', line: 64, column: 1, message: `Unexpected action item 12, expected at most 11 ${raise('maxActionItems')}` },
    ]);
    expect(findingsUnder(text, { maxActionItems: 12 })).toEqual([]);
  });

  it('reads the default limits far above what a postmortem holds', () => {
    expect(findings(timelineOf(1_000))).toEqual([]);
    expect(findings(actionItemsOf(500))).toEqual([]);
  });
});

describe("limits on the Markdown parser's work are findings", () => {
  // `inProse` puts its Markdown on line 58, after the fixture's 57 lines.
  const lineOf = (text: string, search: string) => text.slice(0, text.indexOf(search)).split('\n').length;

  it('reports a file past `maxLines` at its first line too many, and reads no further', () => {
    const text = inProse(Array.from({ length: 100 }, (_, index) => `Line ${index}.`).join('\n\n'));
    const lines = text.split('\n').length - 1;
    expect(findingsUnder(text, { maxLines: 150 })).toEqual([
      { ruleId: 'syntax', severity: 'error', line: 151, column: 1, message: `Unexpected file of ${lines} lines, expected at most 150 ${raise('maxLines')}` },
    ]);
    // The last line break ends the last line; it does not start another.
    expect(findingsUnder(text, { maxLines: lines })).toEqual([]);
  });

  it('reports a paragraph past `maxParagraphLines` at its first line too many, where its text starts', () => {
    const paragraph = Array.from({ length: 30 }, (_, index) => `The pool held ${index} connections.`).join('\n');
    expect(findingsUnder(inProse(paragraph), { maxParagraphLines: 20 })).toEqual([
      { ruleId: 'syntax', severity: 'error', line: 78, column: 1, message: `Unexpected line 21 of one paragraph (from line 58), expected at most 20 ${raise('maxParagraphLines')}` },
    ]);
    expect(findingsUnder(inProse(paragraph), { maxParagraphLines: 30 })).toEqual([]);
    // A blank line ends a paragraph.
    expect(findingsUnder(inProse(paragraph.replace('15 connections.\n', '15 connections.\n\n')), { maxParagraphLines: 20 })).toEqual([]);
  });

  it('counts lazy lines, which continue a paragraph in a list item or blockquote without its marks', () => {
    const item = `- The pool held\n${Array.from({ length: 25 }, (_, index) => `${index} connections`).join('\n')}`;
    expect(findingsUnder(inProse(item), { maxParagraphLines: 20 })).toEqual([
      expect.objectContaining({ ruleId: 'syntax', line: 78, column: 1, message: expect.stringMatching(/^Unexpected line 21 of one paragraph \(from line 58\)/) }),
    ]);
    const quote = `> The pool held\n${Array.from({ length: 25 }, (_, index) => `>> ${index} connections\n${index} more`).join('\n')}`;
    expect(findingsUnder(inProse(quote), { maxParagraphLines: 20 })).toEqual([
      expect.objectContaining({ ruleId: 'syntax', line: 79, column: 4, message: expect.stringMatching(/^Unexpected line 21 of one paragraph \(from line 59\)/) }),
    ]);
    // List items and table rows are not one paragraph.
    expect(findingsUnder(inProse(Array.from({ length: 30 }, (_, index) => `- Item ${index}`).join('\n')), { maxParagraphLines: 20 })).toEqual([]);
  });

  it('reports the table cell past `maxTableCells`, counting every table, the action items included', () => {
    const table = `| Metric | Before | After |\n|---|---|---|\n${Array.from({ length: 10 }, (_, index) => `| p${index} | ${index} ms | ${index + 1} ms |`).join('\n')}`;
    const text = inProse(table);
    // The action items table holds 3 × 5 cells, this one 11 × 3: cell 40 is the first of the row of `p7`.
    expect(lineOf(text, '| p7 |')).toBe(67);
    expect(findingsUnder(text, { maxTableCells: 39 })).toEqual([
      { ruleId: 'syntax', severity: 'error', line: 67, column: 3, message: `Unexpected table cell 40, expected at most 39 ${raise('maxTableCells')}` },
    ]);
    expect(findingsUnder(text, { maxTableCells: 48 })).toEqual([]);
  });

  it('reports the line where the parser\'s work on ending lists and blockquotes passes `maxNestingWork`', () => {
    const nested = inProse(Array.from({ length: 30 }, (_, index) => `- Step ${index}\n  - detail`).join('\n'));
    // The fixture's Timeline list ends at line 37, its one piece of such work.
    const [timelineEnd] = findingsUnder(validPostmortem, { maxNestingWork: 1 });
    expect(timelineEnd).toMatchObject({ line: 37, column: 1 });
    const fixtureWork = Number(/work of ([\d,]+)/.exec(timelineEnd?.message ?? '')?.[1]?.replaceAll(',', ''));
    // Line 60 starts the second item, and so ends the list nested in the first.
    expect(findingsUnder(nested, { maxNestingWork: fixtureWork })).toEqual([
      {
        ruleId: 'syntax',
        severity: 'error',
        line: 60,
        column: 1,
        message: expect.stringMatching(new RegExp(`^Unexpected nesting work of [\\d,]+ where this line ends a list or blockquote, expected at most ${fixtureWork} ${raise('maxNestingWork').replace(/[()`.]/g, '\\$&')}$`)),
      },
    ]);
    expect(findings(nested)).toEqual([]);
    // As docs/rules/syntax.md says: 1,200 lines with 200 nested lists come to about 2,400,000.
    const timeline = Array.from({ length: 200 }, (_, index) => `- 14:${String(index % 60).padStart(2, '0')} UTC - step ${index} of the rollback\n  - the pool held ${index} connections\n  - alert fired\n\nA sentence about it.\n`).join('\n');
    expect(findingsUnder(inProse(timeline), { maxNestingWork: 3_000_000 })).toEqual([]);
    expect(findingsUnder(inProse(timeline), { maxNestingWork: 2_000_000 })).toHaveLength(1);
    // A list item followed by the next is no work: a flat list of any length adds only its end.
    const flat = (items: number) => inProse(Array.from({ length: items }, (_, index) => `- Step ${index}`).join('\n'));
    expect(findingsUnder(flat(3_000), { maxNestingWork: fixtureWork })).toEqual([]);
  });

  it('reads a file past the default counts when its limits allow it', () => {
    const text = inProse(Array.from({ length: 1_500 }, (_, index) => `The pool held ${index} connections.`).join('\n'));
    expect(findings(text)).toEqual([expect.objectContaining({ ruleId: 'syntax', message: expect.stringMatching(/^Unexpected line 1,001 of one paragraph/) })]);
    expect(findingsUnder(text, { maxParagraphLines: 1_500 })).toEqual([]);
  });

  it('counts a block of too many marks as the plain text the parser reads it as', () => {
    // More than 1,000 marks: the parser reads the block's `*` as text, so its items are one paragraph.
    const stars = Array.from({ length: 600 }, (_, index) => `* Item ${index} *done*`).join('\n');
    expect(findingsUnder(inProse(stars), { maxParagraphLines: 500 })).toEqual([
      expect.objectContaining({ ruleId: 'syntax', line: 558, message: expect.stringMatching(/^Unexpected line 501 of one paragraph \(from line 58\)/) }),
    ]);
    expect(findingsUnder(inProse(stars.replaceAll(' *done*', '')), { maxParagraphLines: 500 })).toEqual([]);
  });
});

describe('counts no postmortem reaches, at the size the issue measured', () => {
  it.each(['frontmatter keys', 'timeline entries', 'action-item rows'])('gives one finding for the %s shape', (name) => {
    const shape = shapes.find((candidate) => candidate.name === name);
    if (!shape) throw new Error(`no shape ${name}`);
    const text = shape.make(countForSize(shape, defaultLimits.maxFileBytes - 1_000));
    expect(findings(text)).toEqual([expect.objectContaining({ ruleId: 'syntax', message: expect.stringMatching(/^Unexpected .*, expected at most /) })]);
  });

  it('gives one finding for a thousand repeated keys, at the first repeat', () => {
    const text = inFrontmatter(Array.from({ length: 1_000 }, () => 'x-same: value').join('\n'));
    expect(findingsUnder(text, { maxFrontmatterKeys: 2_000 })).toEqual([
      { ruleId: 'syntax', severity: 'error', line: 7, column: 1, message: 'Invalid YAML: Map keys must be unique' },
    ]);
  });
});

describe('limits in hindsight.config.json', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it('resolves every limit, leaving out what is not set', () => {
    root = mkdtempSync(join(tmpdir(), 'hindsight-limits-'));
    const limits = { maxFileBytes: 5_000_000, maxActionItems: 20, maxLines: 50_000, maxParagraphLines: 2_000, maxTableCells: 80_000, maxNestingWork: 10 ** 9 };
    writeFiles(root, { 'hindsight.config.json': JSON.stringify({ limits }) });
    expect(loadConfig(root).limits).toEqual({ ...defaultLimits, ...limits });
  });

  it.each([
    [{ maxFileBytes: 0 }, '`limits.maxFileBytes`'],
    [{ maxTimelineEntries: 'many' }, '`limits.maxTimelineEntries`'],
    [{ maxLines: 0 }, '`limits.maxLines`'],
    [{ maxParagraphLines: 1.5 }, '`limits.maxParagraphLines`'],
    [{ maxTableCells: -1 }, '`limits.maxTableCells`'],
    [{ maxNestingWork: '1e8' }, '`limits.maxNestingWork`'],
    [{ maxRows: 3 }, 'Unexpected key `maxRows` in `limits`'],
  ])('refuses %j with its place', async (limits, expected) => {
    root = mkdtempSync(join(tmpdir(), 'hindsight-limits-'));
    writeFiles(root, { 'hindsight.config.json': JSON.stringify({ limits }), [validFile]: validPostmortem });
    const { exitCode, stderr } = await hindsight(root, ['lint']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(expected);
  });

  it('lints a file past a configured limit with its finding, and clean once the limit is raised (the cache keeps them apart)', async () => {
    root = mkdtempSync(join(tmpdir(), 'hindsight-limits-'));
    writeFiles(root, { 'hindsight.config.json': JSON.stringify({ limits: { maxActionItems: 5 } }), [validFile]: actionItemsOf(10) });
    const limited = await hindsight(root, ['lint', '--format', 'json']);
    expect(limited.exitCode).toBe(1);
    expect(limited.stdout).toContain('Unexpected action item 6, expected at most 5');
    writeFiles(root, { 'hindsight.config.json': JSON.stringify({ limits: { maxActionItems: 50 } }) });
    const raised = await hindsight(root, ['lint']);
    expect(raised).toMatchObject({ exitCode: 0 });
  });
});
