import type { Level, ResolvedConfig } from '../config/config.js';
import type { Position, Postmortem } from '../parse/model.js';

/** Where every rule's documentation lives; a finding's `url` is this plus `<rule-id>.md`. */
export const ruleDocsBaseUrl = 'https://github.com/hindsight-postmortems/hindsight/blob/main/docs/rules/';

export interface RuleMeta {
  /** Kebab-case; also the rule's file name and doc page name. */
  id: string;
  /** One sentence: what the rule checks. */
  description: string;
  defaultLevel: Exclude<Level, 'off'>;
  /**
   * A rule that looks across files runs on every lint, even for a file whose own findings are
   * cached; it reads only the file's id, path and these frontmatter keys (the cache keeps them).
   */
  acrossFiles?: { keys: readonly string[] };
  /** The rule reads `asOf`, so cached findings are reused only for the same day. */
  readsAsOf?: boolean;
}

export interface Rule extends RuleMeta {
  url: string;
  check(context: RuleContext): void;
}

/**
 * Every postmortem file in the folder, by id, for rules that look across files. Only names: a
 * cross-file rule never needs another file parsed.
 */
export interface Corpus {
  /** Id to the paths (as shown in findings) of the files with that id. */
  byId: ReadonlyMap<string, readonly string[]>;
}

export interface ReportOptions {
  /** A second place that explains the first, such as the earlier entry a timeline entry comes before. */
  cause?: { message: string; place: Position };
  /** A lower level for this one finding (a draft's placeholders are warnings); it never raises the configured level. */
  level?: Exclude<Level, 'off'>;
}

export interface RuleContext {
  postmortem: Postmortem;
  corpus: Corpus;
  config: ResolvedConfig;
  /** The rule's options from config (`["warn", { … }]`), or `{}`. */
  options: Record<string, unknown>;
  /** The day against which due dates are judged, `YYYY-MM-DD`. */
  asOf: string;
  /** Reports one finding. Without a place it points at the start of the file. */
  report(message: string, place?: Position, options?: ReportOptions): void;
}

export function defineRule(meta: RuleMeta, check: (context: RuleContext) => void): Rule {
  return { ...meta, url: `${ruleDocsBaseUrl}${meta.id}.md`, check };
}
