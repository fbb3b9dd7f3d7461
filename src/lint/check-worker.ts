import { parentPort } from 'node:worker_threads';
import type { FileJob, WorkerRequest } from '../parse/workers.js';
import { checkJobs, type CheckSetup } from './check.js';

parentPort?.on('message', ({ jobs, setup }: WorkerRequest<FileJob, CheckSetup>) => {
  parentPort?.postMessage(checkJobs(jobs, setup));
});
