import { describe, expect, it } from 'vitest';
import { defaultSections } from '../../src/config/config.js';
import { readTemplate, renderPostmortem } from '../../src/scaffold.js';
import { edit, findings, testConfig, validPostmortem } from '../helpers/lint.js';

const ruleId = 'no-placeholder';
const wellLine = 'The alert fired within two minutes of impact.'; // line 43

describe('no-placeholder', () => {
  it('accepts a postmortem with nothing left to fill in', () => {
    expect(findings(validPostmortem, { ruleId })).toEqual([]);
  });

  it('points at the exact column of a marker in prose', () => {
    const text = edit(validPostmortem, wellLine, 'The alert fired TODO within two minutes of impact.');
    expect(findings(text, { ruleId })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 43,
        column: 17,
        message: 'Unexpected placeholder `TODO` left in the text, expected the real text in its place',
      },
    ]);
  });

  it('finds each marker and prompt, on later lines of a paragraph too', () => {
    const text = edit(validPostmortem, wellLine, 'TBD: the alert fired\nwithin <number> minutes of FIXME and XXX.');
    expect(findings(text, { ruleId }).map(({ line, column, message }) => ({ line, column, message: message.split(' left')[0] }))).toEqual([
      { line: 43, column: 1, message: 'Unexpected placeholder `TBD`' },
      { line: 44, column: 8, message: 'Unexpected placeholder `<number>`' },
      { line: 44, column: 28, message: 'Unexpected placeholder `FIXME`' },
      { line: 44, column: 38, message: 'Unexpected placeholder `XXX`' },
    ]);
  });

  it('finds the template\'s `TODO:` lines, in headings, list items and table cells', () => {
    const text = edit(
      edit(edit(validPostmortem, wellLine, 'TODO: what helped the response?'), '- 15:10 UTC - Rollback starts', '- 15:10 UTC - TODO: describe'),
      '| Alice | 2026-03-07 |',
      '| <owner> | 2026-03-07 |',
    );
    expect(findings(text, { ruleId }).map(({ line, column }) => [line, column])).toEqual([
      [34, 15],
      [43, 1],
      [53, 39],
    ]);
  });

  it('leaves HTML comments, HTML tags, code, autolinks and lower-case words alone', () => {
    const text = edit(
      validPostmortem,
      wellLine,
      [
        '<!-- TODO: say what helped; this comment may stay -->',
        '',
        'The alert <!-- TBD --> fired; press <kbd>Ctrl</kbd> to see <details open> the `TODO` in `Map<String, Long>`.',
        'See <https://runbooks.example.com/TODO> and <oncall@example.com>; the todo list was fine.',
      ].join('\n'),
    );
    expect(findings(text, { ruleId })).toEqual([]);
  });

  it('counts columns on CRLF lines as written', () => {
    const text = edit(validPostmortem, wellLine, 'The alert fired\nwithin TBD minutes.').replaceAll('\n', '\r\n');
    expect(findings(text, { ruleId })).toEqual([expect.objectContaining({ line: 44, column: 8 })]);
  });

  it('finds every `TODO` a new postmortem starts with, as warnings of a draft, and nothing else fails', async () => {
    const text = renderPostmortem(
      await readTemplate(),
      { title: 'Checkout outage', date: '2026-03-04', severity: 'SEV2', services: ['checkout-api'], authors: ['Alice'], due: '2026-03-18' },
      defaultSections,
    );
    const todoLines = text
      .split('\n')
      .flatMap((line, index) => (line.replace(/<!--.*?-->/g, '').includes('TODO') ? [index + 1] : []));
    const all = findings(text);
    const placeholders = all.filter((result) => result.ruleId === ruleId);
    expect(todoLines.length).toBeGreaterThan(0);
    expect([...new Set(placeholders.map((result) => result.line))]).toEqual(todoLines);
    expect(placeholders.every((result) => result.severity === 'warn')).toBe(true);
    expect(all.filter((result) => result.severity === 'error')).toEqual([]);
  });

  it('is a warning while the postmortem is a draft', () => {
    const text = edit(edit(validPostmortem, 'status: published', 'status: draft'), wellLine, 'TODO');
    expect(findings(text, { ruleId })).toEqual([expect.objectContaining({ severity: 'warn', line: 43, column: 1 })]);
  });

  it('is never an error when configured as a warning', () => {
    const config = testConfig({ rules: { [ruleId]: { level: 'warn', options: {} } } });
    expect(findings(edit(validPostmortem, wellLine, 'TODO'), { ruleId, config })).toEqual([expect.objectContaining({ severity: 'warn' })]);
  });

  it('points at frontmatter values that hold a marker or a prompt', () => {
    const text = edit(edit(validPostmortem, 'title: Checkout outage from database connection pool exhaustion', 'title: TODO'), '  - Alice', '  - <your name>');
    expect(findings(text, { ruleId })).toEqual([
      { ruleId, severity: 'error', line: 2, column: 8, message: 'Unexpected placeholder `TODO` in `title`, expected the real value' },
      { ruleId, severity: 'error', line: 9, column: 5, message: 'Unexpected placeholder `<your name>` in `authors[0]`, expected the real value' },
    ]);
  });

  it('reads any angle-bracket word in frontmatter as a prompt, HTML names included', () => {
    const text = edit(validPostmortem, 'title: Checkout outage from database connection pool exhaustion', 'title: "<title>"');
    expect(findings(text, { ruleId })).toEqual([expect.objectContaining({ line: 2, column: 8, message: expect.stringContaining('`<title>` in `title`') })]);
  });
});
