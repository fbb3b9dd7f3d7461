import { describe, expect, it } from 'vitest';
import { edit, findings, validPostmortem } from '../helpers/lint.js';

const ruleId = 'action-items-table';
// Row 53 of the shared fixture.
const firstRow = '| Add pool metrics to the dashboard | Alice | 2026-03-07 | done | detect |';
const [statusColumn, typeColumn] = [3, 4].map((cell) => cellColumn(firstRow, cell));

/** Where a finding about cell `n` (from 0) of `row` points: its text, or the `|` before an empty cell. */
function cellColumn(row: string, n: number): number {
  let pipe = -1;
  for (let index = 0; index <= n; index++) pipe = row.indexOf('|', pipe + 1);
  const blanks = row.slice(pipe + 1).search(/[^ ]/);
  return row[pipe + 1 + blanks] === '|' ? pipe + 1 : pipe + 2 + blanks;
}

function withFirstRow(row: string): string {
  return edit(validPostmortem, firstRow, row);
}

describe('action-items-table', () => {
  it('accepts a table with Action, Owner and Due, and known statuses and types in any spelling', () => {
    expect(findings(validPostmortem, { ruleId })).toEqual([]);
    const spelled = edit(
      withFirstRow('| Add pool metrics to the dashboard | Alice | 2026-03-04 | wont_do | Detect |'),
      '| Bob | 2026-03-14 | in-progress |',
      '| Bob | 2026-03-14 | In Progress |',
    );
    expect(findings(spelled, { ruleId })).toEqual([]);
  });

  it('accepts columns in any order, `Due Date`, an empty status, and other columns', () => {
    const text = edit(
      edit(validPostmortem, '| Action | Owner | Due | Status | Type |\n|---|---|---|---|---|', '| Owner | Action | Due Date | Status | Type | Notes |\n|---|---|---|---|---|---|'),
      /\| Add pool metrics.*\n\| Load test.*\n/,
      '| Alice | Add pool metrics to the dashboard | 2026-03-07 |  | detect | see runbook |\n',
    );
    expect(findings(text, { ruleId })).toEqual([]);
  });

  it('points at the Action Items heading when the section holds no table', () => {
    const text = edit(validPostmortem, /\| Action \|[^]*?prevent \|\n/, 'We will add pool metrics and a load test.\n');
    expect(findings(text, { ruleId })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 49,
        column: 1,
        message: 'Missing a table under `## Action Items`, expected a Markdown table with the columns Action, Owner and Due (or Due Date), in any order',
      },
    ]);
  });

  it('points at the header row when a required column is missing', () => {
    const text = edit(validPostmortem, '| Action | Owner | Due |', '| Action | Person | Due |');
    expect(findings(text, { ruleId })).toEqual([
      expect.objectContaining({
        line: 51,
        column: 1,
        message: 'Missing column `Owner` in the action items table, expected the columns Action, Owner and Due (or Due Date), in any order',
      }),
    ]);
  });

  it('points at an empty action or owner cell', () => {
    expect(findings(withFirstRow('|  | Alice | 2026-03-07 | done | detect |'), { ruleId })).toEqual([
      expect.objectContaining({ line: 53, column: 1, message: 'Missing action in row 1 of the action items table, expected what will be done' }),
    ]);
    expect(findings(withFirstRow('| Add pool metrics to the dashboard |  | 2026-03-07 | done | detect |'), { ruleId })).toEqual([
      expect.objectContaining({ line: 53, column: cellColumn('| Add pool metrics to the dashboard |  |', 1), message: 'Missing owner for `Add pool metrics to the dashboard`, expected who will do it' }),
    ]);
  });

  it.each([
    ['', 'Missing due date for `Add pool metrics to the dashboard`, expected `YYYY-MM-DD`'],
    ['next week', 'Unexpected due date `next week` for `Add pool metrics to the dashboard`, expected `YYYY-MM-DD`'],
    ['2026-3-7', 'Unexpected due date `2026-3-7` for `Add pool metrics to the dashboard`, expected `YYYY-MM-DD`'],
    ['2026-02-30', 'Unexpected due date `2026-02-30` for `Add pool metrics to the dashboard`, expected a day that exists'],
    [
      '2026-03-03',
      "Unexpected due date `2026-03-03` for `Add pool metrics to the dashboard`, expected a day on or after the incident's `date` `2026-03-04`",
    ],
  ])('points at the due cell %j', (due, message) => {
    const text = withFirstRow(`| Add pool metrics to the dashboard | Alice | ${due} | done | detect |`);
    expect(findings(text, { ruleId })).toEqual([{ ruleId, severity: 'error', line: 53, column: cellColumn(text.split('\n')[52] ?? '', 2), message }]);
  });

  it('points at an unknown status, naming the allowed ones', () => {
    expect(findings(withFirstRow('| Add pool metrics to the dashboard | Alice | 2026-03-07 | finished | detect |'), { ruleId })).toEqual([
      expect.objectContaining({
        line: 53,
        column: statusColumn,
        message:
          'Unexpected status `finished` for `Add pool metrics to the dashboard`, expected one of `open`, `in-progress`, `done`, `wont-do` (empty means `open`)',
      }),
    ]);
  });

  it('points at an unknown type, naming the allowed ones', () => {
    expect(findings(withFirstRow('| Add pool metrics to the dashboard | Alice | 2026-03-07 | done | fix |'), { ruleId })).toEqual([
      expect.objectContaining({
        line: 53,
        column: typeColumn,
        message: 'Unexpected type `fix` for `Add pool metrics to the dashboard`, expected one of `prevent`, `mitigate`, `detect`, `process`, `other`',
      }),
    ]);
  });

  it('says nothing without an Action Items section (the required-sections rule reports it)', () => {
    expect(findings(edit(validPostmortem, '## Action Items', '## Follow-ups'), { ruleId })).toEqual([]);
  });
});
