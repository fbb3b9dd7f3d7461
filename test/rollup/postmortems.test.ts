import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runStats } from './cli.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

it('rolls up the shipped postmortems as before (`hindsight stats --format json --as-of 2026-11-27`)', async () => {
  const { exitCode, stdout, stderr } = await runStats(['--format', 'json', '--as-of', '2026-11-27'], repositoryRoot);
  expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
  await expect(stdout).toMatchFileSnapshot('./__snapshots__/postmortems-stats.json');
});
