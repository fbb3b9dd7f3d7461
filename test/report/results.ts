import { VFileMessage } from 'vfile-message';
import type { LintResult } from '../../src/lint/engine.js';
import type { Position } from '../../src/parse/model.js';
import type { FormatContext } from '../../src/report/formatter.js';
import { defineRule } from '../../src/rules/rule.js';

/** A fixed set of rules and results, built as the lint engine builds them, so formatter output never drifts with the rules. */

export const cwd = '/repo';

const rules = [
  defineRule({ id: 'syntax', description: 'The file can be read.', defaultLevel: 'error' }, () => {}),
  defineRule({ id: 'schema', description: 'The frontmatter follows the schema.', defaultLevel: 'error' }, () => {}),
  defineRule({ id: 'timeline-chronological', description: 'Timeline entries are in order.', defaultLevel: 'warn' }, () => {}),
];

export const context: FormatContext = { cwd, color: false, rules, version: '1.2.3' };

function place(line: number, column: number, endLine: number, endColumn: number): Position {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

interface FindingSpec {
  ruleId: string;
  error: boolean;
  reason: string;
  place: Position;
  cause?: { reason: string; place: Position };
}

export function message({ ruleId, error, reason, place, cause }: FindingSpec): VFileMessage {
  const rule = rules.find((candidate) => candidate.id === ruleId);
  const found = new VFileMessage(reason, {
    place,
    ruleId,
    source: 'hindsight',
    ...(cause ? { cause: new VFileMessage(cause.reason, { place: cause.place }) } : {}),
  });
  found.fatal = error;
  found.url = rule?.url;
  return found;
}

export function result(filePath: string, messages: VFileMessage[]): LintResult {
  const errorCount = messages.filter((item) => item.fatal).length;
  return { filePath, messages, errorCount, warningCount: messages.length - errorCount };
}

const outOfOrder: FindingSpec = {
  ruleId: 'timeline-chronological',
  error: false,
  reason: 'Unexpected `14:20 UTC` after `14:34 UTC`, expected timeline entries in order',
  place: place(33, 1, 33, 52),
};

export const results: LintResult[] = [
  result(`${cwd}/postmortems/2026-03-04-checkout-outage.md`, [
    message({
      ruleId: 'schema',
      error: true,
      reason: 'Unexpected `SEV5` for `severity`, expected one of `SEV1`..`SEV4`',
      place: place(4, 11, 4, 15),
    }),
    message({ ...outOfOrder, cause: { reason: 'The earlier entry', place: place(32, 1, 32, 48) } }),
    message({ ruleId: 'schema', error: true, reason: 'Missing required key `impact`', place: place(120, 3, 120, 9) }),
  ]),
  result(`${cwd}/postmortems/2026-04-10-clean.md`, []),
  result(`${cwd}/postmortems/2026-05-02-dns-resolver-timeouts.md`, [
    message({ ruleId: 'syntax', error: true, reason: 'Unclosed frontmatter, expected a `---` line after the YAML that starts on line 1', place: place(1, 1, 1, 4) }),
  ]),
];

export const warningsOnly: LintResult[] = [result(`${cwd}/postmortems/2026-03-04-checkout-outage.md`, [message(outOfOrder)])];

export const clean: LintResult[] = [result(`${cwd}/postmortems/2026-04-10-clean.md`, [])];
