import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { compatibleEdits, findFixes, fixText, type Fix } from '../fix/index.js';
import { applyEdits, type TextEdit as OffsetEdit } from '../fix/edits.js';
import { rangesTouch, toRange } from './positions.js';
import type { Analysis, Workspace } from './workspace.js';

/** The quick fixes for the findings in the range, and one action that applies every certain fix. */
export function codeActions(analysis: Analysis, document: TextDocument, params: CodeActionParams, workspace: Workspace, path: string): CodeAction[] {
  const { text, postmortem, config, messages, shift } = analysis;
  const { only } = params.context;
  const wanted = (kind: string) => !only || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
  const fixes = findFixes({ text, postmortem, config, messages });
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix)) {
    for (const fix of fixes) {
      const touched = fix.mends.map((mend) => toRange(mend.place, shift));
      const edits = fix.edits.map((edit) => toTextEdit(document, edit, shift));
      if (![...touched, ...edits.map((edit) => edit.range)].some((range) => rangesTouch(range, params.range))) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: params.context.diagnostics.filter((diagnostic) => mendsDiagnostic(fix, diagnostic, shift)),
        isPreferred: fix.certain,
        edit: { changes: { [document.uri]: edits } },
      });
    }
  }
  const certain = fixes.filter((fix) => fix.certain);
  if (wanted(fixAllKind) && certain.length > 0) {
    // Asked for by name (on save, or *Fix all*), it is `lint --fix` exactly, round after round; listed
    // among the rest (as editors ask on every cursor move), one round of the fixes at hand.
    const fixed = only ? fixText(text, config, (candidate) => workspace.check(path, candidate, config)).text : applyEdits(text, compatibleEdits(certain));
    if (fixed !== text) {
      actions.push({
        title: 'Fix all certain Hindsight problems',
        kind: fixAllKind,
        edit: { changes: { [document.uri]: [toTextEdit(document, changedSpan(text, fixed), shift)] } },
      });
    }
  }
  return actions;
}

const fixAllKind = `${CodeActionKind.SourceFixAll}.hindsight`;

function toTextEdit(document: TextDocument, edit: OffsetEdit, shift: number): TextEdit {
  return { range: { start: document.positionAt(edit.start + shift), end: document.positionAt(edit.end + shift) }, newText: edit.newText };
}

function mendsDiagnostic(fix: Fix, diagnostic: Diagnostic, shift: number): boolean {
  return diagnostic.code === fix.ruleId && fix.mends.some((mend) => {
    const range = toRange(mend.place, shift);
    return range.start.line === diagnostic.range.start.line && range.start.character === diagnostic.range.start.character && (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value).includes(mend.mentions);
  });
}

/** One edit from the first changed character to the last, so the editor keeps the rest (and its marks) as is. */
function changedSpan(before: string, after: string): OffsetEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}
