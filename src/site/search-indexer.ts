import { decode } from 'cborg';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { keepFile } from './keep-file.js';
import type { EarlierFiles } from './search-index.js';

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
 * Writes the index of one shard's records into `folder`, and returns each record's fragment (the
 * file Pagefind keeps its text and fields in), in the records' order. Each shard has an indexer
 * process of its own, stopped once the shard is written: the process keeps much of the memory an
 * index took even after the index is deleted, so one process for every shard would hold the most
 * any shard needed, and more. The records may come as they are made. `stopped` is asked between
 * records: once it says yes, nothing is written (and nothing is returned).
 *
 * Pagefind names the files of an index by a hash of their content and does not write a file of a
 * name that is there already (browsers cache them by name as well): what an earlier index has in
 * common with this one is linked in first, and Pagefind compresses and writes only the rest, most
 * of the time an index of a few changed records takes. `reuse` names, for a record, a fragment of
 * an earlier index made from the very same record and indexer; `earlier` is the folder of this
 * shard's last index, whose word and filter files are linked in, and removed again where the new
 * index does not list them. The names are a short prefix of the hash, so a new fragment could in
 * principle take the name of another record's linked one: the fragments are checked for that, and
 * written again without the linked ones should it happen.
 */
export async function indexRecords(
  folder: string,
  records: Iterable<SearchRecord> | AsyncIterable<SearchRecord>,
  { stopped = () => false, reuse = [], earlier }: { stopped?: () => boolean } & Partial<EarlierFiles> = {},
): Promise<string[] | undefined> {
  // A folder an earlier index is in (a served site's) is replaced only once the new index is complete.
  const target = existsSync(folder) ? `${folder}.indexing` : folder;
  rmSync(target, { recursive: true, force: true });
  try {
    const { index, errors } = await startIndex().catch((error: unknown) => ({ index: undefined, errors: [(error as Error).message] }));
    if (!index) throw new Error(`Cannot start the search indexer: ${errors.join('; ')}`);
    const linked = keepFragments(target, reuse);
    if (earlier) for (const kind of ['index', 'filter'] as const) keepAll(join(earlier, kind), join(target, kind));
    const problems: string[] = [];
    let count = 0;
    // One iterator for every sender: each record is taken once, in order, which is the order Pagefind lists them in.
    const pending = (async function* () {
      yield* records;
    })();
    // Every record sent is answered before the process is stopped, so none starts it again.
    const send = async (): Promise<void> => {
      while (problems.length === 0 && !stopped()) {
        const next = await pending.next();
        if (next.done) return;
        count += 1;
        try {
          problems.push(...(await index.addCustomRecord(next.value)).errors);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
    };
    await Promise.all(Array.from({ length: recordsInFlight }, send));
    if (stopped()) {
      rmSync(target, { recursive: true, force: true });
      return undefined;
    }
    const write = async (): Promise<IndexFiles> => {
      if (problems.length === 0) problems.push(...(await index.writeFiles({ outputPath: target })).errors);
      if (problems.length > 0) throw new Error(`Cannot build the search index: ${problems.join('; ')}`);
      return indexFiles(target);
    };
    let files = await write();
    if (!fragmentsAsLinked(files.fragment, count, linked)) {
      for (const name of linked.values()) unlinkSync(fragmentFile(target, name));
      files = await write();
    }
    removeUnlisted(target, files);
    const fragments = files.fragment;
    if (target !== folder) {
      rmSync(folder, { recursive: true, force: true });
      renameSync(target, folder);
    }
    return fragments.length === count ? fragments : undefined;
  } catch (error) {
    rmSync(target, { recursive: true, force: true });
    throw error;
  } finally {
    await closeIndexer();
  }
}

/** Keeps every file of one folder in another, as many as can be: Pagefind writes any other the index lists. */
function keepAll(from: string, to: string): void {
  let names: string[];
  try {
    names = readdirSync(from);
  } catch {
    return;
  }
  mkdirSync(to, { recursive: true });
  for (const name of names) keepFile(join(from, name), join(to, name));
}

/** Removes the files of an index's folders that it does not list: those linked from an earlier index that this one has not. */
function removeUnlisted(folder: string, files: IndexFiles): void {
  for (const kind of ['fragment', 'index', 'filter'] as const) {
    const listed = new Set(files[kind]);
    const suffix = `.pf_${kind}`;
    const present = existsSync(join(folder, kind)) ? readdirSync(join(folder, kind)) : [];
    for (const name of present) if (!listed.has(basename(name, suffix))) unlinkSync(join(folder, kind, name));
  }
}

/** Keeps each reused fragment in the new index's folder; the names kept, by record. */
function keepFragments(folder: string, reuse: ReadonlyArray<string | null>): Map<number, string> {
  const linked = new Map<number, string>();
  mkdirSync(join(folder, 'fragment'), { recursive: true });
  for (const [record, file] of reuse.entries()) {
    if (file === null) continue;
    const name = basename(file, fragmentSuffix);
    // One that is gone Pagefind writes.
    if (keepFile(file, fragmentFile(folder, name))) linked.set(record, name);
  }
  return linked;
}

/** Whether each record with a linked fragment has it in the index, and no other record has one of those names. */
function fragmentsAsLinked(fragments: readonly string[], count: number, linked: ReadonlyMap<number, string>): boolean {
  if (linked.size === 0) return true;
  const names = new Set(linked.values());
  return fragments.length === count && fragments.every((name, record) => (linked.has(record) ? linked.get(record) === name : !names.has(name)));
}

const fragmentSuffix = '.pf_fragment';

/** A fragment's file in an index's folder. */
export function fragmentFile(folder: string, name: string): string {
  return join(folder, 'fragment', `${name}${fragmentSuffix}`);
}

/** The files an index lists, by folder: its pages' fragments (in the pages' order), its word chunks and its filters. */
interface IndexFiles {
  fragment: string[];
  index: string[];
  filter: string[];
}

/**
 * The files an index lists, from its metadata: gzipped, after Pagefind's marker, a CBOR array
 * whose second item lists each page as `[fragment, word count, …]`, the third each chunk of words
 * as `[first, last, file]`, the fourth each filter as `[name, file]`.
 */
function indexFiles(folder: string): IndexFiles {
  const entry = JSON.parse(readFileSync(join(folder, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
  const files: IndexFiles = { fragment: [], index: [], filter: [] };
  for (const { hash } of Object.values(entry.languages)) {
    const meta = gunzipSync(readFileSync(join(folder, `pagefind.${hash}.pf_meta`)));
    const [, pages, chunks, filters] = decode(meta.subarray(metaMarker.length)) as [string, Array<[string, ...unknown[]]>, Array<[string, string, string]>, Array<[string, string]>];
    files.fragment.push(...pages.map(([name]) => name));
    files.index.push(...chunks.map(([, , name]) => name));
    files.filter.push(...filters.map(([, name]) => name));
  }
  return files;
}

/** What Pagefind writes before each of its compressed files' content. */
const metaMarker = 'pagefind_dcd';

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
