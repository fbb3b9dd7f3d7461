import type { VFileMessage } from 'vfile-message';
import type { ResolvedConfig } from '../config/config.js';
import type { Position, Postmortem } from '../parse/model.js';
import type { SourceText, TextEdit } from './edits.js';

/** A finding a fix mends: where it stands, and a word its message names (two findings may share a place). */
export interface Mend {
  place: Position;
  mentions: string;
}

/** One change that mends one problem, as text edits, shared by `lint --fix` and the editor's quick fixes. */
export interface Fix {
  ruleId: string;
  /** What the fix does, as an editor lists it: ``Rename `severtiy` to `severity` ``. */
  title: string;
  edits: TextEdit[];
  /** `lint --fix` applies only certain fixes; the others are offered in the editor, where a person decides. */
  certain: boolean;
  /** The findings it mends; a fix for a spelling no rule reports (a `Done` status) mends none. */
  mends: Mend[];
}

export interface FixContext {
  source: SourceText;
  postmortem: Postmortem;
  config: ResolvedConfig;
  /** The postmortem's findings: a fix is offered only for a finding the configured rules report. */
  messages: readonly VFileMessage[];
}

/** Finds the fixes of one kind; each fix file exports one. */
export type FixFinder = (context: FixContext) => Fix[];

/** Whether a finding is one the fix mends. */
export function mendsMessage(fix: Fix, message: VFileMessage): boolean {
  return message.ruleId === fix.ruleId && fix.mends.some(({ place, mentions }) =>
    message.line === place.start.line && message.column === place.start.column && message.reason.includes(mentions));
}
