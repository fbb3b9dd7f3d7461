import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bodyText } from '../render/body.js';
import { compareText } from '../rollup/order.js';
import { siteLanguage } from './layout.js';
import type { PostmortemListing } from './model.js';
import { indexerFingerprint, indexRecords, shardFolder, type SearchRecord } from './search-indexer.js';

export { closeIndexer, fragmentFile, shardFolder, type SearchRecord } from './search-indexer.js';

/**
 * The search index, split by date into Pagefind indexes ("shards") of whole months, oldest first,
 * each holding at most `site.searchShardSize` characters of text; each is written in its own folder
 * (`pagefind/2024-03/`, named by its first month) and the browser searches them together. A rebuild
 * indexes again only the shards whose records changed and keeps the others, so one changed
 * postmortem does not re-index ten thousand; indexing one takes memory in proportion to its text,
 * which the size bounds however many postmortems a year brings. Filled from the oldest month, the
 * shards keep their months as new postmortems come: those go into the newest. Every search reads a
 * chunk of each shard's index, whatever its size, so shards are not made smaller than that.
 *
 * The index is made from the site model, one record per postmortem, not from the written pages:
 * it can be written while the pages are.
 */
export interface SearchShard {
  /** Its first month, `2024-03`, which names the folder. */
  name: string;
  /** Its postmortems, newest first. */
  postmortems: PostmortemListing[];
  /** Of each postmortem's record and the indexer, in the same order: an equal hash, an equal record in Pagefind's index. */
  records: string[];
  /** Of its records and the indexer: equal hashes mean an equal index. */
  hash: string;
}

/**
 * One postmortem as the search finds and shows it: its title and body text to match and excerpt;
 * the fields a result is drawn from (as text, by `site/assets/search.js`); the facets' filters, and
 * its day as a filter, by which a listing without a query reads the days newest first. (Not as a
 * sort: Pagefind keeps a sort's order in each shard's metadata, which every search loads.) The URL
 * is the page's path in the site, without the path prefix: the browser puts it before the URL
 * itself, as it does for the index's own files.
 */
export function searchRecord(pm: PostmortemListing): SearchRecord {
  return { ...recordFields(pm), content: `${pm.title}\n${bodyText(pm.body)}` };
}

/** A record but for its content, which is the title (a field already) and the body's text. */
function recordFields(pm: PostmortemListing): Omit<SearchRecord, 'content'> {
  const filters: Record<string, string[]> = {
    severity: [pm.severity.id],
    service: pm.services.map((service) => service.label),
    year: [pm.year],
    status: [pm.status],
    tag: pm.tags,
    day: [pm.date],
  };
  return {
    url: pm.path,
    language: siteLanguage,
    meta: {
      title: pm.title,
      id: pm.id,
      link: pm.url,
      date: pm.date,
      severity: pm.severity.id,
      severityName: pm.severity.name,
      severityClass: pm.severity.className,
      // Kebab-case names, so a space parts them.
      services: pm.services.map((service) => service.label).join(' '),
      resolvedIn: pm.timeToResolve,
      status: pm.status,
      statusLabel: pm.statusLabel,
      headline: pm.headline,
    },
    // A postmortem without tags has no `tag` filter rather than an empty one.
    filters: Object.fromEntries(Object.entries(filters).filter(([, values]) => values.length > 0)),
  };
}

/** The shards of these postmortems (newest first, as a site model holds them), newest first. */
export function searchShards(postmortems: readonly PostmortemListing[], maxText: number): SearchShard[] {
  return shardLayout(postmortems, maxText).map(({ name, postmortems: shard }) => {
    const records = shard.map(recordHash);
    return { name, postmortems: shard, records, hash: createHash('sha1').update(records.join('\n')).digest('base64') };
  });
}

/** A hash of a postmortem's whole record and the indexer; the body's text, the bulk of it, as it is held (deflated). */
function recordHash(postmortem: PostmortemListing): string {
  const { text } = postmortem.body;
  return createHash('sha1').update(indexerFingerprint()).update(`${JSON.stringify(recordFields(postmortem))}${text.length}\n`).update(text).digest('base64');
}

/** The shards' names, newest first: what the browser merges. */
export function shardNames(postmortems: readonly PostmortemListing[], maxText: number): string[] {
  return shardLayout(postmortems, maxText).map(({ name }) => name);
}

/**
 * Months, oldest first, go into the current shard while its text stays within `maxText`; a month
 * that would take it past starts the next. So a shard changes its months only when one of them
 * crosses that line, and the newest shard takes the new postmortems.
 */
function shardLayout(postmortems: readonly PostmortemListing[], maxText: number): Array<{ name: string; postmortems: PostmortemListing[] }> {
  const months = new Map<string, { text: number; postmortems: PostmortemListing[] }>();
  for (const postmortem of postmortems) {
    const key = postmortem.date.slice(0, 7);
    const month = months.get(key) ?? { text: 0, postmortems: [] };
    month.text += postmortem.title.length + postmortem.body.textLength;
    month.postmortems.push(postmortem);
    months.set(key, month);
  }
  const shards: Array<{ name: string; text: number; postmortems: PostmortemListing[] }> = [];
  for (const [key, month] of [...months].sort(([a], [b]) => compareText(a, b))) {
    const current = shards.at(-1);
    if (current && current.text + month.text <= maxText) {
      current.text += month.text;
      // Newer months before older ones: newest first within the shard too.
      current.postmortems.unshift(...month.postmortems);
    } else {
      shards.push({ name: key, text: month.text, postmortems: [...month.postmortems] });
    }
  }
  return shards.reverse();
}

/**
 * To the indexer's thread: a shard to index, the next of its records (none once they are all
 * sent), or that there are no more shards, or to stop at once.
 */
export type IndexerRequest = ({ name: string; folder: string } & EarlierFiles) | { records: SearchRecord[] } | 'end' | 'stop';
/** What a shard's index may take from earlier ones (`indexRecords`): a fragment for each record, or none, and the folder of its last index. */
export interface EarlierFiles {
  reuse: Array<string | null>;
  earlier: string | undefined;
}
/** From it: ready for a shard, ready for more of its records, or a shard written, with its records' fragments. */
export type IndexerReply = { ready: true } | { more: true } | { indexed: string; fragments: string[] | undefined };

/**
 * Records sent to an indexer's thread at a time: a shard's records in one message would be held
 * whole, twice over while copied, by this thread and that one.
 */
const recordsPerMessage = 500;

const workerScript = new URL('./search-worker.js', import.meta.url);

/** The indexer's thread runs the compiled script; straight from the TypeScript sources (as in tests) there is none. */
const workerAvailable = existsSync(fileURLToPath(workerScript));

export interface IndexOptions {
  /** Once aborted, no more records are indexed and no shard is written. */
  signal?: AbortSignal;
  /** Fragments of earlier indexes, by the hash of the record each was made from: linked, not written again. */
  reusable?: ReadonlyMap<string, string>;
  /** The folder the last indexes of the shards are in (the last build's site), whose files in common with the new ones are linked. */
  earlierIn?: string;
  /** Hears each shard written, and its records' fragments (in its postmortems' order) when they are known. */
  onIndexed?: (shard: SearchShard, fragments: string[] | undefined) => void;
  /** Hears that every indexer at work has been sent its first records, or that none will be. */
  onFed?: () => void;
}

/**
 * Indexers at work at once. Each is a Pagefind process that uses about one core, and as much as a
 * gigabyte of memory for the largest shards: two keep a second core busy once the pages are written.
 */
const indexersAtOnce = Math.min(2, availableParallelism());

/**
 * Writes the shards' indexes under `outDir`, two at a time. The records are sent to Pagefind from
 * threads of their own (each thread's Pagefind runs its own process): this one may be busy
 * rendering pages, and would otherwise feed Pagefind only in its pauses.
 */
export async function indexShards(outDir: string, shards: readonly SearchShard[], { signal, reusable = new Map(), earlierIn, onIndexed = () => {}, onFed = () => {} }: IndexOptions = {}): Promise<void> {
  if (shards.length === 0) return onFed();
  const earlierFiles = (shard: SearchShard): EarlierFiles => {
    const folder = earlierIn === undefined ? undefined : join(earlierIn, shardFolder(shard.name));
    return { reuse: shard.records.map((record) => reusable.get(record) ?? null), earlier: folder !== undefined && existsSync(folder) ? folder : undefined };
  };
  if (!workerAvailable) {
    onFed();
    for (const shard of shards) {
      if (signal?.aborted) return;
      const fragments = await indexRecords(join(outDir, shardFolder(shard.name)), shard.postmortems.map(searchRecord), { stopped: () => signal?.aborted ?? false, ...earlierFiles(shard) });
      if (!signal?.aborted) onIndexed(shard, fragments);
    }
    return;
  }
  const pending = [...shards];
  const workers = Array.from({ length: Math.min(indexersAtOnce, shards.length) }, () => new Worker(workerScript, { workerData: { outDir } }));
  const stop = (): void => {
    for (const worker of workers) worker.postMessage('stop' satisfies IndexerRequest);
  };
  signal?.addEventListener('abort', stop);
  try {
    // Every thread is awaited, whatever becomes of the others, so none writes once the build has failed.
    let unfed = workers.length;
    const outcomes = await Promise.allSettled(
      workers.map((worker) => {
        let fed = false;
        // Once per thread: when its first records are sent, or it is told there are none, or it ends.
        const feeding = (): void => {
          if (fed) return;
          fed = true;
          if (--unfed === 0) onFed();
        };
        return indexOnThread(worker, pending, { signal, onIndexed, onFed: feeding, earlierFiles }, stop).finally(feeding);
      }),
    );
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/** Hands the thread's indexer one pending shard after another, until none is left. */
function indexOnThread(
  worker: Worker,
  pending: SearchShard[],
  { signal, onIndexed, onFed, earlierFiles }: IndexOptions & Required<Pick<IndexOptions, 'onIndexed' | 'onFed'>> & { earlierFiles: (shard: SearchShard) => EarlierFiles },
  stopAll: () => void,
): Promise<void> {
  let current: SearchShard | undefined;
  let sent = 0;
  return new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: IndexerReply) => {
      if ('indexed' in reply) {
        if (current) onIndexed(current, reply.fragments);
        return;
      }
      if ('more' in reply) {
        // Records are made only as the indexer asks for them, so few are held at once; none once the build has failed.
        const shard = signal?.aborted ? undefined : current;
        const batch = shard ? shard.postmortems.slice(sent, sent + recordsPerMessage).map(searchRecord) : [];
        sent += batch.length;
        worker.postMessage({ records: batch } satisfies IndexerRequest);
        onFed();
        return;
      }
      current = signal?.aborted ? undefined : pending.shift();
      sent = 0;
      worker.postMessage((current ? { name: current.name, folder: shardFolder(current.name), ...earlierFiles(current) } : 'end') satisfies IndexerRequest);
      if (!current) onFed();
    });
    worker.once('error', (error) => {
      // The others stop at their next record: the build has failed.
      pending.length = 0;
      stopAll();
      reject(error);
    });
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`The search indexer stopped with exit code ${code}`))));
  });
}
