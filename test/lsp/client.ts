import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const bin = resolve(import.meta.dirname, '../../bin/hindsight.js');

/** An editor's side of the protocol, talking to `hindsight lsp` in a child process over stdio. */
export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiting: Array<() => void> = [];
  readonly exited: Promise<number | null>;
  stderr = '';

  private constructor(readonly child: ChildProcess, readonly root: string) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const wake of this.waiting.splice(0)) wake();
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    this.connection.listen();
  }

  /** Starts the server in `root`: by default the compiled CLI of this checkout, else the command given. */
  static start(root: string, command: readonly string[] = [process.execPath, bin, 'lsp', '--stdio']): LspClient {
    const [program = process.execPath, ...args] = command;
    return new LspClient(spawn(program, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] }), root);
  }

  uri(file: string): string {
    return pathToFileURL(resolve(this.root, file)).href;
  }

  /** The next diagnostics published for a document that `accept` takes (by default any for that version). */
  async diagnostics(uri: string, version: number, accept: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    for (;;) {
      const found = this.published.find((params) => params.uri === uri && params.version === version && accept(params));
      if (found) return found;
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  /** Forgets what was published, so a later wait sees only new diagnostics. */
  forget(): void {
    this.published.length = 0;
  }
}
