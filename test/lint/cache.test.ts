import { readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { LintCache } from '../../src/lint/cache.js';
import { enabledRules } from '../../src/lint/engine.js';
import { cachedRunSize, lintFiles } from '../../src/lint/run.js';
import { cacheFolder } from '../../src/parse/cache.js';
import { contentHash, fileStamp } from '../../src/parse/load.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { defineRule } from '../../src/rules/rule.js';
import { hindsight, writeFiles } from '../helpers/cli.js';
import { edit, validFile, validPostmortem } from '../helpers/lint.js';
import { removeFolders, tempFolder } from '../site/helpers.js';

// A release is the package's version: let a test pretend to be the next one.
const release = vi.hoisted(() => ({ version: undefined as string | undefined }));
vi.mock('../../src/package-root.js', async (original) => {
  const actual = await original<typeof import('../../src/package-root.js')>();
  return { ...actual, toolVersion: () => release.version ?? actual.toolVersion() };
});

const asOf = '2026-06-01';
const otherId = '2026-03-05-search-outage';
const otherFile = `postmortems/${otherId}.md`;
const other = validPostmortem.replaceAll('2026-03-04', '2026-03-05');

// Which files a run reads.
const reads = vi.hoisted(() => ({ files: [] as string[] }));
vi.mock('node:fs', async (original) => {
  const actual = await original<typeof import('node:fs')>();
  const readFileSync = ((path: Parameters<typeof actual.readFileSync>[0], ...rest: unknown[]) => {
    reads.files.push(String(path));
    return (actual.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof actual.readFileSync;
  return { ...actual, readFileSync, default: { ...actual, readFileSync } };
});

afterAll(removeFolders);
beforeEach(() => {
  release.version = undefined;
  vi.useRealTimers();
});

/** Lets the clock run on, past the time in which a just-written file's times do not vouch for it. */
function later(): void {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 });
}

/** The postmortems a run reads. */
async function postmortemsRead(root: string): Promise<number> {
  reads.files = [];
  await lintFiles({ cwd: root, asOf });
  return reads.files.filter((file) => file.startsWith(root) && file.endsWith('.md')).length;
}

/** Enough other postmortems that a run uses the cache (it does not for a few files). */
const fillers = Object.fromEntries(
  Array.from({ length: cachedRunSize }, (_, index) => {
    const day = `2025-01-${String(index + 1).padStart(2, '0')}`;
    return [`postmortems/${day}-filler.md`, validPostmortem.replaceAll('2026-03-04', day)];
  }),
);
const fillerCount = cachedRunSize;

function repository(files: Record<string, string> = { [validFile]: validPostmortem, [otherFile]: other }): string {
  const root = tempFolder('hindsight-lint-cache-');
  writeFiles(root, { ...fillers, ...files });
  return root;
}

/** Each file's findings as `lint --format json` reports them, by path. */
async function findings(root: string, args: string[] = []): Promise<Record<string, Array<{ ruleId: string; line: number; column: number; message: string }>>> {
  const { stdout } = await hindsight(root, ['lint', '--format', 'json', '--as-of', asOf, ...args]);
  const results = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number; message: string }> }>;
  return Object.fromEntries(results.map((result) => [result.filePath.slice(root.length + 1), result.messages.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message }))]));
}

async function fromCache(root: string): Promise<number> {
  return (await lintFiles({ cwd: root, asOf })).fromCache;
}

describe('the lint cache', () => {
  it('reuses the findings of unchanged files, identical to a fresh check', async () => {
    const root = repository({ [validFile]: edit(validPostmortem, 'severity: SEV1', 'severity: SEV9'), [otherFile]: other });
    const fresh = await findings(root, ['--no-cache']);
    expect(fresh[validFile]).toEqual([expect.objectContaining({ ruleId: 'schema', line: 4, column: 11 })]);
    expect(await fromCache(root)).toBe(0);
    expect(await fromCache(root)).toBe(fillerCount + 2);
    expect(await findings(root)).toEqual(fresh);
  });

  it('checks an edited file again', async () => {
    const root = repository();
    await fromCache(root);
    writeFileSync(join(root, validFile), edit(validPostmortem, 'severity: SEV1', 'severity: SEV9'));
    expect(await fromCache(root)).toBe(fillerCount + 1);
    expect((await findings(root))[validFile]).toEqual([expect.objectContaining({ ruleId: 'schema', line: 4 })]);
  });

  it('reads no file whose size, times and inode are those it was checked with', async () => {
    const root = repository();
    expect(await postmortemsRead(root)).toBe(fillerCount + 2);
    // Just written: the times cannot tell a second change within the same tick, so the bytes are read.
    expect(await postmortemsRead(root)).toBe(fillerCount + 2);
    later();
    expect(await postmortemsRead(root)).toBe(fillerCount + 2);
    expect(await postmortemsRead(root)).toBe(0);
    expect(await fromCache(root)).toBe(fillerCount + 2);
  });

  it('checks a file again whose bytes changed while its size and modification time did not', async () => {
    const root = repository();
    const path = join(root, validFile);
    // Whole seconds, which the file system keeps exactly.
    const time = Math.floor(Date.now() / 1000) - 100;
    utimesSync(path, time, time);
    later();
    await fromCache(root);
    const edited = edit(validPostmortem, 'severity: SEV1', 'severity: SEV9');
    expect(edited.length).toBe(validPostmortem.length);
    writeFileSync(path, edited);
    utimesSync(path, time, time);
    expect(statSync(path).mtimeMs).toBe(time * 1000);
    vi.setSystemTime(Date.now() + 60_000);
    expect(await postmortemsRead(root)).toBe(1);
    expect((await findings(root))[validFile]).toEqual([expect.objectContaining({ ruleId: 'schema', line: 4 })]);
  });

  it('stamps no file changed within two seconds of being looked at', () => {
    const root = repository();
    const path = join(root, validFile);
    const changed = Math.max(statSync(path).mtimeMs, statSync(path).ctimeMs);
    expect(fileStamp(path, changed + 1_000)).toBeUndefined();
    expect(fileStamp(path, changed + 3_000)).toMatch(/^\d+:/);
    expect(fileStamp(join(root, 'postmortems'), changed + 3_000), 'a folder').toBeUndefined();
    expect(fileStamp(join(root, 'missing.md'), changed + 3_000)).toBeUndefined();
  });

  it('checks every file again when the configuration changes', async () => {
    const root = repository({ [validFile]: edit(validPostmortem, 'severity: SEV1', 'severity: SEV9'), [otherFile]: other });
    await fromCache(root);
    writeFileSync(join(root, 'hindsight.config.json'), JSON.stringify({ rules: { schema: 'off' } }));
    expect(await fromCache(root)).toBe(0);
    expect((await findings(root))[validFile]).toEqual([]);
  });

  it('checks every file again under a new release', async () => {
    const root = repository();
    await fromCache(root);
    expect(await fromCache(root)).toBe(fillerCount + 2);
    release.version = '99.0.0';
    expect(await fromCache(root)).toBe(0);
    expect(await fromCache(root)).toBe(fillerCount + 2);
  });

  it('recomputes cross-file findings of cached files when another file is renamed, deleted or added', async () => {
    const root = repository({ [validFile]: edit(validPostmortem, 'impact:\n', `related:\n  - ${otherId}\nimpact:\n`), [otherFile]: other });
    await fromCache(root);
    renameSync(join(root, otherFile), join(root, 'postmortems/2026-03-05-search-slowdown.md'));
    expect(await fromCache(root)).toBe(fillerCount + 1);
    expect((await findings(root))[validFile]).toEqual([
      expect.objectContaining({ ruleId: 'related-exists', line: 16, column: 5, message: expect.stringContaining('did you mean `2026-03-05-search-slowdown`?') }),
    ]);
    rmSync(join(root, 'postmortems/2026-03-05-search-slowdown.md'));
    expect((await findings(root))[validFile]).toEqual([expect.objectContaining({ ruleId: 'related-exists', line: 16 })]);
    writeFiles(root, { [`archive/${validFile}`]: validPostmortem });
    expect((await findings(root, ['postmortems', 'archive']))[validFile]).toEqual([
      expect.objectContaining({ ruleId: 'unique-id' }),
      expect.objectContaining({ ruleId: 'related-exists' }),
    ]);
  });

  it('keys findings on the day only when a rule reads it', () => {
    const root = repository();
    const config = loadConfig(root);
    const postmortem = parsePostmortem(validFile, readFileSync(join(root, validFile)));
    const content = contentHash(readFileSync(join(root, validFile)));
    const dated = defineRule({ id: 'dated', description: 'Reads the day.', defaultLevel: 'warn', readsAsOf: true }, () => {});
    const undated = defineRule({ id: 'undated', description: 'Does not.', defaultLevel: 'warn' }, () => {});
    for (const [rule, hitsOnAnotherDay] of [[dated, false], [undated, true]] as const) {
      const enabled = enabledRules(config, [rule]);
      const cache = LintCache.open(config, '2026-06-01', enabled);
      cache.set(validFile, content, undefined, [], postmortem);
      cache.save(new Set([validFile]));
      expect(LintCache.open(config, '2026-06-01', enabled).get(validFile, content, undefined)).toBeDefined();
      expect(Boolean(LintCache.open(config, '2026-06-02', enabled).get(validFile, content, undefined))).toBe(hitsOnAnotherDay);
    }
  });

  it('is not used for a run over a few files', async () => {
    const root = repository();
    await fromCache(root);
    expect((await lintFiles({ cwd: root, asOf, paths: [validFile, otherFile] })).fromCache).toBe(0);
  });

  it('ignores a cache file it cannot read', async () => {
    const root = repository();
    await fromCache(root);
    writeFileSync(join(cacheFolder(root), 'lint-results.json'), '{ not json');
    expect(await fromCache(root)).toBe(0);
    expect(await fromCache(root)).toBe(fillerCount + 2);
  });
});
