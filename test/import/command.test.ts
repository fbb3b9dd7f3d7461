import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hindsight, writeFiles } from '../helpers/cli.js';
import { importJson, lintDraft, tempFolder } from './helpers.js';

const incident = [
  '# Checkout outage',
  '',
  'Date: 2026-03-04',
  'Severity: SEV2',
  'Services: checkout-api',
  '',
  '## Summary',
  '',
  'Checkout failed.',
  '',
].join('\n');

describe('hindsight import', () => {
  it('prints each written path, relative to the working directory, and never overwrites', async () => {
    const cwd = tempFolder();
    writeFiles(cwd, { 'old/checkout.md': incident });
    const first = await hindsight(cwd, ['import', 'old/checkout.md']);
    expect(first).toEqual({ exitCode: 0, stdout: 'postmortems/2026-03-04-checkout-outage.md\n', stderr: '' });
    const written = readFileSync(join(cwd, 'postmortems/2026-03-04-checkout-outage.md'), 'utf8');

    const second = await hindsight(cwd, ['import', join(cwd, 'old/checkout.md')]);
    expect(second).toEqual({
      exitCode: 0,
      stdout: 'postmortems/2026-03-04-checkout-outage-2.md\n',
      stderr: 'hindsight: 2026-03-04-checkout-outage.md already exists; wrote old/checkout.md to postmortems/2026-03-04-checkout-outage-2.md\n',
    });
    expect(readFileSync(join(cwd, 'postmortems/2026-03-04-checkout-outage.md'), 'utf8')).toBe(written);
    expect(readFileSync(join(cwd, 'old/checkout.md'), 'utf8')).toBe(incident);
    // Written atomically: no temporary file is left beside the drafts.
    expect(readdirSync(join(cwd, 'postmortems'))).toEqual(['2026-03-04-checkout-outage-2.md', '2026-03-04-checkout-outage.md']);
  });

  it('prints source, file, inferred and missing as JSON', async () => {
    const cwd = tempFolder();
    writeFiles(cwd, { 'old/checkout.md': incident });
    expect(await importJson(cwd, ['old'])).toEqual({
      exitCode: 0,
      stderr: '',
      results: [{ source: 'old/checkout.md', file: 'postmortems/2026-03-04-checkout-outage.md', inferred: ['title', 'date', 'severity', 'services'], missing: ['authors', 'started_at', 'resolved_at'] }],
    });
  });

  it('writes under the configured folder, mapping severities to the configured levels', async () => {
    const cwd = tempFolder();
    writeFiles(cwd, {
      'hindsight.config.json': JSON.stringify({ postmortems: 'docs/incidents', severities: [{ id: 'P1', name: 'Page' }, { id: 'P2', name: 'Ticket' }] }),
      'a.md': '# Queue backlog\n\nPriority: p1\n',
      'b.md': '# Search slow\n\nSeverity: SEV1\n',
    });
    const { results } = await importJson(cwd, ['a.md', 'b.md']);
    expect(results.map(({ file, inferred }) => [file, inferred])).toEqual([
      ['docs/incidents/undated-queue-backlog.md', ['title', 'severity']],
      // `SEV1` is no configured level: it is kept as written, and the linter asks for one.
      ['docs/incidents/undated-search-slow.md', ['title']],
    ]);
    expect(lintDraft(cwd, 'docs/incidents/undated-queue-backlog.md').postmortem.data.severity).toBe('P1');
    expect(lintDraft(cwd, 'docs/incidents/undated-search-slow.md').postmortem.data['x-imported']).toEqual({ Severity: 'SEV1' });
  });

  it('imports what it can and names what it could not, with the place, exiting 1', async () => {
    const cwd = tempFolder();
    writeFiles(cwd, {
      'old/good.md': incident,
      'old/bad-yaml.md': '---\ntitle: [unclosed\n---\n\nBody\n',
      'old/bad-toml.md': '+++\ntitle = "a"\ndate = = 3\n+++\n\nBody\n',
      'old/unclosed.md': '+++\ntitle = "a"\n',
      'old/empty.md': ' \n',
      'old/nested.md': `${'> '.repeat(40)}deep\n`,
    });
    writeFileSync(join(cwd, 'old/binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01]));
    const { exitCode, stdout, stderr } = await hindsight(cwd, ['import', 'old']);
    expect(exitCode).toBe(1);
    expect(stdout).toBe('postmortems/2026-03-04-checkout-outage.md\n');
    expect(stderr.split('\n')).toEqual([
      expect.stringMatching(/^hindsight: old\/bad-toml\.md:3:8: not imported: Invalid TOML frontmatter: /),
      'hindsight: old/bad-yaml.md:3:1: not imported: Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'hindsight: old/binary.md:1:1: not imported: The file is binary, expected UTF-8 Markdown text',
      'hindsight: old/empty.md:1:1: not imported: The file is empty, expected a postmortem to import',
      'hindsight: old/nested.md:1:1: not imported: Unexpected 40 nested blockquotes or list items on one line, expected at most 20',
      'hindsight: old/unclosed.md:1:1: not imported: Unclosed TOML frontmatter, expected a `+++` line after the TOML that starts on line 1',
      'hindsight: 6 of 7 files not imported',
      '',
    ]);
  });

  it.each([
    [[], 'hindsight: Missing PATH, expected the postmortems to import (files or folders)\n'],
    [['nowhere.md'], 'hindsight: No such file or folder: nowhere.md\n'],
    [['a.md', '--format', 'yaml'], 'hindsight: Invalid --format `yaml`, expected one of: text, json\n'],
  ])('refuses %j with exit 2 and writes nothing', async (args, stderr) => {
    const cwd = tempFolder();
    writeFiles(cwd, { 'a.md': incident });
    expect(await hindsight(cwd, ['import', ...args])).toEqual({ exitCode: 2, stdout: '', stderr });
    expect(readdirSync(cwd)).toEqual(['a.md']);
  });

  it('reads a folder\'s documents by any Markdown or text name, leaving out read-me, index and hidden files', async () => {
    const cwd = tempFolder();
    const files = ['2019 outage', 'b.markdown', 'c.txt', 'd.html.md.erb', 'nested/e.md', 'README.md', 'index.md', '.hidden.md', '.git/f.md', 'logo.png'];
    writeFiles(cwd, Object.fromEntries(files.map((name, index) => [`old/${name}`, `# Incident ${index}\n\nDate: 2026-03-0${(index % 9) + 1}\n`])));
    const { results } = await importJson(cwd, ['old']);
    expect(results.map((result) => result.source)).toEqual(['old/2019 outage', 'old/b.markdown', 'old/c.txt', 'old/d.html.md.erb', 'old/nested/e.md']);
  });
});

describe('an imported draft', () => {
  /** Imports one document and returns the draft's text, model and lint errors. */
  async function draftOf(source: string, name = 'old.md') {
    const cwd = tempFolder();
    writeFiles(cwd, { [name]: source });
    const { exitCode, stderr, results } = await importJson(cwd, [name]);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    return { ...lintDraft(cwd, results[0]?.file ?? ''), result: results[0] };
  }

  it('invents nothing: a page of prose gets only its title, and the linter asks for the rest', async () => {
    const { postmortem, errors, result } = await draftOf('Something broke and we fixed it.\n', 'notes from friday.md');
    expect(result).toMatchObject({ file: 'postmortems/undated-notes-from-friday.md', inferred: ['title'], missing: ['date', 'severity', 'services', 'authors', 'started_at', 'resolved_at'] });
    expect(postmortem.data).toEqual({ title: 'notes from friday', status: 'draft', impact: {} });
    expect(postmortem.sections.map((section) => section.title)).toEqual(['Summary', 'Impact', 'Timeline', 'Root Cause', 'What Went Well', 'What Went Poorly', 'Action Items', 'Lessons Learned']);
    expect(errors).toEqual([
      'schema: Missing required key `date`',
      'schema: Missing required key `severity`',
      'schema: Missing required key `services`',
      'schema: Missing required key `authors`',
      'schema: Missing required key `started_at`',
      'schema: Missing required key `resolved_at`',
      'filename: Unexpected file name `undated-notes-from-friday.md`, expected `YYYY-MM-DD-kebab-slug.md` (a real day, then lowercase words joined by `-`)',
      'timeline-format: Missing timeline entries under `## Timeline`, expected lines such as `14:32 UTC - Checkout errors start`',
      'action-items-table: Missing a table under `## Action Items`, expected a Markdown table with the columns Action, Owner and Due (or Due Date), in any order',
    ]);
  });

  it('keeps any title and value as data, and unknown keys under x-imported', async () => {
    const title = '"quoted": [a, {b: c}] # not a comment & *alias !!tag ---';
    const { postmortem, text } = await draftOf(`---\ntitle: '${title.replace(/'/g, "''")}'\n__proto__: { polluted: true }\nweird key: "--- \\n"\n---\n\nBody\n`);
    expect(postmortem.syntax).toEqual([]);
    expect(postmortem.data.title).toBe(title);
    expect(postmortem.data['x-imported']).toEqual({ ['__proto__']: { polluted: true }, 'weird key': '--- \n' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(text.split('\n').filter((line) => line === '---')).toHaveLength(2);
  });

  it('reads a `---` line with no second one as a thematic break, not frontmatter', async () => {
    const { postmortem } = await draftOf('---\n\n# Disk full on db-3\n\nDate: 2026-02-02\n');
    expect(postmortem.data).toMatchObject({ title: 'Disk full on db-3', date: '2026-02-02' });
  });

  it('shortens a title longer than the schema allows, keeping the whole of it', async () => {
    const long = `Outage ${'and more words '.repeat(30)}at the end`;
    const { postmortem, errors } = await draftOf(`# ${long}\n`);
    expect([...(postmortem.data.title as string)].length).toBeLessThanOrEqual(200);
    expect(postmortem.data['x-imported']).toEqual({ title: long });
    expect(errors.filter((error) => error.includes('title'))).toEqual([]);
  });

  it('leaves a time in an unknown zone unconverted, for the linter to ask about', async () => {
    const { errors, text } = await draftOf('# Cache stampede\n\nDate: 2026-03-04\n\n## Timeline\n\n- 14:32 - Cache flushed\n- 14:40 CST - Hit rate back\n');
    // `CST` names several zones: it is no zone to read, so it stays in the event's text.
    expect(text).toContain('- 14:32 (not converted to UTC) - Cache flushed\n- 14:40 (not converted to UTC) - CST - Hit rate back');
    expect(errors.filter((error) => error.startsWith('timeline-format'))).toEqual([
      'timeline-format: Unexpected timeline line `14:32 (not converted to UTC) - Cache flushed`, expected it to start with a time and a dash, such as `14:32 UTC - `',
      'timeline-format: Unexpected timeline line `14:40 (not converted to UTC) - CST - Hit rate back`, expected it to start with a time and a dash, such as `14:32 UTC - `',
    ]);
  });

  it('takes the zone stated once in the prose for bare times, and keeps the time as written beside the UTC one', async () => {
    const { postmortem, text } = await draftOf('# Login errors\n\nDate: 2026-07-01\nStart: 09:00\n\nAll times in PDT.\n\n## Timeline\n\n- 09:00 - Errors start\n- 09:30 UTC - A fix is deployed\n');
    expect(postmortem.data.started_at).toBe('2026-07-01T16:00:00Z');
    expect(text).toContain('started_at: 2026-07-01T16:00:00Z # as written: 09:00\n');
    expect(postmortem.timeline.map((entry) => [entry.time, entry.text])).toEqual([
      ['2026-07-01 16:00 UTC', '(09:00) Errors start'],
      ['2026-07-01 09:30 UTC', 'A fix is deployed'],
    ]);
  });

  it('keeps a renamed section\'s heading, and text before any section where it stood', async () => {
    const { text, postmortem } = await draftOf('# Outage\n\nIntro words.\n\n## What went wrong -->\n\n- A thing\n\n## Epilogue\n\nLast words.\n');
    expect(text).toContain('\n---\n\nIntro words.\n\n## Summary\n\nTODO: Write this section.');
    expect(text).toContain('## What Went Poorly\n\n<!-- Imported from the heading “What went wrong - ->”. -->\n\n- A thing\n\n## Epilogue\n\nLast words.');
    expect(postmortem.prose.map((span) => span.text)).not.toContain('”. -->');
  });

  it('turns foreign action item tables and bullets into one table, keeping other columns and the words as written', async () => {
    const { postmortem, text } = await draftOf([
      '# Outage', '', 'Date: 2026-03-04', '', '## Remediation', '', '### Prevent', '',
      '| Task | Who | Deadline | State | Jira |', '|---|---|---|---|---|', '| Add a pool limit | Alice | March 20, 2026 | Won\'t fix | OPS-1 \\| OPS-2 |',
      '', '### Detect', '', '- [x] Alert on pool use (owner: Bo, due 2026-03-10)', '- Dashboard for pools, status: In Review', '',
    ].join('\n'));
    expect(postmortem.actionItems?.items.map((item) => [item.action, item.owner, item.due, item.status, item.cells.Group?.text])).toEqual([
      ['Add a pool limit', 'Alice', '2026-03-20', 'wont-do', 'Prevent'],
      ['Alert on pool use', 'Bo', '2026-03-10', 'done', 'Detect'],
      ['Dashboard for pools', '', '', 'in-progress', 'Detect'],
    ]);
    expect(postmortem.actionItems?.columns.map((column) => column.header)).toEqual(['Action', 'Owner', 'Due', 'Status', 'Ticket', 'Status as written', 'Due as written', 'Group']);
    expect(text).toContain('<!-- Columns as written: Task | Who | Deadline | State | Jira -->');
    // A `|` in a cell stays escaped, so the row keeps its columns.
    expect(postmortem.actionItems?.items[0]?.ticket).toBe('OPS-1 | OPS-2');
  });
});
