import { parentPort } from 'node:worker_threads';
import { parsePostmortem } from './postmortem.js';
import type { WorkerRequest } from './workers.js';

parentPort?.once('message', ({ jobs, options }: WorkerRequest) => {
  parentPort?.postMessage(jobs.map(({ file, bytes }) => parsePostmortem(file, bytes, options)));
});
