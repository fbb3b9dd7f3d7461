import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { cleanTitle, titleSlug } from '../../src/scaffold.js';
import { todayUtc } from '../../src/time.js';
import { writeFiles } from '../helpers/cli.js';
import { gitEnv, hindsight, lintJson, tempFolder } from './helpers.js';

const hostileTitle = `../../etc/<b>passwd</b> 🔥 outage 👩‍💻 ${'lorem ipsum '.repeat(42)}`;

/** `hindsight new` in a fresh folder; the written file's path and text. */
async function scaffold(args: string[], cwd = tempFolder()) {
  const result = await hindsight(cwd, ['new', ...args]);
  const file = result.stdout.trim();
  return { ...result, cwd, file, text: file ? readFileSync(join(cwd, file), 'utf8') : '' };
}

function frontmatter(text: string, file = 'postmortems/x.md') {
  return parsePostmortem(file, new TextEncoder().encode(text)).data;
}

describe('hindsight new', () => {
  it('writes a draft from the template that lints with no errors', async () => {
    const { exitCode, stdout, stderr, cwd, text } = await scaffold([
      '--title', 'Checkout: orders-db pool exhausted', '--severity', 'sev1', '--date', '2026-03-04', '--service', 'checkout-api', '--service', 'orders-db',
    ]);
    expect({ exitCode, stdout, stderr }).toEqual({ exitCode: 0, stdout: 'postmortems/2026-03-04-checkout-orders-db-pool-exhausted.md\n', stderr: '' });
    expect(frontmatter(text)).toEqual({
      title: 'Checkout: orders-db pool exhausted',
      date: '2026-03-04',
      severity: 'SEV1',
      status: 'draft',
      services: ['checkout-api', 'orders-db'],
      authors: ['TODO'],
      started_at: '2026-03-04T00:00:00Z',
      resolved_at: '2026-03-04T00:00:00Z',
      impact: {},
    });
    // SEV1 action items are due within 15 days.
    expect(text).toContain('| TODO | 2026-03-19 | open | prevent |');
    expect(await lintJson(cwd, ['--as-of', '2026-03-04'])).toEqual({
      exitCode: 0,
      stderr: '',
      files: [{ file: 'postmortems/2026-03-04-checkout-orders-db-pool-exhausted.md', errors: [] }],
    });
  });

  it('holds every required section, the triage checklist and the status update stages', async () => {
    const { text } = await scaffold(['--title', 'Search outage']);
    const headings = [...text.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
    expect(headings).toEqual(['Summary', 'Impact', 'Triage', 'Status Updates', 'Timeline', 'Root Cause', 'What Went Well', 'What Went Poorly', 'Action Items', 'Lessons Learned']);
    for (const question of ['What is affected?', 'How many users are affected?', 'Is it getting worse, or is it stable?', 'Were there deploys in the last 2 hours?', 'Were there infrastructure changes']) {
      expect(text).toContain(`- [ ] ${question}`);
    }
    expect([...text.matchAll(/^- \*\*(\w+)\*\*/gm)].map((match) => match[1])).toEqual(['Investigating', 'Identified', 'Monitoring', 'Resolved']);
  });

  it('defaults to today (UTC), the least severe level, the git user as author and a service to replace', async () => {
    const cwd = tempFolder();
    const config = join(cwd, 'gitconfig');
    writeFileSync(config, '[user]\n\tname = Dana Writer\n');
    let stdout = '';
    let stderr = '';
    const exitCode = await main(['new', '--title', 'Queue backlog'], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      stdin: new PassThrough(),
      cwd,
      env: gitEnv(config),
    });
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: 'hindsight: no service named; wrote `unknown-service`, replace it with the affected services\n' });
    expect(frontmatter(readFileSync(join(cwd, stdout.trim()), 'utf8'))).toMatchObject({
      date: todayUtc(),
      severity: 'SEV4',
      authors: ['Dana Writer'],
      services: ['unknown-service'],
    });
  });

  it('writes one safe file for a hostile title, and never changes it when run again', async () => {
    const cwd = tempFolder();
    const first = await scaffold(['--title', hostileTitle, '--date', '2026-03-04'], cwd);
    expect(first.exitCode).toBe(0);
    expect(first.file).toMatch(/^postmortems\/2026-03-04-etc-b-passwd-b-outage-lorem-ipsum(-lorem|-ipsum)*\.md$/);
    expect(first.file.length - 'postmortems/2026-03-04-.md'.length).toBeLessThanOrEqual(60);
    expect(first.stderr).toContain('the title is longer than 200 characters');
    const title = frontmatter(first.text).title as string;
    expect([...title].length).toBeLessThanOrEqual(200);
    expect(title.startsWith('../../etc/<b>passwd</b> 🔥 outage 👩‍💻 lorem ipsum')).toBe(true);

    const second = await scaffold(['--title', hostileTitle, '--date', '2026-03-04'], cwd);
    expect(second.exitCode).toBe(0);
    expect(second.file).toBe(first.file.replace(/\.md$/, '-2.md'));
    expect(second.stderr).toContain('already exists; wrote a new file beside it');
    expect(readFileSync(join(cwd, first.file), 'utf8')).toBe(first.text);
    expect(readdirSync(cwd)).toEqual(['postmortems']);
    expect(readdirSync(join(cwd, 'postmortems'))).toHaveLength(2);

    const { exitCode, files } = await lintJson(cwd, ['--as-of', '2026-03-04']);
    expect(exitCode).toBe(0);
    expect(files.map((file) => file.errors)).toEqual([[], []]);
  });

  it.each([
    ['a YAML document end', '---\nstatus: published'],
    ['YAML syntax', '"quoted": [a, {b: c}] # not a comment & *alias !!tag'],
    ['a number', '404'],
    ['Markdown', '## Summary\n\n| a | b |'],
  ])('keeps a title that looks like %s as the title', async (_name, raw) => {
    const { cwd, text } = await scaffold([`--title=${raw}`, '--date', '2026-03-04']);
    expect(frontmatter(text).title).toBe(raw.replace(/\s+/g, ' '));
    expect((await lintJson(cwd, ['--as-of', '2026-03-04'])).exitCode).toBe(0);
  });

  it('arranges the sections a config requires, in its order', async () => {
    const cwd = tempFolder();
    writeFiles(cwd, {
      'hindsight.config.json': JSON.stringify({
        postmortems: 'docs/incidents',
        sections: ['Summary', 'Timeline', 'Impact', 'Customer Communication', 'Action Items'],
        severities: [{ id: 'P1', name: 'Page' }, { id: 'P2', name: 'Ticket' }],
      }),
    });
    const { file, text } = await scaffold(['--title', 'Login failures', '--date', '2026-03-04'], cwd);
    expect(file).toBe('docs/incidents/2026-03-04-login-failures.md');
    expect([...text.matchAll(/^## (.+)$/gm)].map((match) => match[1])).toEqual([
      // Sections the config does not require stay after the one they follow in the template.
      'Summary', 'Timeline', 'Root Cause', 'What Went Well', 'What Went Poorly', 'Impact', 'Triage', 'Status Updates', 'Customer Communication', 'Action Items', 'Lessons Learned',
    ]);
    expect(frontmatter(text).severity).toBe('P2');
    expect(await lintJson(cwd, ['--as-of', '2026-03-04'])).toMatchObject({ exitCode: 0, files: [{ errors: [] }] });
  });

  it.each([
    [[], "hindsight: Missing --title, expected the incident's title (hindsight new asks for it only on a terminal)\n"],
    [['--title', ' \n\t '], "hindsight: Unexpected empty --title, expected the incident's title\n"],
    [['--title', 'x', '--severity', 'SEV9'], 'hindsight: Unexpected --severity `SEV9`, expected one of `SEV1`, `SEV2`, `SEV3`, `SEV4`\n'],
    [['--title', 'x', '--date', '2026-02-30'], 'hindsight: Unexpected --date `2026-02-30`, expected the day impact began as YYYY-MM-DD\n'],
    [['--title', 'x', '--service', 'Checkout API'], 'hindsight: Unexpected --service `Checkout API`, expected a kebab-case name such as `checkout-api`\n'],
    [['--title', 'x', 'extra'], "hindsight: Unexpected argument 'extra'. This command does not take positional arguments\n"],
  ])('refuses %j with exit 2 and writes nothing', async (args, stderr) => {
    const { exitCode, stdout, stderr: actual, cwd } = await scaffold(args);
    expect({ exitCode, stdout, stderr: actual }).toEqual({ exitCode: 2, stdout: '', stderr });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('never prompts in CI, even on a terminal', async () => {
    const cwd = tempFolder();
    let stderr = '';
    const terminal = Object.assign(new PassThrough(), { isTTY: true });
    const exitCode = await main(['new'], { stdout: terminal, stderr: { write: (text: string) => (stderr += text) }, stdin: terminal, cwd, env: { ...gitEnv(), CI: 'true' } });
    expect({ exitCode, stderr }).toEqual({ exitCode: 2, stderr: "hindsight: Missing --title, expected the incident's title (hindsight new asks for it only on a terminal)\n" });
  });

  it('asks for what is missing on a terminal', async () => {
    const cwd = tempFolder();
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    // Like process.stdout, which a pipe never ends: each prompt ends its own output stream.
    const stdout = Object.assign(new PassThrough(), { isTTY: true, end: () => stdout });
    let screen = '';
    stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    /** Types `keys` once the prompt that says `question` is on the screen. */
    const answer = async (question: string, keys: string): Promise<void> => {
      while (!screen.includes(question)) await new Promise((resolve) => setTimeout(resolve, 5));
      stdin.write(keys);
    };
    const run = main(['new', '--date', '2026-03-04'], { stdout, stderr: { write: () => true }, stdin, cwd, env: gitEnv() });
    await answer('Title', 'Payments retry storm\r');
    await answer('Severity', '\u001b[A\r'); // up from the default SEV4: SEV3
    await answer('Affected services', 'payments-api, psp-gateway\r');
    expect(await run).toBe(0);
    const [file] = readdirSync(join(cwd, 'postmortems'));
    expect(file).toBe('2026-03-04-payments-retry-storm.md');
    expect(frontmatter(readFileSync(join(cwd, 'postmortems', file ?? ''), 'utf8'))).toMatchObject({
      title: 'Payments retry storm',
      severity: 'SEV3',
      date: '2026-03-04',
      services: ['payments-api', 'psp-gateway'],
    });
  });
});

describe('file names and titles', () => {
  it.each([
    ['Checkout outage', 'checkout-outage'],
    ['Ärger mit DNS & TLS', 'aerger-mit-dns-and-tls'],
    ['../../', 'incident'],
    ['🔥🔥🔥', 'incident'],
    ['日本語のタイトル', 'incident'],
    [`${'a'.repeat(70)} b`, 'a'.repeat(60)],
    ['one two three four five six seven eight nine ten eleven twelve thirteen', 'one-two-three-four-five-six-seven-eight-nine-ten-eleven'],
  ])('slugs %j as %j', (title, slug) => {
    expect(titleSlug(title)).toBe(slug);
    expect(titleSlug(title)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('shortens a long title between graphemes, at a space when near', () => {
    const family = '👨‍👩‍👧';
    const { title, shortened } = cleanTitle(`${'x'.repeat(197)}${family}${family}`);
    expect(shortened).toBe(true);
    expect(title).toBe(`${'x'.repeat(197)}…`);
    expect(cleanTitle(`${'word '.repeat(60)}`).title).toMatch(/^(word ){38}word…$/);
    expect(cleanTitle('Line one\nline\ttwo\u0007')).toEqual({ title: 'Line one line two', shortened: false });
  });
});
