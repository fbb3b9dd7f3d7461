import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { VFileMessage } from 'vfile-message';
import type { Position } from '../parse/model.js';
import { toRange } from './positions.js';
import type { Analysis, AnalysisFailure, OpenDocument, Workspace } from './workspace.js';

/** A finding as the editor shows it: the rule id as `code`, its doc page as `codeDescription`. */
export function toDiagnostic(message: VFileMessage, uri: string, shift: number): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(message.place as Position, shift),
    severity: message.fatal ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'hindsight',
    message: message.reason,
  };
  if (message.ruleId) diagnostic.code = message.ruleId;
  if (message.url) diagnostic.codeDescription = { href: message.url };
  const cause = message.cause as VFileMessage | undefined;
  if (cause?.place) diagnostic.relatedInformation = [{ location: { uri, range: toRange(cause.place as Position, shift) }, message: cause.reason }];
  return diagnostic;
}

export function diagnosticsOf(analysis: Analysis | AnalysisFailure): Diagnostic[] {
  if ('problem' in analysis) {
    return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: 'hindsight', message: `Hindsight could not check this file: ${analysis.problem}` }];
  }
  return analysis.messages.map((message) => toDiagnostic(message, analysis.uri, analysis.shift));
}

/** Quiet time after a keystroke before the file is checked, so typing is not slowed by checks it overtakes. */
export const typingDelay = 150;

/** Publishes each open postmortem's findings, a moment after its last change. */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Closed since their check began: their findings are not published. */
  private readonly closed = new Set<string>();
  private disposed = false;

  constructor(private readonly connection: Connection, private workspace: Workspace) {}

  /** The workspace to check against, once the editor has named its folder. */
  use(workspace: Workspace): void {
    this.workspace = workspace;
  }

  /** Checks the document after `delay` ms of quiet; a later change restarts the wait. */
  schedule(document: OpenDocument, delay = typingDelay): void {
    this.closed.delete(document.uri);
    clearTimeout(this.timers.get(document.uri));
    this.timers.set(document.uri, setTimeout(() => {
      this.timers.delete(document.uri);
      void this.publish(document);
    }, delay));
  }

  async publish(document: OpenDocument): Promise<void> {
    let analysis: Analysis | AnalysisFailure | undefined;
    try {
      analysis = await this.workspace.analyse(document);
    } catch (error) {
      // Nothing a buffer holds may stop the server: say what went wrong, where the editor shows it.
      analysis = { uri: document.uri, version: document.version, problem: (error as Error).message };
      this.connection.console.error(`hindsight: ${(error as Error).stack ?? String(error)}`);
    }
    // A check that ends after `exit` has no one to tell.
    if (!analysis || this.disposed || this.closed.has(document.uri)) return;
    void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: diagnosticsOf(analysis) });
  }

  /** Clears a closed document's findings. */
  clear(uri: string): void {
    this.closed.add(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
