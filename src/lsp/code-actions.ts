import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findFixes, fixText, type Fix } from '../fix/index.js';
import type { TextEdit as OffsetEdit } from '../fix/edits.js';
import { rangesTouch, toRange } from './positions.js';
import type { Analysis, Workspace } from './workspace.js';

/** The quick fixes for the findings in the range, and one action that applies every certain fix. */
export function codeActions(analysis: Analysis, document: TextDocument, params: CodeActionParams, workspace: Workspace, path: string): CodeAction[] {
  const { text, postmortem, config, messages, shift } = analysis;
  const wanted = (kind: string) => !params.context.only || params.context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix)) {
    for (const fix of findFixes({ text, postmortem, config, messages })) {
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
  if (wanted(CodeActionKind.SourceFixAll)) {
    const fixed = fixText(text, config, (candidate) => workspace.check(path, candidate, config));
    if (fixed.text !== text) {
      actions.push({
        title: 'Fix all certain Hindsight problems',
        kind: `${CodeActionKind.SourceFixAll}.hindsight`,
        edit: { changes: { [document.uri]: [toTextEdit(document, changedSpan(text, fixed.text), shift)] } },
      });
    }
  }
  return actions;
}

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
