import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { indexRecords } from './search-indexer.js';
import type { IndexerReply, IndexerRequest } from './search-index.js';

/**
 * The search indexer's thread: it feeds Pagefind the records of one shard after another as the
 * build thread sends them, so Pagefind is kept busy while that thread renders pages.
 */
const port = parentPort!;
const { outDir } = workerData as { outDir: string };
let stopped = false;
let deliver: (request: IndexerRequest) => void = () => {};
port.on('message', (request: IndexerRequest) => {
  if (request === 'stop') stopped = true;
  deliver(request);
});
const next = (): Promise<IndexerRequest> =>
  new Promise((resolve) => {
    deliver = resolve;
    port.postMessage({ ready: true } satisfies IndexerReply);
  });

for (let request = await next(); request !== 'stop' && request !== 'end' && !stopped; request = await next()) {
  await indexRecords(join(outDir, request.folder), request.records, () => stopped);
  if (!stopped) port.postMessage({ indexed: request.name } satisfies IndexerReply);
}
port.close();
