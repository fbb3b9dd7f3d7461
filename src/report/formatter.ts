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
