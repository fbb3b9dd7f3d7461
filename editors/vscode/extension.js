'use strict';
// Starts `hindsight lsp` from the workspace's own node_modules, so the editor checks postmortems
// with exactly the version (and config) that CI uses.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { window, workspace } = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** @param {import('vscode').ExtensionContext} context */
async function activate(context) {
  const folder = workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return;
  const root = folder.uri.fsPath;
  const bin = join(root, 'node_modules', 'hindsight', 'bin', 'hindsight.js');
  if (!existsSync(bin)) {
    void window.showWarningMessage('Hindsight: no node_modules/hindsight in this workspace; run `npm install --save-dev hindsight` there.');
    return;
  }
  const node = workspace.getConfiguration('hindsight').get('nodePath', 'node');
  /** @type {import('vscode-languageclient/node').Executable} */
  const server = { command: node, args: [bin, 'lsp'], transport: TransportKind.stdio, options: { cwd: root } };
  client = new LanguageClient(
    'hindsight',
    'Hindsight',
    { run: server, debug: server },
    {
      // The server answers for Markdown files under the configured postmortems folder and ignores the rest.
      documentSelector: [{ scheme: 'file', language: 'markdown' }],
      synchronize: { fileEvents: workspace.createFileSystemWatcher('**/{hindsight.config.json,*.md}') },
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
