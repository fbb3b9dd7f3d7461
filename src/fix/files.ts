import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { ResolvedConfig } from '../config/config.js';
import { UsageError } from '../errors.js';
import { corpusOf, lintPostmortems, type LintResult } from '../lint/engine.js';
import { displayPath, findPostmortemFiles } from '../parse/load.js';
import { parsePostmortem } from '../parse/postmortem.js';
import { decodeText } from '../parse/text.js';
import { fixText } from './index.js';

export interface FixFilesOptions {
  cwd: string;
  config: ResolvedConfig;
  asOf: string;
  /** Show the changes as a unified diff instead of writing them. */
  dryRun: boolean;
}

export interface FixedFiles {
  /** Every file's findings after its fixes: what remains. */
  results: LintResult[];
  /** The unified diff of every change (written, or only shown with `dryRun`); `''` when nothing changed. */
  diff: string;
}

const byteOrderMark = '\uFEFF';

/**
 * Applies the certain fixes to each linted file (`lint --fix`), or shows them as a diff
 * (`--fix-dry-run`), and lints the result. Each file is replaced atomically, and only when it
 * still holds the text the fixes were made for.
 */
export function fixFiles(linted: readonly LintResult[], options: FixFilesOptions): FixedFiles {
  const { cwd, config, asOf, dryRun } = options;
  const folder = postmortemFilesIn(config.postmortemsDir, cwd);
  const corpus = corpusOf(new Set([...folder, ...linted.map((result) => result.filePath)].map((file) => displayPath(file, cwd))));
  let diff = '';
  const results = linted.map((found) => {
    const path = found.filePath;
    const bytes = readBytes(path);
    const decoded = decodeText(bytes);
    if (decoded.problem) return found;
    const shown = displayPath(path, cwd);
    const check = (text: string) => {
      const postmortem = parsePostmortem(shown, new TextEncoder().encode(text));
      const [again] = lintPostmortems([postmortem], { config, asOf, absolutePath: () => path, corpus });
      const result = again?.result ?? found;
      return { postmortem, result, messages: result.messages };
    };
    const before = decoded.text;
    const fixed = fixText(before, config, check);
    if (fixed.text === before) return found;
    diff += createTwoFilesPatch(`a/${shown}`, `b/${shown}`, before, fixed.text, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
    if (!dryRun) {
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? byteOrderMark : '';
      writeAtomically(path, bytes, bom + fixed.text);
    }
    return fixed.checked.result;
  });
  return { results, diff };
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`Cannot read ${path} to fix it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The postmortem files under a folder; none when it does not exist (yet). */
export function postmortemFilesIn(folder: string, cwd: string): string[] {
  try {
    return findPostmortemFiles([folder], cwd);
  } catch {
    return [];
  }
}

/**
 * Writes beside the file, then renames over it: a reader sees the old text or the new, never half.
 * A file changed since it was read is left alone.
 */
function writeAtomically(path: string, expected: Uint8Array, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx', mode: statSync(path).mode });
    if (!Buffer.from(readFileSync(path)).equals(Buffer.from(expected))) {
      throw new UsageError(`${path} changed while it was being fixed; run \`hindsight lint --fix\` again`);
    }
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
