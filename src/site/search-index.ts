import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { PostmortemView } from './model.js';

/**
 * The search index, one Pagefind index per two calendar years of postmortems (2025–2026,
 * 2023–2024, …), each in its own folder (`pagefind/2025-2026/`); the browser searches them
 * together. A rebuild indexes again only the shards whose pages changed and keeps the others, so
 * one changed postmortem does not re-index ten thousand. The spans are fixed, so a new postmortem
 * never moves the others between shards, and they keep a newest-first listing exact: each index
 * is sorted within its span. Two years, not one: every index a search reads costs a chunk of
 * index data, whatever its size.
 */
export interface SearchShard {
  /** The span, `2025-2026`, which names the folder. */
  name: string;
  /** The postmortem pages in it, under the output folder. */
  pages: string[];
  /** Of its pages' paths and contents: equal hashes mean an equal index. */
  hash: string;
}

/** The shards of these postmortems, newest first; `pageHash` says what each page was rendered from. */
export function searchShards(postmortems: readonly PostmortemView[], pageHash: (path: string) => string): SearchShard[] {
  const bySpan = new Map<string, string[]>();
  for (const { year, path } of postmortems) {
    const pages = bySpan.get(spanOf(year));
    if (pages) pages.push(path);
    else bySpan.set(spanOf(year), [path]);
  }
  return shardNames(postmortems).map((name) => {
    const pages = bySpan.get(name) ?? [];
    const hash = createHash('sha1');
    for (const path of pages) hash.update(path).update(pageHash(path));
    return { name, pages, hash: hash.digest('base64') };
  });
}

/** The shards' names, newest first: what the browser merges. */
export function shardNames(postmortems: readonly PostmortemView[]): string[] {
  return [...new Set(postmortems.map((postmortem) => spanOf(postmortem.year)))].sort().reverse();
}

/** `2025-2026` for 2025 and for 2026. */
function spanOf(year: string): string {
  const first = Math.floor(Number(year) / 2) * 2;
  return `${first}-${first + 1}`;
}

/** Where a shard's index is written, under the output folder. */
export function shardFolder(name: string): string {
  return join('pagefind', name);
}

/** Writes one shard's index from its pages as written under `outDir`; the pages are the only ones it searches (`data-pagefind-body`). */
export async function indexShard(outDir: string, shard: SearchShard): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Cannot start the search indexer: ${errors.join('; ')}`);
  try {
    const problems: string[] = [];
    for (const path of shard.pages) {
      const sourcePath = join(path.slice(1), 'index.html');
      const added = await index.addHTMLFile({ sourcePath, content: readFileSync(join(outDir, sourcePath), 'utf8') });
      problems.push(...added.errors);
    }
    const written = await index.writeFiles({ outputPath: join(outDir, shardFolder(shard.name)) });
    problems.push(...written.errors);
    if (problems.length > 0) throw new Error(`Cannot build the search index: ${problems.join('; ')}`);
  } finally {
    await index.deleteIndex();
  }
}

/** Stops the search indexer's process, so the command can exit. */
export async function closeIndexer(): Promise<void> {
  await pagefind.close();
}
