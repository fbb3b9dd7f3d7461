import { VFileMessage } from 'vfile-message';
import type { ResolvedConfig, RuleSetting } from '../config/config.js';
import { UsageError } from '../errors.js';
import { postmortemId, type Frontmatter, type Position, type Postmortem, type ValidPostmortem } from '../parse/model.js';
import { rules as registry } from '../rules/index.js';
import type { Corpus, ReportOptions, Rule } from '../rules/rule.js';
import { schemaErrors } from '../schema/validate.js';

/** One file's findings, in the shape of ESLint's JSON formatter. */
export interface LintResult {
  /** Absolute path. */
  filePath: string;
  messages: VFileMessage[];
  errorCount: number;
  warningCount: number;
}

export interface LintedPostmortem {
  postmortem: Postmortem;
  result: LintResult;
}

export interface LintOptions {
  config: ResolvedConfig;
  asOf: string;
  /** Absolute path of each postmortem, to name it in results. */
  absolutePath(postmortem: Postmortem): string;
  /** Every file for cross-file rules; default: just these postmortems. */
  corpus?: Corpus;
  rules?: readonly Rule[];
}

const startOfFile: Position = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/** A rule with its configured level and options. */
export interface EnabledRule {
  rule: Rule;
  setting: RuleSetting;
}

interface CheckContext {
  config: ResolvedConfig;
  asOf: string;
  corpus: Corpus;
}

/** Runs every enabled rule over each postmortem. */
export function lintPostmortems(postmortems: readonly Postmortem[], options: LintOptions): LintedPostmortem[] {
  const { config, asOf, absolutePath, rules = registry } = options;
  const enabled = enabledRules(config, rules);
  const context = { config, asOf, corpus: options.corpus ?? corpusOf(postmortems.map((postmortem) => postmortem.file)) };
  return postmortems.map((postmortem) => ({
    postmortem,
    result: lintResult(absolutePath(postmortem), [...ownFindings(postmortem, enabled, context), ...acrossFileFindings(postmortem, enabled, context)]),
  }));
}

/** The findings of the rules that read only this file: what the lint cache keeps. */
export function ownFindings(postmortem: Postmortem, enabled: readonly EnabledRule[], context: CheckContext): VFileMessage[] {
  return check(postmortem, enabled.filter(({ rule }) => !rule.acrossFiles), context);
}

/** The findings of the rules that look across files; they need only `acrossFilesModel(postmortem)`. */
export function acrossFileFindings(postmortem: Postmortem, enabled: readonly EnabledRule[], context: CheckContext): VFileMessage[] {
  return check(postmortem, enabled.filter(({ rule }) => rule.acrossFiles), context);
}

/**
 * The part of a model that rules looking across files read: the id, the path and their frontmatter
 * keys with their places. Small enough to keep in the lint cache for every file.
 */
export function acrossFilesModel(postmortem: Postmortem, enabled: readonly EnabledRule[]): Postmortem {
  const keys = [...new Set(enabled.flatMap(({ rule }) => rule.acrossFiles?.keys ?? []))];
  const data = Object.fromEntries(keys.filter((key) => Object.hasOwn(postmortem.data, key)).map((key) => [key, postmortem.data[key]]));
  const fields = Object.fromEntries(
    Object.entries(postmortem.fields).filter(([pointer]) => keys.some((key) => pointer === `/${key}` || pointer.startsWith(`/${key}/`))),
  );
  return { id: postmortem.id, file: postmortem.file, data, fields, syntax: [], sections: [], timeline: [], timelineStrays: [], actionItems: null, prose: [], lines: postmortem.lines };
}

function check(postmortem: Postmortem, enabled: readonly EnabledRule[], { config, asOf, corpus }: CheckContext): VFileMessage[] {
  const messages: VFileMessage[] = [];
  for (const { rule, setting } of enabled) {
    const report = (reason: string, place: Position = startOfFile, extra: ReportOptions = {}): void => {
      const message = new VFileMessage(reason, {
        place,
        ruleId: rule.id,
        source: 'hindsight',
        ...(extra.cause ? { cause: new VFileMessage(extra.cause.message, { place: extra.cause.place }) } : {}),
      });
      message.fatal = setting.level === 'error' && extra.level !== 'warn';
      message.url = rule.url;
      message.file = postmortem.file;
      messages.push(message);
    };
    rule.check({ postmortem, corpus, config, options: setting.options, asOf, report });
  }
  return messages;
}

/** One file's result: its findings in file order (rules in registry order at the same place), counted. */
export function lintResult(filePath: string, messages: VFileMessage[]): LintResult {
  messages.sort(byPlace);
  const errorCount = messages.filter((message) => message.fatal).length;
  return { filePath, messages, errorCount, warningCount: messages.length - errorCount };
}

function byPlace(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** The rules with their configured level and options; an unknown rule id in config is a usage error. */
export function enabledRules(config: ResolvedConfig, rules: readonly Rule[] = registry): EnabledRule[] {
  const known = new Set(rules.map((rule) => rule.id));
  for (const id of Object.keys(config.rules)) {
    if (!known.has(id)) throw new UsageError(`Unknown rule \`${id}\` in ${config.file ?? 'the configuration'}, expected one of: ${[...known].join(', ')}`);
  }
  return rules
    .map((rule) => ({ rule, setting: config.rules[rule.id] ?? { level: rule.defaultLevel, options: {} } }))
    .filter(({ setting }) => setting.level !== 'off');
}

/** The corpus of these files (paths as shown in findings). */
export function corpusOf(files: Iterable<string>): Corpus {
  const byId = new Map<string, string[]>();
  for (const file of files) {
    const id = postmortemId(file);
    byId.set(id, [...(byId.get(id) ?? []), file]);
  }
  return { byId };
}

/**
 * The postmortems fit for rollups and the site: no lint errors, and frontmatter the schema accepts
 * (checked again here when config makes the schema rule's findings less than errors, or turns it off).
 */
export function validPostmortems(linted: readonly LintedPostmortem[], config: ResolvedConfig): ValidPostmortem[] {
  const schemaErrorsAreErrors = enabledRules(config).some(({ rule, setting }) => rule.id === 'schema' && setting.level === 'error');
  return linted
    .filter(({ postmortem, result }) => result.errorCount === 0 && postmortem.syntax.length === 0 && (schemaErrorsAreErrors || schemaErrors(config, postmortem.data).length === 0))
    .map(({ postmortem }) => ({ ...postmortem, frontmatter: postmortem.data as Frontmatter }));
}
