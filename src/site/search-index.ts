import { join } from 'node:path';
import * as pagefind from 'pagefind';

/**
 * Pagefind's search index over the postmortem pages, the only ones it searches
 * (`data-pagefind-body`); reading the others would be wasted. Returns how many pages it indexed.
 */
export async function indexSite(outDir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Cannot start the search indexer: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: outDir, glob: 'postmortems/**/*.html' });
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    const problems = [...added.errors, ...written.errors];
    if (problems.length > 0) throw new Error(`Cannot build the search index: ${problems.join('; ')}`);
    return added.page_count;
  } finally {
    await index.deleteIndex();
  }
}

/** Stops the search indexer's process, so the command can exit. */
export async function closeIndexer(): Promise<void> {
  await pagefind.close();
}
