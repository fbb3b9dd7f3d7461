import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { configFileName, defaultSeverities, loadConfig } from '../../config/config.js';
import { UsageError } from '../../errors.js';
import { defaultBranch } from '../../git.js';
import { displayPath } from '../../parse/load.js';
import { packagePath } from '../../package-root.js';
import { createFile } from '../../scaffold.js';
import { defineCommand } from '../command.js';

/**
 * The postmortems folder's read-me. Not `README.md`: every `.md` file in the folder is a
 * postmortem to the linter, while GitHub shows a `README.markdown` as the folder's page all the same.
 */
const folderReadme = 'README.markdown';

interface Planned {
  /** Relative to the repository root. */
  path: string;
  content: () => Promise<string>;
}

export default defineCommand({
  summary: 'Set up an existing repository: config, postmortems folder, workflows and pull-request template.',
  usage: [
    '(no options)',
    '',
    'Writes, where they do not exist yet:',
    `  ${configFileName}                         severities and the postmortems folder, to edit`,
    `  postmortems/${folderReadme}                  what the folder is for (in the configured folder, if set)`,
    '  .github/workflows/postmortems.yml             lint the changed postmortems on every pull request',
    '  .github/workflows/site.yml                    build the site and deploy it to GitHub Pages',
    '  .github/PULL_REQUEST_TEMPLATE/postmortem.md   the pull request\'s checklist for reviewers',
    '',
    'Never replaces a file: what exists is skipped and named. Running it again changes nothing.',
  ].join('\n'),
  options: {},
  positionals: false,
  async run(_args, io) {
    const config = loadConfig(io.cwd);
    const folder = relative(io.cwd, config.postmortemsDir).split('\\').join('/');
    if (folder === '' || folder.startsWith('..')) throw new UsageError(`The postmortems folder ${config.postmortemsDir} is not inside ${io.cwd}, expected a folder of this repository`);
    const branch = await branchName(io.cwd, io.env);
    const planned: Planned[] = [
      { path: configFileName, content: async () => `${JSON.stringify(starterConfig(folder), null, 2)}\n` },
      { path: `${folder}/${folderReadme}`, content: () => template('postmortems-readme.md') },
      { path: '.github/workflows/postmortems.yml', content: () => template('postmortems.yml') },
      { path: '.github/workflows/site.yml', content: async () => onBranch(await template('site.yml'), branch) },
      { path: '.github/PULL_REQUEST_TEMPLATE/postmortem.md', content: async () => (await template('pull-request-template.md')).replaceAll('postmortems/YYYY-MM-DD-slug.md', `${folder}/YYYY-MM-DD-slug.md`) },
    ];
    for (const { path, content } of planned) {
      const file = join(io.cwd, path);
      await mkdir(dirname(file), { recursive: true });
      const written = await createFile(file, await content());
      io.stdout.write(written ? `wrote   ${displayPath(file, io.cwd)}\n` : `skipped ${displayPath(file, io.cwd)}: it exists\n`);
    }
    return 0;
  },
});

/** The configuration a team starts from: every severity spelled out, so the definitions are theirs to change. */
function starterConfig(folder: string): Record<string, unknown> {
  return {
    $schema: './node_modules/hindsight/schema/config.schema.json',
    postmortems: folder,
    severities: defaultSeverities,
  };
}

function template(name: string): Promise<string> {
  return readFile(packagePath('templates', 'init', name), 'utf8');
}

/** The site is deployed from the default branch; the template says `main`. */
function onBranch(workflow: string, branch: string): string {
  return branch === 'main' ? workflow : workflow.replace('branches: [main]', `branches: [${JSON.stringify(branch)}]`);
}

/**
 * The repository's default branch; in a repository without a remote, the branch checked out;
 * `main` when git cannot tell (no repository).
 */
async function branchName(cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const known = await defaultBranch({ cwd, env });
    if (known) return known.replace(/^origin\//, '');
    const { stdout } = await promisify(execFile)('git', ['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd, env, encoding: 'utf8' });
    return stdout.trim() || 'main';
  } catch {
    return 'main';
  }
}
