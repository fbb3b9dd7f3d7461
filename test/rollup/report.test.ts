import { describe, expect, it } from 'vitest';
import { defaultSeverities } from '../../src/config/config.js';
import { statsFormatters, type StatsReport } from '../../src/report/stats/index.js';
import { computeBreakdowns, computeStats } from '../../src/rollup/index.js';
import { item, model } from './model.js';

const asOf = '2026-06-01';

function report(postmortems: ReturnType<typeof model>[]): StatsReport {
  return { stats: computeStats(postmortems, asOf), breakdowns: computeBreakdowns(postmortems, asOf), postmortems, skipped: [], severities: defaultSeverities };
}

describe('stats formatters', () => {
  const awkward = report([
    model({
      id: 'awkward',
      severity: 'SEV5',
      items: [item({ owner: 'a|b', action: '**Bold** <img src=x> [link](y) costs $5 to $6\nand `more`', due: '2026-05-01' })],
    }),
  ]);

  it('escapes Markdown in owners and actions so that a table row stays one row of plain text', () => {
    const row = statsFormatters.markdown(awkward).split('\n').find((line) => line.startsWith('| 31 |'));
    expect(row).toBe('| 31 | 2026-05-01 | a\\|b | awkward | \\*\\*Bold\\*\\* \\<img src=x\\> \\[link\\](y) costs \\$5 to \\$6 and \\`more\\` |');
  });

  it('shows a severity that is not configured by its id', () => {
    expect(statsFormatters.table(awkward)).toMatch(/^SEV5 {2,}1 /m);
    expect(statsFormatters.markdown(awkward)).toContain('| SEV5 | 1 |');
  });

  it('keeps table columns aligned around names outside plain ASCII', () => {
    const owners = ['Tomás Ibarra', '𝒜lice Smith', 'Bob'];
    const table = statsFormatters.table(report([model({ id: 'the-postmortem', items: owners.map((owner) => item({ owner, due: '2026-05-01' })) })]));
    const rows = table.split('\n').filter((line) => line.includes('the-postmortem'));
    // Columns are counted in characters as shown, not in UTF-16 units.
    const column = (line: string) => [...line.slice(0, line.indexOf('the-postmortem'))].length;
    expect(rows).toHaveLength(3);
    expect(rows.map(column)).toEqual([40, 40, 40]);
  });
});
