import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WatchDog,
} from 'vscode-languageserver';
// Not `vscode-languageserver/node`: loading it starts a timer of its own that would keep the process alive after `exit`.
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { configFileName } from '../config/config.js';
import { toolVersion } from '../package-root.js';
import { codeActions } from './code-actions.js';
import { complete } from './completion.js';
import { DiagnosticsPublisher } from './diagnostics.js';
import { hover } from './hover.js';
import { Workspace, type Analysis } from './workspace.js';

export interface ServerStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The repository root when the editor names none. */
  cwd: string;
}

/** How often to look whether the editor that started the server is still running. */
const parentCheckInterval = 3000;

/**
 * Serves the Language Server Protocol on the streams until the editor sends `exit` (or closes
 * them), then resolves with the exit code the protocol asks for: 0 after `shutdown`, else 1.
 */
export function serveLanguageServer({ input, output, cwd }: ServerStreams): Promise<number> {
  return new Promise((resolveExit) => {
    let shutdownReceived = false;
    let parentCheck: NodeJS.Timeout | undefined;
    let finished = false;
    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      clearInterval(parentCheck);
      publisher.dispose();
      workspace.dispose();
      connection.dispose();
      input.removeAllListeners?.('data');
      (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      resolveExit(code);
    };
    const watchDog: WatchDog = {
      get shutdownReceived() {
        return shutdownReceived;
      },
      set shutdownReceived(value: boolean) {
        shutdownReceived = value;
      },
      initialize(params: InitializeParams) {
        const parent = params.processId;
        if (typeof parent !== 'number') return;
        parentCheck = setInterval(() => {
          try {
            process.kill(parent, 0);
          } catch (error) {
            // EPERM: it is there, only not ours to signal (another user, another container).
            if ((error as NodeJS.ErrnoException).code === 'ESRCH') finish(shutdownReceived ? 0 : 1);
          }
        }, parentCheckInterval);
        parentCheck.unref();
      },
      exit: (code: number) => finish(code),
    };
    const connection: Connection = createConnection(
      (logger) => createProtocolConnection(new StreamMessageReader(input), new StreamMessageWriter(output), logger),
      watchDog,
    );
    // Standard output carries the protocol: anything printed goes to the editor's log instead.
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      console[method] = (...args: unknown[]) => connection.console.log(format(...args));
    }
    input.on('end', () => finish(shutdownReceived ? 0 : 1));
    input.on('close', () => finish(shutdownReceived ? 0 : 1));

    const documents = new TextDocuments(TextDocument);
    const recheckAll = (): void => {
      for (const document of documents.all()) publisher.schedule(document, 0);
    };
    let workspace = new Workspace(cwd, () => documents.all(), recheckAll);
    const publisher = new DiagnosticsPublisher(connection, workspace);
    let canWatchFiles = false;

    connection.onInitialize((params): InitializeResult => {
      const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
      if (folder?.startsWith('file:')) {
        workspace = new Workspace(fileURLToPath(folder), () => documents.all(), recheckAll);
        publisher.use(workspace);
      }
      canWatchFiles = params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Incremental,
          completionProvider: { triggerCharacters: [':', ' ', '|', '-', '['] },
          hoverProvider: true,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        },
        serverInfo: { name: 'hindsight', version: toolVersion() },
      };
    });

    connection.onInitialized(() => {
      if (canWatchFiles) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: `**/${configFileName}` }, { globPattern: '**/*.md' }],
        });
      }
    });

    // The config is read again by its time stamp on every check; added or removed files change what cross-file rules see.
    connection.onDidChangeWatchedFiles(() => {
      workspace.filesChanged();
      recheckAll();
    });

    // A buffer opened or closed may be a file not on disk yet: the other buffers' cross-file rules see it come and go.
    documents.onDidOpen(() => {
      workspace.buffersChanged();
      recheckAll();
    });
    documents.onDidChangeContent(({ document }) => publisher.schedule(document));
    documents.onDidSave(() => {
      workspace.filesChanged();
      recheckAll();
    });
    documents.onDidClose(({ document }) => {
      workspace.close(document.uri);
      publisher.clear(document.uri);
      workspace.buffersChanged();
      recheckAll();
    });

    const analysed = async (uri: string): Promise<{ analysis: Analysis; document: TextDocument } | undefined> => {
      const document = documents.get(uri);
      const analysis = document ? await workspace.analyse(document) : undefined;
      return document && analysis && 'postmortem' in analysis ? { analysis, document } : undefined;
    };

    connection.onCompletion(async ({ textDocument, position }) => {
      const found = await analysed(textDocument.uri);
      if (!found) return [];
      const lines = found.document.getText().split(/\r?\n/);
      return complete(lines, position, { config: found.analysis.config, vocabulary: () => workspace.vocabularyOf(found.analysis.config) });
    });

    connection.onHover(async ({ textDocument, position }) => {
      const found = await analysed(textDocument.uri);
      return found ? safely(() => hover(found.analysis, position)) ?? null : null;
    });

    connection.onCodeAction(async (params) => {
      const found = await analysed(params.textDocument.uri);
      const path = workspace.postmortemPath(params.textDocument.uri);
      return found && path ? safely(() => codeActions(found.analysis, found.document, params, workspace, path)) ?? [] : [];
    });

    documents.listen(connection);
    connection.listen();
  });
}

/** A request's answer, or none when the work failed: the server keeps running either way. */
function safely<Result>(work: () => Result): Result | undefined {
  try {
    return work();
  } catch (error) {
    process.stderr.write(`hindsight lsp: ${(error as Error).stack ?? String(error)}\n`);
    return undefined;
  }
}
