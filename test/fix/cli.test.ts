import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hindsight, writeFiles } from '../helpers/cli.js';
import { edit, validFile, validPostmortem } from '../helpers/lint.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hindsight-fix-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const broken = edit(edit(validPostmortem, 'severity: SEV1', 'severtiy: SEV1'), '| done |', '| Done |');
const asOf = ['--as-of', '2026-03-05'];

describe('hindsight lint --fix', () => {
  it('fixes the file in place, then reports what remains and exits by it', async () => {
    writeFiles(root, { [validFile]: broken });
    const fixed = await hindsight(root, ['lint', '--fix', '--format', 'json', ...asOf]);
    expect(readFileSync(join(root, validFile), 'utf8')).toBe(validPostmortem);
    expect(JSON.parse(fixed.stdout)).toEqual([expect.objectContaining({ errorCount: 0, warningCount: 0, messages: [] })]);
    expect(fixed.exitCode).toBe(0);
    expect(readdirSync(join(root, 'postmortems'))).toEqual(['2026-03-04-checkout-outage.md']);
    const again = await hindsight(root, ['lint', '--fix', ...asOf]);
    expect(again).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('exits 1 when errors remain after fixing, and keeps the BOM', async () => {
    const text = edit(broken, '## Lessons Learned', '## Notes');
    writeFiles(root, { [validFile]: `\uFEFF${text}` });
    const result = await hindsight(root, ['lint', '--fix', '--format', 'json', ...asOf]);
    expect(result.exitCode).toBe(1);
    const written = readFileSync(join(root, validFile), 'utf8');
    expect(written.startsWith('\uFEFF---\ntitle:')).toBe(true);
    expect(written).toContain('severity: SEV1');
    // After the section it follows, before the next level-2 heading.
    expect(written).toContain('| prevent |\n\n## Lessons Learned\n\nTODO: Write the Lessons Learned section.\n\n## Notes\n');
    expect(JSON.parse(result.stdout)[0].messages.map((message: { ruleId: string }) => message.ruleId)).toEqual(['no-placeholder']);
  });

  it('--fix-dry-run prints a unified diff and writes nothing', async () => {
    writeFiles(root, { [validFile]: broken });
    const result = await hindsight(root, ['lint', '--fix-dry-run', ...asOf]);
    expect(readFileSync(join(root, validFile), 'utf8')).toBe(broken);
    expect(result.stdout).toBe([
      `--- a/${validFile}`,
      `+++ b/${validFile}`,
      '@@ -1,8 +1,8 @@',
      ' ---',
      ' title: Checkout outage from database connection pool exhaustion',
      ' date: 2026-03-04',
      '-severtiy: SEV1',
      '+severity: SEV1',
      ' status: published',
      ' services:',
      '   - checkout-api',
      ' authors:',
      '@@ -49,9 +49,9 @@',
      ' ## Action Items',
      ' ',
      ' | Action | Owner | Due | Status | Type |',
      ' |---|---|---|---|---|',
      '-| Add pool metrics to the dashboard | Alice | 2026-03-07 | Done | detect |',
      '+| Add pool metrics to the dashboard | Alice | 2026-03-07 | done | detect |',
      ' | Load test the checkout flow | Bob | 2026-03-14 | in-progress | prevent |',
      ' ',
      ' ## Lessons Learned',
      ' ',
      '',
    ].join('\n'));
    // What would remain decides the exit code: nothing.
    expect(result.exitCode).toBe(0);
  });

  it('leaves a file it cannot read as it is, and reports it', async () => {
    writeFiles(root, { [validFile]: 'not a postmortem\n' });
    const result = await hindsight(root, ['lint', '--fix', ...asOf]);
    expect(result.exitCode).toBe(1);
    expect(readFileSync(join(root, validFile), 'utf8')).toBe('not a postmortem\n');
    expect(result.stdout).toContain('Missing frontmatter');
  });
});
