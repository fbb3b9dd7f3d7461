import { renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, validPostmortem } from '../helpers/lint.js';
import { writeFiles } from '../helpers/cli.js';
import { git, hindsight, lintJson, tempFolder } from './helpers.js';

const broken = edit(validPostmortem, 'severity: SEV1', 'severity: SEV9');
const asOf = ['--as-of', '2026-03-05'];

/**
 * A repository whose `main` holds two valid postmortems and a broken one, with `branch` checked
 * out from it; `root` is where the repository is (`folder` below it holds the project).
 */
function repository(folder = ''): { root: string; project: string } {
  const root = tempFolder();
  const project = join(root, folder);
  git(root, 'init', '--quiet', '--initial-branch=main');
  writeFiles(project, {
    'postmortems/2026-03-04-checkout-outage.md': validPostmortem,
    'postmortems/2026-03-04-search-outage.md': validPostmortem,
    'postmortems/2026-03-04-broken-on-main.md': broken,
    'README.md': 'Postmortems\n',
  });
  git(root, 'add', '.');
  git(root, 'commit', '--quiet', '-m', 'Postmortems so far');
  git(root, 'checkout', '--quiet', '-b', 'branch');
  return { root, project };
}

function commitAll(root: string, message: string): void {
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '-m', message);
}

describe('lint --changed', () => {
  it("reports only the branch's file when main already holds a broken one", async () => {
    const { root } = repository();
    writeFiles(root, { 'postmortems/2026-03-04-search-outage.md': broken });
    commitAll(root, 'Break the search postmortem');

    expect(await lintJson(root, ['--changed', '--base', 'main', ...asOf])).toEqual({
      exitCode: 1,
      stderr: '',
      files: [{ file: 'postmortems/2026-03-04-search-outage.md', errors: ['schema'] }],
    });
    // Without --changed, both broken files are reported.
    expect((await lintJson(root, asOf)).files.filter((file) => file.errors.length > 0)).toHaveLength(2);
  });

  it('speaks on the diff: one GitHub annotation per error, on the changed file only', async () => {
    const { root } = repository();
    writeFiles(root, { 'postmortems/2026-03-04-search-outage.md': broken });
    commitAll(root, 'Break the search postmortem');

    const { exitCode, stdout } = await hindsight(root, ['lint', '--changed', '--base', 'main', '--format', 'github', ...asOf]);
    expect(exitCode).toBe(1);
    expect(stdout.trim().split('\n')).toEqual([expect.stringMatching(/^::error file=postmortems\/2026-03-04-search-outage\.md,line=4,col=11,.*title=schema::Unexpected `SEV9` for `severity`/)]);
  });

  it('compares with the merge base of the default branch when no --base is given', async () => {
    const { root } = repository();
    writeFiles(root, { 'postmortems/2026-03-04-search-outage.md': broken });
    commitAll(root, 'Break the search postmortem');
    // main moves on after the branch left it; its new commit is not the branch's change.
    git(root, 'checkout', '--quiet', 'main');
    writeFiles(root, { 'postmortems/2026-03-04-checkout-outage.md': edit(validPostmortem, 'status: published', 'status: in-review') });
    commitAll(root, 'Review the checkout postmortem');
    git(root, 'checkout', '--quiet', 'branch');

    const { exitCode, files } = await lintJson(root, ['--changed', ...asOf]);
    expect(files.map((file) => file.file)).toEqual(['postmortems/2026-03-04-search-outage.md']);
    expect(exitCode).toBe(1);
  });

  it('includes uncommitted, staged, untracked and renamed postmortems, and nothing deleted, outside the folder or linked', async () => {
    const { root } = repository();
    writeFiles(root, {
      'postmortems/2026-03-04-checkout-outage.md': `${validPostmortem}\nMore lessons.\n`,
      'postmortems/2026-03-05-staged.md': edit(validPostmortem, /2026-03-04\n/, '2026-03-05\n'),
      'postmortems/notes.txt': 'not a postmortem\n',
      'postmortems/.draft.md': 'hidden, as lint skips it\n',
      'README.md': 'Changed outside the folder\n',
    });
    git(root, 'add', 'postmortems/2026-03-05-staged.md');
    writeFiles(root, { 'postmortems/2026-03-04-untracked.md': validPostmortem });
    // A link, which the folder's search passes over too.
    symlinkSync('2026-03-04-untracked.md', join(root, 'postmortems/2026-03-06-link.md'));
    rmSync(join(root, 'postmortems/2026-03-04-broken-on-main.md'));
    renameSync(join(root, 'postmortems/2026-03-04-search-outage.md'), join(root, 'postmortems/2026-03-04-search-latency.md'));
    git(root, 'add', '--all', 'postmortems');

    const { files } = await lintJson(root, ['--changed', '--base', 'main', ...asOf]);
    expect(files.map((file) => file.file)).toEqual([
      'postmortems/2026-03-04-checkout-outage.md',
      'postmortems/2026-03-04-search-latency.md',
      'postmortems/2026-03-04-untracked.md',
      'postmortems/2026-03-05-staged.md',
    ]);
  });

  it('lets cross-file rules see the whole folder', async () => {
    const { root } = repository();
    const related = edit(validPostmortem, 'impact:\n', 'related:\n  - 2026-03-04-checkout-outage\nimpact:\n');
    writeFiles(root, { 'postmortems/2026-03-04-follow-up.md': related });
    commitAll(root, 'Add a follow-up');

    expect(await lintJson(root, ['--changed', '--base', 'main', ...asOf])).toEqual({
      exitCode: 0,
      stderr: '',
      files: [{ file: 'postmortems/2026-03-04-follow-up.md', errors: [] }],
    });
  });

  it('finds the folder when the project is below the repository top and runs from there', async () => {
    const { root, project } = repository('ops/incidents');
    writeFiles(project, { 'postmortems/2026-03-04-search-outage.md': broken });
    commitAll(root, 'Break the search postmortem');

    const { exitCode, files } = await lintJson(project, ['--changed', '--base', 'main', ...asOf]);
    expect(files).toEqual([{ file: 'postmortems/2026-03-04-search-outage.md', errors: ['schema'] }]);
    expect(exitCode).toBe(1);
  });

  it("takes the default branch from origin/HEAD in a clone", async () => {
    const origin = tempFolder();
    git(origin, 'init', '--quiet', '--initial-branch=trunk');
    writeFiles(origin, { 'postmortems/2026-03-04-checkout-outage.md': validPostmortem });
    commitAll(origin, 'First');
    const clone = join(tempFolder(), 'clone');
    git(origin, 'clone', '--quiet', origin, clone);
    git(clone, 'checkout', '--quiet', '-b', 'branch');
    writeFiles(clone, { 'postmortems/2026-03-04-checkout-outage.md': broken });

    const { exitCode, files } = await lintJson(clone, ['--changed', ...asOf]);
    expect(files).toEqual([{ file: 'postmortems/2026-03-04-checkout-outage.md', errors: ['schema'] }]);
    expect(exitCode).toBe(1);
  });

  it('shows paths as the working directory names them, through a symbolic link', async () => {
    const { root } = repository();
    writeFiles(root, { 'postmortems/2026-03-04-search-outage.md': broken });
    const link = join(tempFolder(), 'link');
    symlinkSync(root, link);

    const { stdout } = await hindsight(link, ['lint', '--changed', '--format', 'json', ...asOf]);
    expect((JSON.parse(stdout) as Array<{ filePath: string }>).map((result) => result.filePath)).toEqual([join(link, 'postmortems/2026-03-04-search-outage.md')]);
  });

  it('reports nothing, successfully, when no postmortem changed', async () => {
    const { root } = repository();
    writeFiles(root, { 'README.md': 'Only the readme changed\n' });
    commitAll(root, 'Readme');

    expect(await hindsight(root, ['lint', '--changed', '--format', 'json', ...asOf])).toEqual({ exitCode: 0, stdout: '[]\n', stderr: '' });
  });

  it.each([
    [['--base', 'nope'], 'hindsight: Unknown --base `nope`, expected a branch, tag or commit that git knows\n'],
    [['--base=--output=x'], 'hindsight: Unknown --base `--output=x`, expected a branch, tag or commit that git knows\n'],
  ])('refuses an unknown base %j with exit 2', async (args, stderr) => {
    const { root } = repository();
    expect(await hindsight(root, ['lint', '--changed', ...args])).toEqual({ exitCode: 2, stdout: '', stderr });
  });

  it('refuses to guess a base when there is no default branch', async () => {
    const root = tempFolder();
    git(root, 'init', '--quiet', '--initial-branch=trunk');
    writeFiles(root, { 'postmortems/2026-03-04-checkout-outage.md': validPostmortem });
    commitAll(root, 'First');
    expect(await hindsight(root, ['lint', '--changed'])).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'hindsight: Cannot find the default branch (no origin/HEAD, main or master), expected --base REF naming the branch to compare with\n',
    });
    // The same branch named as the base: nothing changed.
    expect(await hindsight(root, ['lint', '--changed', '--base', 'trunk', '--format', 'json'])).toMatchObject({ exitCode: 0, stdout: '[]\n' });
  });

  it('says clearly that it needs a git repository', async () => {
    const root = tempFolder();
    writeFiles(root, { 'postmortems/2026-03-04-checkout-outage.md': validPostmortem });
    const { exitCode, stdout, stderr } = await hindsight(root, ['lint', '--changed']);
    expect({ exitCode, stdout }).toEqual({ exitCode: 2, stdout: '' });
    expect(stderr).toMatch(/^hindsight: Not inside a git repository at .*: fatal: not a git repository/);
  });

  it.each([
    [['--base', 'main'], 'hindsight: Unexpected --base without --changed, expected both or neither\n'],
    [['--changed', 'postmortems'], 'hindsight: Unexpected PATH arguments with --changed, expected one or the other\n'],
  ])('refuses %j', async (args, stderr) => {
    const { root } = repository();
    expect(await hindsight(root, ['lint', ...args])).toEqual({ exitCode: 2, stdout: '', stderr });
  });
});
