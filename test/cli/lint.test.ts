import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hindsight, type RunResult } from '../helpers/cli.js';

/** `hindsight` run in-process on a fixture folder, with string buffers for its streams. */
async function run(args: readonly string[], folder: string): Promise<RunResult> {
  const cwd = fileURLToPath(new URL(`../fixtures/cli/${folder}`, import.meta.url));
  const { exitCode, stdout, stderr } = await hindsight(cwd, args);
  // Absolute paths differ from machine to machine.
  const portable = (text: string) => text.replaceAll(cwd.replace(/\/$/, ''), '<cwd>');
  return { exitCode, stdout: portable(stdout), stderr: portable(stderr) };
}

const asOf = ['--as-of', '2026-06-01'];
const file = 'postmortems/2026-03-04-search-results-stale-after-cache-eviction.md';
const severityMessage = 'Unexpected `SEV5` for `severity`, expected one of `SEV1`..`SEV4`';
const schemaUrl = 'https://github.com/hindsight-postmortems/hindsight/blob/main/docs/rules/schema.md';
/** The `github` format's line for the fixture's one finding. */
const githubLine = (level: 'error' | 'warning') => `::${level} file=${file},line=4,col=11,endLine=4,endColumn=15,title=schema::${severityMessage}\n`;

interface Case {
  name: string;
  args: string[];
  /** A folder under `test/fixtures/cli/`. */
  cwd: string;
  exitCode: number;
  /** Exactly, or matching. */
  stdout: string | RegExp;
  stderr?: string | RegExp;
}

const cases: Case[] = [
  { name: 'a clean folder passes silently', args: ['lint', ...asOf], cwd: 'clean', exitCode: 0, stdout: '', stderr: '' },
  {
    name: 'an unknown severity on line 4 is an error there (json)',
    args: ['lint', '--format', 'json', ...asOf],
    cwd: 'errors',
    exitCode: 1,
    stdout: `${JSON.stringify([
      {
        filePath: `<cwd>/${file}`,
        messages: [{ ruleId: 'schema', severity: 2, message: severityMessage, line: 4, column: 11, endLine: 4, endColumn: 15, url: schemaUrl }],
        errorCount: 1,
        warningCount: 0,
        fatalErrorCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
      },
    ])}\n`,
  },
  {
    name: 'an unknown severity on line 4 is an error there (stylish, the default)',
    args: ['lint', ...asOf],
    cwd: 'errors',
    exitCode: 1,
    stdout: `\n${file}\n  4:11  error  ${severityMessage}  schema\n\n✖ 1 problem (1 error, 0 warnings)\n`,
  },
  {
    name: 'an unknown severity on line 4 is an error there (github)',
    args: ['lint', '--format', 'github', ...asOf],
    cwd: 'errors',
    exitCode: 1,
    stdout: githubLine('error'),
  },
  {
    name: 'a path names the files to lint',
    args: ['lint', file, '--format', 'github', ...asOf],
    cwd: 'errors',
    exitCode: 1,
    stdout: githubLine('error'),
  },
  {
    name: 'warnings alone pass',
    args: ['lint', ...asOf],
    cwd: 'warnings',
    exitCode: 0,
    stdout: `\n${file}\n  4:11  warning  ${severityMessage}  schema\n\n✖ 1 problem (0 errors, 1 warning)\n`,
    stderr: '',
  },
  {
    name: 'warnings within --max-warnings pass',
    args: ['lint', '--max-warnings', '1', '--format', 'github', ...asOf],
    cwd: 'warnings',
    exitCode: 0,
    stdout: githubLine('warning'),
  },
  {
    name: 'warnings over --max-warnings fail',
    args: ['lint', '--max-warnings', '0', '--format', 'github', ...asOf],
    cwd: 'warnings',
    exitCode: 1,
    stdout: githubLine('warning'),
    stderr: 'hindsight: 1 warning, more than --max-warnings 0\n',
  },
  { name: 'a rule turned off in config reports nothing', args: ['lint', ...asOf], cwd: 'rule-off', exitCode: 0, stdout: '' },
  {
    name: 'configured severities replace the default ones',
    args: ['lint', '--format', 'github', ...asOf],
    cwd: 'custom-severities',
    exitCode: 1,
    stdout:
      '::error file=postmortems/2026-03-05-search-results-stale-again.md,line=4,col=11,endLine=4,endColumn=15,title=schema::Unexpected `SEV4` for `severity`, expected one of `SEV0`..`SEV3`\n',
  },
  {
    name: 'a config file that is not JSON is a usage error with its place',
    args: ['lint', ...asOf],
    cwd: 'bad-config-json',
    exitCode: 2,
    stdout: '',
    stderr: /^hindsight: hindsight\.config\.json:4:3: invalid JSON: /,
  },
  {
    name: 'a config file the schema refuses is a usage error',
    args: ['lint', ...asOf],
    cwd: 'bad-config-schema',
    exitCode: 2,
    stdout: '',
    stderr:
      'hindsight: invalid configuration:\nhindsight.config.json:3:5: Unexpected rule setting for `rules.schema`, expected `"error"`, `"warn"`, `"off"` or `[level, { options }]`\n',
  },
  {
    name: 'an unknown --format is a usage error',
    args: ['lint', '--format', 'xml'],
    cwd: 'errors',
    exitCode: 2,
    stdout: '',
    stderr: 'hindsight: Invalid --format `xml`, expected one of: stylish, json, github, sarif\n',
  },
  {
    name: 'a day that does not exist is a usage error',
    args: ['lint', '--as-of', '2026-02-30'],
    cwd: 'errors',
    exitCode: 2,
    stdout: '',
    stderr: 'hindsight: Invalid --as-of `2026-02-30`, expected a date as YYYY-MM-DD\n',
  },
  {
    name: 'a --max-warnings that is no number is a usage error',
    args: ['lint', '--max-warnings', 'few'],
    cwd: 'errors',
    exitCode: 2,
    stdout: '',
    stderr: 'hindsight: Invalid --max-warnings `few`, expected a whole number\n',
  },
  { name: 'an unknown option is a usage error', args: ['lint', '--autofix'], cwd: 'errors', exitCode: 2, stdout: '', stderr: /^hindsight: Unknown option '--autofix'/ },
  {
    name: 'a path that does not exist is a usage error',
    args: ['lint', 'postmortems/nope.md', ...asOf],
    cwd: 'errors',
    exitCode: 2,
    stdout: '',
    stderr: 'hindsight: No such file or folder: postmortems/nope.md\n',
  },
  {
    name: 'a missing postmortems folder is a usage error',
    args: ['lint', ...asOf],
    cwd: '.',
    exitCode: 2,
    stdout: '',
    stderr: /^hindsight: No postmortems folder at postmortems; /,
  },
  {
    name: 'an unknown command is a usage error',
    args: ['frobnicate'],
    cwd: 'clean',
    exitCode: 2,
    stdout: '',
    stderr: /^hindsight: Unknown command `frobnicate`, expected one of: .*\blint\b/,
  },
  { name: '--help lists the commands', args: ['--help'], cwd: 'clean', exitCode: 0, stdout: /^hindsight \S+: postmortems as code\n\nUsage: hindsight <command> \[options\]\n\nCommands:\n(?: {2}\S+ +.+\n)*? {2}lint +Check postmortems/ },
  { name: 'no command prints the help and fails', args: [], cwd: 'clean', exitCode: 2, stdout: /^hindsight \S+: postmortems as code\n/ },
  { name: 'lint --help shows the usage', args: ['lint', '--help'], cwd: 'clean', exitCode: 0, stdout: /^Usage: hindsight lint \[PATH\.\.\.[^\n]*--format stylish\|json\|github\|sarif/ },
  { name: '--version prints the version', args: ['--version'], cwd: 'clean', exitCode: 0, stdout: /^\d+\.\d+\.\d+\S*\n$/ },
];

describe('hindsight lint', () => {
  it.each(cases)('$name', async ({ args, cwd, exitCode, stdout, stderr }) => {
    const actual = await run(args, cwd);
    if (typeof stdout === 'string') expect(actual.stdout).toBe(stdout);
    else expect(actual.stdout).toMatch(stdout);
    if (typeof stderr === 'string') expect(actual.stderr).toBe(stderr);
    else if (stderr) expect(actual.stderr).toMatch(stderr);
    expect(actual.exitCode).toBe(exitCode);
  });

  it('prints SARIF with paths relative to the working directory', async () => {
    const { exitCode, stdout } = await run(['lint', '--format', 'sarif', ...asOf], 'errors');
    expect(exitCode).toBe(1);
    const [run0] = (JSON.parse(stdout) as { runs: Array<{ results: unknown[] }> }).runs;
    expect(run0?.results).toEqual([
      expect.objectContaining({
        ruleId: 'schema',
        level: 'error',
        locations: [{ physicalLocation: { artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 11, endLine: 4, endColumn: 15 } } }],
      }),
    ]);
    expect(stdout).not.toContain('<cwd>');
  });
});
