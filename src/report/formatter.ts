import type { VFileMessage } from 'vfile-message';
import type { LintResult } from '../lint/engine.js';
import type { RuleMeta } from '../rules/rule.js';

export interface FormatContext {
  /** Paths are shown relative to this folder (the repository root in CI). */
  cwd: string;
  /** Colour output (only on a terminal). */
  color: boolean;
  /** Every rule, with its documentation URL. */
  rules: ReadonlyArray<RuleMeta & { url: string }>;
  /** The tool's version, for SARIF. */
  version: string;
}

/** A formatter is a pure function of the results. */
export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;

/** A finding's range: 1-based lines and columns in the file as written; the end column is exclusive. */
export interface MessageRange {
  line: number;
  column: number;
  endLine: number | undefined;
  endColumn: number | undefined;
}

export function messageRange(message: VFileMessage): MessageRange {
  const place = message.place;
  if (place && 'start' in place) {
    return { line: place.start.line, column: place.start.column, endLine: place.end.line, endColumn: place.end.column };
  }
  return { line: message.line ?? 1, column: message.column ?? 1, endLine: undefined, endColumn: undefined };
}

export function isError(message: VFileMessage): boolean {
  return message.fatal === true;
}
