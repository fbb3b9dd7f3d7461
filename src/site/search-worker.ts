import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { indexRecords, type SearchRecord } from './search-indexer.js';
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
/** Tells the build thread what this one is ready for, and waits for it. */
const ask = (reply: IndexerReply): Promise<IndexerRequest> =>
  new Promise((resolve) => {
    deliver = resolve;
    port.postMessage(reply);
  });

/**
 * The current shard's records, asked for a message's worth at a time, the next while the last are
 * indexed (the build thread may be busy a while before it answers); none more once they stop coming.
 */
async function* shardRecords(): AsyncGenerator<SearchRecord> {
  let next = ask({ more: true });
  for (;;) {
    const request = await next;
    if (typeof request !== 'object' || !('records' in request) || request.records.length === 0) return;
    next = ask({ more: true });
    yield* request.records;
  }
}

for (let request = await ask({ ready: true }); typeof request === 'object' && 'folder' in request && !stopped; request = await ask({ ready: true })) {
  const fragments = await indexRecords(join(outDir, request.folder), shardRecords(), { stopped: () => stopped, reuse: request.reuse, earlier: request.earlier });
  if (!stopped) port.postMessage({ indexed: request.name, fragments } satisfies IndexerReply);
}
port.close();
