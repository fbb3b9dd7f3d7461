import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../helpers/cli.js';
import { edit, validFile, validPostmortem } from '../helpers/lint.js';

/** Neovim from PATH; else, as root, Debian's package installed here (as `scripts/test.sh` does for Chromium). */
function findNeovim(): string {
  const found = spawnSync('sh', ['-c', 'command -v nvim'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error('Neovim not found: install it with `apt-get install neovim`');
  process.stderr.write("neovim test: nvim not found; installing Debian's neovim package\n");
  execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null'], { stdio: 'inherit' });
  return 'nvim';
}

let nvim: string;
let root: string;
beforeAll(() => {
  nvim = findNeovim();
  root = mkdtempSync(join(tmpdir(), 'hindsight-nvim-'));
}, 600_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Neovim as the client', () => {
  it('receives the diagnostics of a postmortem it opens', () => {
    writeFiles(root, { [validFile]: edit(edit(validPostmortem, 'severity: SEV1', 'severity: SEV9'), '## Root Cause', '## Cause') });
    const out = join(root, 'diagnostics.txt');
    const run = spawnSync(nvim, ['--headless', '--clean', '-c', `luafile ${resolve(import.meta.dirname, 'neovim.lua')}`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        HINDSIGHT_FILE: join(root, validFile),
        HINDSIGHT_ROOT: root,
        HINDSIGHT_OUT: out,
        HINDSIGHT_NODE: process.execPath,
        HINDSIGHT_BIN: resolve(import.meta.dirname, '../../bin/hindsight.js'),
      },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual([
      '3:10-3:14 error schema Unexpected `SEV9` for `severity`, expected one of `SEV1`..`SEV4`',
      '40:0-40:17 error required-sections Missing section `## Root Cause`, expected it after `## Timeline` and before `## What Went Well`',
    ]);
  });
});
