import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  type CompletionItem,
  type Diagnostic,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hindsight, writeFiles } from '../helpers/cli.js';
import { edit, validFile, validPostmortem } from '../helpers/lint.js';
import { LspClient } from './client.js';

const config = {
  severities: [
    { id: 'P1', name: 'Critical', definition: 'Checkout is down for most customers.', actionItemsDueWithinDays: 15, requirePreventOrDetect: true },
    { id: 'P2', name: 'Major', definition: 'A core journey is degraded.' },
  ],
};
const valid = edit(validPostmortem, 'severity: SEV1', 'severity: P1');
// A typo'd key, and a finding after a character outside the Basic Multilingual Plane (two UTF-16 units).
const defective = edit(edit(valid, 'severity: P1', 'severtiy: P1'), 'For 48 minutes', '🔥 It was human error. For 48 minutes');
const other = 'postmortems/2026-01-02-search-outage.md';

let root: string;
let client: LspClient;
const uri = () => client.uri(validFile);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hindsight-lsp-'));
  writeFiles(root, {
    'hindsight.config.json': JSON.stringify(config),
    [validFile]: defective,
    [other]: edit(edit(edit(edit(valid, 'date: 2026-03-04', 'date: 2026-01-02'), /2026-03-04T/g, '2026-01-02T'), 'checkout-api', 'search-api\n  - search-indexer'), '| Alice |', '| Dana |'),
  });
  client = LspClient.start(root);
  const result = await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: client.uri('.'),
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: false } } },
    workspaceFolders: [{ uri: client.uri('.'), name: 'repo' }],
  });
  expect(result.capabilities).toMatchObject({ hoverProvider: true, completionProvider: expect.any(Object), codeActionProvider: expect.any(Object) });
  await client.connection.sendNotification(InitializedNotification.type, {});
});

afterAll(() => {
  client.child.kill();
  rmSync(root, { recursive: true, force: true });
});

/** What `hindsight lint --format json` says about the file, as 0-based ranges. */
async function lintFindings(): Promise<Array<{ code: string; message: string; range: Diagnostic['range'] }>> {
  const { stdout } = await hindsight(root, ['lint', validFile, '--format', 'json']);
  const [file] = JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string; message: string; line: number; column: number; endLine: number; endColumn: number }> }>;
  return (file?.messages ?? []).map((message) => ({
    code: message.ruleId,
    message: message.message,
    range: { start: { line: message.line - 1, character: message.column - 1 }, end: { line: message.endLine - 1, character: message.endColumn - 1 } },
  }));
}

function textAt(text: string, range: Diagnostic['range']): string {
  const document = TextDocument.create('file:///x.md', 'markdown', 1, text);
  return document.getText(range);
}

describe('hindsight lsp, driven over stdio', () => {
  it('publishes exactly the findings `hindsight lint` gives when a postmortem opens', async () => {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(), languageId: 'markdown', version: 1, text: defective } });
    const { diagnostics } = await client.diagnostics(uri(), 1);
    expect(diagnostics.map(({ code, message, range }) => ({ code, message, range }))).toEqual(await lintFindings());
    const typo = diagnostics.find((diagnostic) => diagnostic.message === 'Unexpected key `severtiy`, did you mean `severity`?');
    expect(typo).toMatchObject({
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 8 } },
      severity: 1,
      source: 'hindsight',
      codeDescription: { href: expect.stringMatching(/docs\/rules\/schema\.md$/) },
    });
    const blame = diagnostics.find((diagnostic) => diagnostic.code === 'blameless-language');
    expect(blame && textAt(defective, blame.range)).toBe('human error');
    expect(blame?.severity).toBe(2);
  });

  it('offers keys with descriptions, services used in the repository, and statuses in the action items table', async () => {
    const at = async (line: number, character: number) =>
      ((await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri() }, position: { line, character } })) as CompletionItem[]);
    const lines = defective.split('\n');
    // At the start of a frontmatter line: the keys not written yet, with their descriptions.
    const keys = await at(14, 0);
    expect(keys.map((item) => item.label)).toEqual(expect.arrayContaining(['impact', 'severity', 'detection', 'teams', 'links']));
    expect(keys.map((item) => item.label)).not.toContain('title');
    expect(keys.find((item) => item.label === 'detection')).toMatchObject({ documentation: { value: 'How the incident was noticed.' }, textEdit: { newText: 'detection: ' } });
    const services = await at(6, lines[6]!.length);
    expect(services.map((item) => item.label)).toEqual(['checkout-api', 'search-api', 'search-indexer']);
    const row = lines.findIndex((line) => line.startsWith('| Load test'));
    const statusStart = lines[row]!.indexOf('in-progress');
    const statuses = await at(row, statusStart + 2);
    expect(statuses.map((item) => item.label)).toEqual(['open', 'in-progress', 'done', 'wont-do']);
    expect(statuses[0]?.textEdit).toMatchObject({ range: { start: { line: row, character: statusStart } } });
    const owners = await at(row, lines[row]!.indexOf('Bob') + 1);
    expect(owners.map((item) => item.label)).toEqual(['Alice', 'Bob', 'Dana']);
  });

  it('hovers a key with its description and the incident\'s durations, and a finding with its rule', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: { line: 9, character: 3 } });
    const value = (hover?.contents as MarkupContent).value;
    expect(value).toContain('`started_at`: When impact began');
    expect(value).toContain('Time to detect: 2m');
    expect(value).toContain('Time to mitigate: 48m');
    expect(value).toContain('Time to resolve: 1h 13m');
    const onTypo = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: { line: 3, character: 2 } });
    expect((onTypo?.contents as MarkupContent).value).toMatch(/^\*\*schema\*\*: The frontmatter follows .*\(\[docs\]\(https:.*schema\.md\)\)/);
  });

  it('renames a mistyped key with a code action whose edit clears the finding', async () => {
    const { diagnostics } = await client.diagnostics(uri(), 1);
    const typo = diagnostics.find((diagnostic) => String(diagnostic.message).startsWith('Unexpected key `severtiy`'))!;
    const missing = diagnostics.find((diagnostic) => diagnostic.message === 'Missing required key `severity`')!;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri() }, range: typo.range, context: { diagnostics } });
    const rename = actions?.find((action) => 'title' in action && action.title === 'Rename `severtiy` to `severity`');
    expect(rename).toMatchObject({ kind: 'quickfix', isPreferred: true, diagnostics: [missing, typo] });
    const edits = (rename as { edit: { changes: Record<string, Parameters<typeof TextDocument.applyEdits>[1]> } }).edit.changes[uri()]!;
    const fixed = TextDocument.applyEdits(TextDocument.create(uri(), 'markdown', 1, defective), edits);
    expect(fixed).toBe(edit(defective, 'severtiy', 'severity'));
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(), version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await client.diagnostics(uri(), 2);
    expect(after.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['blameless-language']);
  });

  it('fixes every certain problem with one source.fixAll action, as `lint --fix` does', async () => {
    const file = client.uri('postmortems/2026-03-04-fix-all.md');
    const text = edit(edit(edit(valid, 'status: published', 'stauts: published'), 'date: 2026-03-04', 'date: 2026-03-05'), '| done |', '| Done |');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: file, languageId: 'markdown', version: 1, text } });
    const { diagnostics } = await client.diagnostics(file, 1);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['schema', 'filename', 'date-matches-start', 'schema']);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: file },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(actions?.map((action) => action.title)).toEqual(['Fix all certain Hindsight problems']);
    const edits = (actions?.[0] as { edit: { changes: Record<string, Parameters<typeof TextDocument.applyEdits>[1]> } }).edit.changes[file]!;
    const fixed = TextDocument.applyEdits(TextDocument.create(file, 'markdown', 1, text), edits);
    expect(fixed).toBe(valid);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: file, version: 2 }, contentChanges: [{ text: fixed }] });
    expect((await client.diagnostics(file, 2)).diagnostics).toEqual([]);
  });

  it('offers the configured severities after `severity:`, with their names and definitions', async () => {
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri() }, position: { line: 3, character: 10 } })) as CompletionItem[];
    expect(items.map((item) => [item.label, item.detail, (item.documentation as MarkupContent).value])).toEqual([
      ['P1', 'Critical', 'Checkout is down for most customers.'],
      ['P2', 'Major', 'A core journey is degraded.'],
    ]);
  });

  it('publishes no diagnostics once a change mends the file', async () => {
    const line = defective.split('\n').findIndex((text) => text.startsWith('🔥'));
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(), version: 3 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: '🔥 It was human error. '.length } }, text: '' }],
    });
    expect((await client.diagnostics(uri(), 3)).diagnostics).toEqual([]);
  });

  it('follows a changed hindsight.config.json without a restart', async () => {
    writeFileSync(join(root, 'hindsight.config.json'), JSON.stringify({ severities: [{ id: 'SEV1', name: 'Worst', definition: 'All down.' }] }));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri('hindsight.config.json'), type: FileChangeType.Changed }] });
    const { diagnostics } = await client.diagnostics(uri(), 3, (params) => params.diagnostics.length > 0);
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual(['Unexpected `P1` for `severity`, expected one of `SEV1`']);
    // A broken config is said on the file, as `hindsight lint` says it, until it is mended.
    client.forget();
    writeFileSync(join(root, 'hindsight.config.json'), '{ "severities": ');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri('hindsight.config.json'), type: FileChangeType.Changed }] });
    const broken = await client.diagnostics(uri(), 3);
    expect(broken.diagnostics.map((diagnostic) => [diagnostic.range.start, diagnostic.message])).toEqual([
      [{ line: 0, character: 0 }, expect.stringMatching(/^Hindsight could not check this file: hindsight\.config\.json:1:\d+: invalid JSON/)],
    ]);
    writeFileSync(join(root, 'hindsight.config.json'), JSON.stringify({ severities: [{ id: 'SEV1', name: 'Worst', definition: 'All down.' }] }));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri('hindsight.config.json'), type: FileChangeType.Changed }] });
    await client.diagnostics(uri(), 3, (params) => params.diagnostics[0]?.code === 'schema');
  });

  it('lets cross-file rules see the files on disk and the open buffers', async () => {
    const newFile = 'postmortems/2026-03-07-new-outage.md';
    const text = edit(edit(validPostmortem.replace(/2026-03-04/g, '2026-03-07'), 'title:', 'related: [2026-01-02-search-outage, 2026-03-08-unsaved]\ntitle:'), '| 2026-03-07 |', '| 2026-03-09 |');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: client.uri(newFile), languageId: 'markdown', version: 1, text } });
    const first = await client.diagnostics(client.uri(newFile), 1);
    expect(first.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['related-exists', expect.stringContaining('`2026-03-08-unsaved`')],
    ]);
    client.forget();
    const unsaved = 'postmortems/2026-03-08-unsaved.md';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: client.uri(unsaved), languageId: 'markdown', version: 1, text: '' } });
    expect((await client.diagnostics(client.uri(newFile), 1)).diagnostics).toEqual([]);
  });

  it('survives hostile buffers, answering with a finding', async () => {
    const hostile = client.uri('postmortems/2026-03-05-hostile.md');
    const deep = `---\ntitle: ${'['.repeat(100_000)}\n---\n${'> '.repeat(50_000)}x\n`;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: hostile, languageId: 'markdown', version: 1, text: deep } });
    const { diagnostics } = await client.diagnostics(hostile, 1);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('syntax');
    const binary = client.uri('postmortems/2026-03-06-binary.md');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: binary, languageId: 'markdown', version: 1, text: `\u0000${'x'.repeat(3_000_000)}` } });
    expect((await client.diagnostics(binary, 1)).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['syntax']);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: { line: 9, character: 3 } });
    expect(hover).not.toBeNull();
  });

  it('keeps answering while a large buffer is checked', async () => {
    const large = client.uri('postmortems/2026-03-04-long-timeline.md');
    const entries = Array.from({ length: 4000 }, (_, index) => `- 2026-03-04 16:${String(index % 60).padStart(2, '0')} UTC - Check ${index}: steady`).join('\n');
    const text = edit(valid, '## Root Cause', `${entries}\n\n## Root Cause`);
    const order: string[] = [];
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: large, languageId: 'markdown', version: 1, text } });
    const checked = client.diagnostics(large, 1).then((params) => {
      order.push('diagnostics');
      return params;
    });
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: { line: 9, character: 3 } });
    order.push('hover');
    const { diagnostics } = await checked;
    expect(order).toEqual(['hover', 'diagnostics']);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('timeline-chronological');
  });

  it('shuts down and exits cleanly', async () => {
    await client.connection.sendRequest(ShutdownRequest.type);
    await client.connection.sendNotification(ExitNotification.type);
    expect({ code: await client.exited, stderr: client.stderr }).toEqual({ code: 0, stderr: '' });
  });
});
