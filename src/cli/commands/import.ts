import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { UsageError } from '../../errors.js';
import { importPostmortem } from '../../import/draft.js';
import { SourceProblem } from '../../import/source.js';
import { displayPath } from '../../parse/load.js';
import { writeNewPostmortem } from '../../scaffold.js';
import { defineCommand, formatOption } from '../command.js';

const formats = ['text', 'json'] as const;
/** In a folder, the files that may be postmortems: Markdown and text by any extension, or none. */
const documentName = /(?:\.(?:md|markdown|mdown|mkdn|mkd|mdx|txt|text|erb))$|^[^.]+$/i;
/** A folder's index and read-me describe the folder, not an incident. */
const folderPage = /^(?:readme|index|_index)(?:\..*)?$/i;

interface Imported {
  source: string;
  file: string;
  inferred: string[];
  missing: string[];
}

export default defineCommand({
  summary: 'Import existing postmortems in any common Markdown shape as drafts under the postmortems folder.',
  usage: [
    'PATH... [--format text|json]',
    '',
    '  PATH      a file (any name, with or without .md), or a folder searched for .md, .markdown,',
    '            .txt, .erb and extension-less files (README and index pages left out)',
    '  --format  text (default): each written path; json: [{ source, file, inferred, missing }]',
    '',
    'Writes one status: draft postmortem per file, named DATE-slug.md from its date and title, and',
    'never replaces a file or changes the input. Exits 1 when a file could not be imported (named on',
    'stderr; the others are still written).',
  ].join('\n'),
  options: { format: { type: 'string' } },
  positionals: true,
  async run({ values, positionals }, io) {
    const format = formatOption(values.format, formats, 'text');
    if (positionals.length === 0) throw new UsageError('Missing PATH, expected the postmortems to import (files or folders)');
    const config = loadConfig(io.cwd);
    const sources = sourceFiles(positionals, io.cwd);
    const imported: Imported[] = [];
    let failed = 0;
    for (const source of sources) {
      const shown = displayPath(source, io.cwd);
      let draft;
      try {
        draft = importPostmortem(basename(source), readFileSync(source), config);
      } catch (error) {
        const place = error instanceof SourceProblem ? `:${error.line}:${error.column}` : '';
        io.stderr.write(`hindsight: ${shown}${place}: not imported: ${(error as Error).message}\n`);
        failed++;
        continue;
      }
      const written = await writeNewPostmortem(config.postmortemsDir, draft.name, draft.content);
      const file = displayPath(written, io.cwd);
      if (basename(written) !== `${draft.name}.md`) io.stderr.write(`hindsight: ${draft.name}.md already exists; wrote ${shown} to ${file}\n`);
      imported.push({ source: shown, file, inferred: draft.inferred, missing: draft.missing });
      if (format === 'text') io.stdout.write(`${file}\n`);
    }
    if (format === 'json') io.stdout.write(`${JSON.stringify(imported, null, 2)}\n`);
    if (failed > 0) io.stderr.write(`hindsight: ${failed} of ${sources.length} files not imported\n`);
    return failed > 0 ? 1 : 0;
  },
});

/** The files named, and the documents in the folders named; a path that does not exist is a usage error. */
function sourceFiles(paths: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const stats = statSync(absolute, { throwIfNoEntry: false });
    if (!stats) throw new UsageError(`No such file or folder: ${path}`);
    const found = stats.isDirectory() ? documentsUnder(absolute) : [absolute];
    for (const file of found) files.add(file);
  }
  return [...files].sort();
}

/** A folder's documents, in it and below, outside hidden folders. */
function documentsUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .map((entry) => ({ entry, file: join(entry.parentPath, entry.name) }))
    .filter(({ entry, file }) => entry.isFile() && documentName.test(entry.name) && !folderPage.test(entry.name) && !relative(folder, file).split(sep).some((part) => part.startsWith('.')))
    .map(({ file }) => file);
}
