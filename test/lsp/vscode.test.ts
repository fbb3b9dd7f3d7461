import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InitializeRequest, ShutdownRequest, ExitNotification } from 'vscode-languageserver-protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { LspClient } from './client.js';

const extensionFolder = resolve(import.meta.dirname, '../../editors/vscode');
const root = mkdtempSync(join(tmpdir(), 'hindsight-vscode-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Started {
  id: string;
  server: { run: { command: string; args: string[]; options: { cwd: string } } };
  client: { documentSelector: unknown[] };
}

/** Loads the extension with stand-ins for `vscode` and the language client, and activates it. */
async function activate(): Promise<{ started: Started[]; warnings: string[] }> {
  const started: Started[] = [];
  const warnings: string[] = [];
  const fakes: Record<string, unknown> = {
    vscode: {
      workspace: {
        workspaceFolders: [{ uri: { scheme: 'file', fsPath: root } }],
        getConfiguration: () => ({ get: (_key: string, fallback: unknown) => fallback }),
        createFileSystemWatcher: (glob: string) => ({ glob }),
      },
      window: { showWarningMessage: (message: string) => warnings.push(message) },
    },
    'vscode-languageclient/node': {
      TransportKind: { stdio: 0 },
      LanguageClient: class {
        constructor(id: string, _name: string, server: Started['server'], client: Started['client']) {
          started.push({ id, server, client });
        }
        start() {
          return Promise.resolve();
        }
      },
    },
  };
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (request, ...rest) => (request in fakes ? fakes[request] : original(request, ...rest));
  try {
    const require = createRequire(join(extensionFolder, 'extension.js'));
    delete require.cache[require.resolve('./extension.js')];
    const extension = require('./extension.js') as { activate(context: { subscriptions: unknown[] }): Promise<void> };
    await extension.activate({ subscriptions: [] });
  } finally {
    loader._load = original;
  }
  return { started, warnings };
}

describe('the VS Code extension', () => {
  it('pins its client and points at its entry point', () => {
    const manifest = JSON.parse(readFileSync(join(extensionFolder, 'package.json'), 'utf8'));
    expect(manifest.main).toBe('./extension.js');
    expect(manifest.dependencies['vscode-languageclient']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('says what to install when the workspace has no Hindsight', async () => {
    const { started, warnings } = await activate();
    expect(started).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('npm install --save-dev hindsight')]);
  });

  it('starts `hindsight lsp` from the workspace\'s node_modules, a command that serves the protocol', async () => {
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    symlinkSync(resolve(import.meta.dirname, '../..'), join(root, 'node_modules', 'hindsight'));
    const { started } = await activate();
    expect(started).toHaveLength(1);
    const { run } = started[0]!.server;
    expect(run).toMatchObject({ command: 'node', args: [join(root, 'node_modules', 'hindsight', 'bin', 'hindsight.js'), 'lsp'], options: { cwd: root } });
    expect(started[0]!.client.documentSelector).toEqual([{ scheme: 'file', language: 'markdown' }]);
    // The client adds the transport's flag and its process id.
    const client = LspClient.start(root, [process.execPath, ...run.args, '--stdio', `--clientProcessId=${process.pid}`]);
    const result = await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: client.uri('.'), capabilities: {}, workspaceFolders: null });
    expect(result.serverInfo?.name).toBe('hindsight');
    await client.connection.sendRequest(ShutdownRequest.type);
    await client.connection.sendNotification(ExitNotification.type);
    expect(await client.exited).toBe(0);
  });
});
