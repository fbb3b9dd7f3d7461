import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

/** What Pagefind keeps of one postmortem (`index.addCustomRecord`). */
export type SearchRecord = pagefind.CustomRecord;

/** The options every index is made with. */
const indexOptions: pagefind.PagefindServiceConfig = {};

/** Records sent to the indexer before the first is answered: enough to keep it busy, few enough to hold little. */
const recordsInFlight = 32;

/**
 * Pagefind's Linux binary allocates with jemalloc, which by default gives each of the process's
 * threads an arena of its own and holds on to freed memory for ten seconds before giving it back.
 * Building an index frees much as it goes, from several threads; with one arena and freed memory
 * returned after a second, the indexer's peak for 4,000 postmortems is 0.9 GB rather than 1.0 to
 * 1.2 GB, for a few per cent more time. It is set for the indexer's process alone; a setting of the
 * user's own stands, and Pagefind's other builds ignore it.
 */
const allocatorVariable = '_RJEM_MALLOC_CONF';
const allocatorSettings = 'narenas:1,dirty_decay_ms:1000,muzzy_decay_ms:0';

/**
 * Writes the index of one shard's records into `folder`. Each shard has an indexer process of its
 * own, stopped once the shard is written: the process keeps much of the memory an index took even
 * after the index is deleted, so one process for every shard would hold the most any shard needed,
 * and more. The records may come as they are made. `stopped` is asked between records: once it
 * says yes, nothing is written.
 */
export async function indexRecords(folder: string, records: Iterable<SearchRecord> | AsyncIterable<SearchRecord>, stopped: () => boolean = () => false): Promise<void> {
  try {
    const { index, errors } = await startIndex().catch((error: unknown) => ({ index: undefined, errors: [(error as Error).message] }));
    if (!index) throw new Error(`Cannot start the search indexer: ${errors.join('; ')}`);
    const problems: string[] = [];
    // One iterator for every sender: each record is taken once.
    const pending = (async function* () {
      yield* records;
    })();
    // Every record sent is answered before the process is stopped, so none starts it again.
    const send = async (): Promise<void> => {
      while (problems.length === 0 && !stopped()) {
        const next = await pending.next();
        if (next.done) return;
        try {
          problems.push(...(await index.addCustomRecord(next.value)).errors);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
    };
    await Promise.all(Array.from({ length: recordsInFlight }, send));
    if (stopped()) return;
    if (problems.length === 0) problems.push(...(await index.writeFiles({ outputPath: folder })).errors);
    if (problems.length > 0) throw new Error(`Cannot build the search index: ${problems.join('; ')}`);
  } finally {
    await closeIndexer();
  }
}

/** A new index, in a new indexer process (none runs between shards). */
function startIndex(): Promise<pagefind.NewIndexResponse> {
  const own = process.env[allocatorVariable];
  process.env[allocatorVariable] ??= allocatorSettings;
  try {
    // The process is started here, synchronously, with the environment as it is now.
    return pagefind.createIndex(indexOptions);
  } finally {
    if (own === undefined) delete process.env[allocatorVariable];
  }
}

/** Stops the search indexer's process, so the command can exit. */
export async function closeIndexer(): Promise<void> {
  await pagefind.close();
}

let version: string | undefined;

/** The indexer and its options: another Pagefind may write another index from the same records. */
export function indexerFingerprint(): string {
  version ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }).version;
  return JSON.stringify([version, indexOptions]);
}

/** Where a shard's index is written, under the output folder. */
export function shardFolder(name: string): string {
  return join('pagefind', name);
}
