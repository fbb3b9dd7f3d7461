import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeStats } from '../../src/rollup/index.js';
import { runStats as run } from './cli.js';
import { fixtureText, parseValid } from './model.js';

const checkoutId = '2026-03-04-checkout-database-connection-pool-exhaustion';
const searchId = '2026-05-12-search-empty-results-after-index-swap';
const fixtures = new URL('./fixtures/', import.meta.url);

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A repository with a `postmortems/` folder holding these files. */
function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-stats-'));
  folders.push(root);
  mkdirSync(join(root, 'postmortems'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'postmortems', name), text);
  return root;
}

function fixtureRepository(): string {
  const root = repository({});
  cpSync(fixtures, join(root, 'postmortems'), { recursive: true });
  return root;
}

const fixtureFiles = readdirSync(fixtures).filter((name) => name.endsWith('.md'));
const fixtureModels = fixtureFiles.map((name) => parseValid(name, fixtureText(name)));

describe('hindsight stats', () => {
  it('prints the contract object as JSON, with no postmortem skipped', async () => {
    const { exitCode, stdout, stderr } = await run(['--format', 'json', '--as-of', '2026-06-01'], fixtureRepository());
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ ...computeStats(fixtureModels, '2026-06-01'), skipped: [] });
    expect(JSON.parse(stdout)).toMatchObject({
      postmortems: 2,
      bySeverity: { SEV1: 1, SEV3: 1 },
      impact: { usersAffected: 15902, failedRequests: 1247, supportTickets: 53 },
      revenueLoss: { USD: 15000, EUR: 2300.5 },
      durations: {
        timeToDetect: { count: 2, medianMinutes: 16.25, p90Minutes: 30.5 },
        timeToMitigate: { count: 1, medianMinutes: 48, p90Minutes: 48 },
        timeToResolve: { count: 2, medianMinutes: 119, p90Minutes: 165 },
      },
      actionItems: { total: 6, open: 4, done: 1, wontDo: 1, overdue: 3 },
    });
  });

  it('prints a table by default', async () => {
    const { exitCode, stdout } = await run(['--as-of', '2026-06-01'], fixtureRepository());
    expect(exitCode).toBe(0);
    expect(stdout).toBe(`Postmortem stats as of 2026-06-01

Postmortems      2
Users affected   15,902
Failed requests  1,247
Support tickets  53
Revenue loss     €2,300.50 · $15,000
Action items     6 total: 4 open, 1 done, 1 won't do; 3 overdue

Severity         Postmortems  Users affected  Revenue loss  Median to mitigate  Median to resolve
SEV1 (Critical)            1           1,032       $15,000                 48m             1h 13m
SEV2 (Major)               0               0             —                   —                  —
SEV3 (Minor)               1          14,870     €2,300.50                   —             2h 45m
SEV4 (Low)                 0               0             —                   —                  —

Duration             Postmortems  Median     p90
Time to detect                 2     16m     31m
Time to acknowledge            2      3m      5m
Time to mitigate               1     48m     48m
Time to resolve                2  1h 59m  2h 45m

Overdue action items, oldest first
Days overdue  Due         Owner    Postmortem                                               Action
          83  2026-03-10  Carol    ${checkoutId}  Create rollback decision tree
          79  2026-03-14  Bob      ${checkoutId}  Add load test for checkout flow
          12  2026-05-20  Mei Lin  ${searchId}         Check the document count before an alias swap
`);
  });

  it('prints GitHub-flavoured Markdown', async () => {
    const { exitCode, stdout } = await run(['--format', 'markdown', '--as-of', '2026-06-01'], fixtureRepository());
    expect(exitCode).toBe(0);
    expect(stdout).toBe(`## Postmortem stats as of 2026-06-01

| Postmortems | Users affected | Failed requests | Support tickets | Revenue loss |
| ---: | ---: | ---: | ---: | ---: |
| 2 | 15,902 | 1,247 | 53 | €2,300.50 · \\$15,000 |

### By severity

| Severity | Postmortems | Users affected | Revenue loss | Median to mitigate | Median to resolve |
| --- | ---: | ---: | ---: | ---: | ---: |
| SEV1 (Critical) | 1 | 1,032 | \\$15,000 | 48m | 1h 13m |
| SEV2 (Major) | 0 | 0 | — | — | — |
| SEV3 (Minor) | 1 | 14,870 | €2,300.50 | — | 2h 45m |
| SEV4 (Low) | 0 | 0 | — | — | — |

### Durations

| Duration | Postmortems | Median | p90 |
| --- | ---: | ---: | ---: |
| Time to detect | 2 | 16m | 31m |
| Time to acknowledge | 2 | 3m | 5m |
| Time to mitigate | 1 | 48m | 48m |
| Time to resolve | 2 | 1h 59m | 2h 45m |

### Action items

6 total: 4 open, 1 done, 1 won't do; 3 overdue.

#### Overdue, oldest first

| Days overdue | Due | Owner | Postmortem | Action |
| ---: | --- | --- | --- | --- |
| 83 | 2026-03-10 | Carol | ${checkoutId} | Create rollback decision tree |
| 79 | 2026-03-14 | Bob | ${checkoutId} | Add load test for checkout flow |
| 12 | 2026-05-20 | Mei Lin | ${searchId} | Check the document count before an alias swap |
`);
  });

  it('prints one CSV row per postmortem, RFC 4180 style', async () => {
    const { exitCode, stdout } = await run(['--format', 'csv', '--as-of', '2026-06-01'], fixtureRepository());
    expect(exitCode).toBe(0);
    expect(stdout.split('\r\n')).toEqual([
      'id,title,date,severity,status,services,time_to_detect_minutes,time_to_acknowledge_minutes,time_to_mitigate_minutes,time_to_resolve_minutes,users_affected,failed_requests,support_tickets,revenue_loss_amount,revenue_loss_currency,action_items_total,action_items_open,action_items_overdue',
      `${checkoutId},Checkout outage from orders-db connection pool exhaustion after deploy,2026-03-04,SEV1,published,checkout-api;orders-db,2,2,48,73,1032,1247,47,15000,USD,3,2,2`,
      `${searchId},Product search returned empty results after an index alias swap,2026-05-12,SEV3,in-review,search,30.5,4.5,,165,14870,,6,2300.5,EUR,3,2,1`,
      '',
    ]);
  });

  it('quotes CSV fields with commas and quotes', async () => {
    const text = fixtureText(`${checkoutId}.md`).replace(/^title: .*$/m, 'title: \'Checkout "down", then degraded\'');
    const { stdout } = await run(['--format', 'csv', '--as-of', '2026-06-01'], repository({ [`${checkoutId}.md`]: text }));
    expect(stdout.split('\r\n')[1]).toMatch(new RegExp(`^${checkoutId},"Checkout ""down"", then degraded",2026-03-04,`));
  });

  it('defuses a CSV field that a spreadsheet would run as a formula', async () => {
    const text = fixtureText(`${checkoutId}.md`).replace(/^title: .*$/m, "title: '=HYPERLINK(\"https://example.com\")'");
    const { stdout } = await run(['--format', 'csv', '--as-of', '2026-06-01'], repository({ [`${checkoutId}.md`]: text }));
    expect(stdout.split('\r\n')[1]).toMatch(new RegExp(`^${checkoutId},"'=HYPERLINK\\(""https://example.com""\\)",2026-03-04,`));
  });

  it('reads files with a byte order mark and CRLF line ends like any other', async () => {
    const windows = Object.fromEntries(fixtureFiles.map((name) => [name, `\uFEFF${fixtureText(name).replace(/\n/g, '\r\n')}`]));
    const { exitCode, stdout, stderr } = await run(['--format', 'json', '--as-of', '2026-06-01'], repository(windows));
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ ...computeStats(fixtureModels, '2026-06-01'), skipped: [] });
  });

  it('reports only the paths given', async () => {
    const { exitCode, stdout } = await run([`postmortems/${searchId}.md`, '--format', 'json', '--as-of', '2026-06-01'], fixtureRepository());
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ postmortems: 1, bySeverity: { SEV3: 1 }, revenueLoss: { EUR: 2300.5 } });
  });

  it('leaves out a file with lint errors, names it, and exits 1', async () => {
    const broken = fixtureText(`${searchId}.md`).replace('severity: SEV3', 'severity: SEV9');
    const root = repository({ [`${checkoutId}.md`]: fixtureText(`${checkoutId}.md`), [`${searchId}.md`]: broken });
    const json = await run(['--format', 'json', '--as-of', '2026-06-01'], root);
    expect(json.exitCode).toBe(1);
    expect(json.stderr).toBe(`hindsight: left postmortems/${searchId}.md out of the stats: it has 1 lint error (see \`hindsight lint postmortems/${searchId}.md\`)\n`);
    const stats = JSON.parse(json.stdout);
    expect(stats.skipped).toEqual([searchId]);
    expect(stats).toMatchObject({ postmortems: 1, bySeverity: { SEV1: 1 }, revenueLoss: { USD: 15000 } });
    const table = await run(['--as-of', '2026-06-01'], root);
    expect(table.exitCode).toBe(1);
    expect(table.stdout).toContain(`Left out for lint errors: ${searchId}\n`);
    const markdown = await run(['--format', 'markdown', '--as-of', '2026-06-01'], root);
    expect(markdown.stdout).toContain(`> [!WARNING]\n> Left out for lint errors: ${searchId}.`);
  });

  it('gives zeros for an empty folder', async () => {
    const { exitCode, stdout, stderr } = await run(['--format', 'json', '--as-of', '2026-06-01'], repository({}));
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ ...computeStats([], '2026-06-01'), skipped: [] });
    const table = await run(['--as-of', '2026-06-01'], repository({}));
    expect(table.stdout).toContain('Postmortems      0\n');
    expect(table.stdout).toContain('Overdue action items: none\n');
    const csv = await run(['--format', 'csv', '--as-of', '2026-06-01'], repository({}));
    expect(csv.stdout).toMatch(/^id,title,date,.*,action_items_overdue\r\n$/);
  });

  it.each([
    [['--format', 'xml'], 'hindsight: Invalid --format `xml`, expected one of: table, json, markdown, csv\n'],
    [['--as-of', '2026-13-01'], 'hindsight: Invalid --as-of `2026-13-01`, expected a date as YYYY-MM-DD\n'],
    [['missing.md'], 'hindsight: No such file or folder: missing.md\n'],
  ])('exits 2 on %j', async (args, message) => {
    const { exitCode, stdout, stderr } = await run(args, repository({}));
    expect({ exitCode, stdout, stderr }).toEqual({ exitCode: 2, stdout: '', stderr: message });
  });
});
