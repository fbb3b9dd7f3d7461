import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { lintPostmortems } from '../../src/lint/engine.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { hindsight } from '../helpers/cli.js';

export { tempFolder } from '../pr/helpers.js';

export const fixtures = new URL('../fixtures/import/', import.meta.url).pathname;

export interface ImportResult {
  source: string;
  file: string;
  inferred: string[];
  missing: string[];
}

/** `hindsight import --format json` in `cwd`. */
export async function importJson(cwd: string, paths: string[]): Promise<{ exitCode: number; stderr: string; results: ImportResult[] }> {
  const { exitCode, stdout, stderr } = await hindsight(cwd, ['import', '--format', 'json', ...paths]);
  return { exitCode, stderr, results: stdout ? (JSON.parse(stdout) as ImportResult[]) : [] };
}

/** A written draft through the project's own parser and linter: its model and its errors as `rule: message`. */
export function lintDraft(cwd: string, file: string, asOf = '2026-12-01') {
  const text = readFileSync(join(cwd, file), 'utf8');
  const postmortem = parsePostmortem(file, new TextEncoder().encode(text));
  const [linted] = lintPostmortems([postmortem], { config: loadConfig(cwd), asOf, absolutePath: () => join(cwd, file) });
  const errors = (linted?.result.messages ?? []).filter((message) => message.fatal).map((message) => `${message.ruleId}: ${message.reason}`);
  return { text, postmortem, errors };
}

/** Every word of a text (letters and digits), lower case. */
export function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** The words of `source` that `draft` does not hold. */
export function lostWords(source: string, draft: string): string[] {
  const kept = words(draft);
  return [...words(source)].filter((word) => !kept.has(word));
}
