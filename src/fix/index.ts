import type { VFileMessage } from 'vfile-message';
import type { ResolvedConfig } from '../config/config.js';
import type { Postmortem } from '../parse/model.js';
import { rules } from '../rules/index.js';
import { canonicalCells } from './canonical-cells.js';
import { dateFromStart } from './date-from-start.js';
import { applyEdits, overlaps, SourceText, type TextEdit } from './edits.js';
import { mendsMessage, type Fix, type FixContext, type FixFinder } from './fix.js';
import { lineEndings } from './line-endings.js';
import { missingSections } from './missing-sections.js';
import { renameKey } from './rename-key.js';
import { timelineOrder } from './timeline-order.js';

export type { Fix } from './fix.js';
export { mendsMessage } from './fix.js';

/** Every kind of fix, in the order their edits are tried when two would touch the same text. */
const finders: readonly FixFinder[] = [renameKey, dateFromStart, canonicalCells, missingSections, timelineOrder];
/** The fixes that make a file the `syntax` rule refuses readable: until then, no other applies. */
const readableFinders: readonly FixFinder[] = [lineEndings];

/**
 * The fixes for a postmortem's findings: each mends a finding the configured rules report, or (for
 * spellings no rule reports) belongs to a rule that is on. While the file cannot be read, only
 * those that make it readable.
 */
export function findFixes(context: Omit<FixContext, 'source'> & { text: string }): Fix[] {
  const { postmortem, config, messages } = context;
  const full: FixContext = { ...context, source: new SourceText(context.text) };
  return (postmortem.syntax.length > 0 ? readableFinders : finders)
    .flatMap((find) => find(full))
    .filter((fix) => fix.edits.length > 0 && (fix.mends.length === 0 ? ruleIsOn(config, fix.ruleId) : messages.some((message) => mendsMessage(fix, message))));
}

function ruleIsOn(config: ResolvedConfig, ruleId: string): boolean {
  const level = config.rules[ruleId]?.level ?? rules.find((rule) => rule.id === ruleId)?.defaultLevel ?? 'off';
  return level !== 'off';
}

/** The fixes' edits, leaving out any fix whose edits touch text an earlier fix changes. */
export function compatibleEdits(fixes: readonly Fix[]): TextEdit[] {
  const accepted: TextEdit[] = [];
  for (const fix of fixes) {
    if (fix.edits.some((edit) => accepted.some((other) => overlaps(edit, other)))) continue;
    accepted.push(...fix.edits);
  }
  return accepted;
}

/** A postmortem as the linter sees it: parsed from some text, with its findings. */
export interface Checked {
  postmortem: Postmortem;
  messages: readonly VFileMessage[];
}

export interface FixedText<Result extends Checked> {
  text: string;
  /** The titles of the fixes applied, in order. */
  applied: string[];
  /** The final text, checked: what remains. */
  checked: Result;
}

/** Rounds of fixing: one fix can reveal another (a renamed `date` may then disagree with `started_at`). */
const maxRounds = 10;

/**
 * Applies the certain fixes until none is left (or `maxRounds`), checking the text again after
 * each round. A round whose result cannot be read, or that loses timeline entries, is not kept.
 */
export function fixText<Result extends Checked>(text: string, config: ResolvedConfig, check: (text: string) => Result): FixedText<Result> {
  let current = text;
  let checked = check(current);
  const applied: string[] = [];
  for (let round = 0; round < maxRounds; round++) {
    const fixes = findFixes({ text: current, postmortem: checked.postmortem, config, messages: checked.messages }).filter((fix) => fix.certain);
    const edits = compatibleEdits(fixes);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    const nextChecked = check(next);
    if (nextChecked.postmortem.syntax.length > 0 || nextChecked.postmortem.timeline.length < checked.postmortem.timeline.length) break;
    applied.push(...fixes.filter((fix) => fix.edits.every((edit) => edits.includes(edit))).map((fix) => fix.title));
    current = next;
    checked = nextChecked;
  }
  return { text: current, applied, checked };
}
