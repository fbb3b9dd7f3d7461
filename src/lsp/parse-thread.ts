import { parentPort } from 'node:worker_threads';
import { parsePostmortem } from '../parse/postmortem.js';
import type { ParseRequest } from './parse-off-thread.js';

// The language server's parse thread: one postmortem per message, for as long as the server runs.
parentPort?.on('message', ({ id, file, bytes }: ParseRequest) => {
  parentPort?.postMessage({ id, postmortem: parsePostmortem(file, bytes) });
});
