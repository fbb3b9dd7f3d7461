import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
} from 'vscode-languageserver-protocol';
import { afterAll, bench, describe } from 'vitest';
import { packagePath } from '../src/package-root.js';
import { typingDelay } from '../src/lsp/diagnostics.js';
import { LspClient } from '../test/lsp/client.js';

// `npm run bench`: the time from a keystroke (`didChange`) to the diagnostics published for it,
// from `hindsight lsp` (the compiled CLI) over stdio, on a typical postmortem from `postmortems/`
// and on two of about 1 MB: mostly prose, and with a 4,000-entry timeline (the Timeline section is
// parsed as Markdown, the prose only scanned). The time includes the server's wait for typing to pause.

const keystrokes = 30;
const root = mkdtempSync(join(tmpdir(), 'hindsight-lsp-bench-'));
cpSync(packagePath('postmortems'), join(root, 'postmortems'), { recursive: true });
const typicalFile = 'postmortems/2026-03-04-checkout-database-connection-pool-exhaustion.md';
const typical = readFileSync(join(root, typicalFile), 'utf8');
const megabyte = 1_000_000;
const proseFile = 'postmortems/2026-03-04-checkout-long-notes.md';
const longProse = `${typical}\n## Notes\n\n${prose(megabyte - typical.length)}`;
const timelineFile = 'postmortems/2026-03-04-checkout-long-timeline.md';
const entries = timeline(4000);
const longTimeline = `${typical.replace('## Root Cause', `${entries}\n\n## Root Cause`)}\n## Notes\n\n${prose(megabyte - typical.length - entries.length)}`;
writeFileSync(join(root, proseFile), longProse);
writeFileSync(join(root, timelineFile), longTimeline);
const size = (text: string) => `${(text.length / megabyte).toFixed(2)} MB`;

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Extra timeline entries a minute apart, after the last one. */
function timeline(count: number): string {
  return Array.from({ length: count }, (_, index) => {
    const minutes = 16 * 60 + index;
    const time = `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return `- 2026-03-0${4 + Math.floor(minutes / 1440)} ${time} UTC - Follow-up check ${index}: dashboards steady`;
  }).join('\n');
}

function prose(length: number): string {
  const paragraph = 'The pool held steady after the rollback; we watched the error rate and the queue depth for the rest of the day. ';
  const paragraphs: string[] = [];
  for (let total = 0; total < length; total += paragraph.length * 4 + 2) paragraphs.push(paragraph.repeat(4).trim());
  return `${paragraphs.join('\n\n')}\n`;
}

async function measureKeystrokes(file: string, text: string): Promise<string> {
  const client = LspClient.start(root);
  await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: client.uri('.'), capabilities: {}, workspaceFolders: null });
  await client.connection.sendNotification(InitializedNotification.type, {});
  const uri = client.uri(file);
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await client.diagnostics(uri, 1);
  const line = text.split('\n').findIndex((content) => content.startsWith('## Summary')) + 2;
  const times: number[] = [];
  for (let version = 2; version < keystrokes + 2; version++) {
    const started = performance.now();
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }],
    });
    await client.diagnostics(uri, version);
    times.push(performance.now() - started);
  }
  await client.connection.sendRequest(ShutdownRequest.type);
  await client.connection.sendNotification(ExitNotification.type);
  await client.exited;
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.ceil(share * times.length) - 1)]!.toFixed(0);
  return `median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms over ${keystrokes} keystrokes (${typingDelay} ms of it the pause for typing)`;
}

const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe('hindsight lsp: keystroke to diagnostics', () => {
  bench(`typical postmortem (${(typical.length / 1024).toFixed(0)} KB)`, async () => {
    console.log(`typical postmortem, ${(typical.length / 1024).toFixed(0)} KB: ${await measureKeystrokes(typicalFile, typical)}`);
  }, once);

  bench(`mostly prose (${size(longProse)})`, async () => {
    console.log(`mostly prose, ${size(longProse)}: ${await measureKeystrokes(proseFile, longProse)}`);
  }, once);

  bench(`a 4,000-entry timeline (${size(longTimeline)})`, async () => {
    console.log(`a 4,000-entry timeline, ${size(longTimeline)}: ${await measureKeystrokes(timelineFile, longTimeline)}`);
  }, once);
});
