import { runLint } from '../../lint/run.js';
import { displayPath } from '../../parse/load.js';
import { formatters } from '../../report/index.js';
import { plural } from '../../report/plural.js';
import { rules } from '../../rules/index.js';
import { buildSite } from '../../site/build.js';
import { asOfOption, defineCommand } from '../command.js';
import type { Io } from '../io.js';
import { toolVersion } from '../../package-root.js';

export default defineCommand({
  summary: 'Lint, then build the site and its search index; postmortems with errors are never published.',
  usage: [
    '[--as-of YYYY-MM-DD] [--out DIR]',
    '',
    '  --out     the folder to write (default _site); a folder Hindsight did not write is refused',
    '  --as-of   the day action items are judged overdue against (default: today, UTC)',
  ].join('\n'),
  options: {
    'as-of': { type: 'string' },
    out: { type: 'string' },
  },
  positionals: false,
  async run({ values }, io) {
    const asOf = asOfOption(values['as-of']);
    const out = typeof values.out === 'string' ? values.out : '_site';
    const started = performance.now();
    const { config, linted, valid } = await runLint({ cwd: io.cwd, asOf, render: true });
    const results = linted.map(({ result }) => result);
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    if (results.some((result) => result.messages.length > 0)) {
      io.stderr.write(formatters.stylish(results, { cwd: io.cwd, color: Boolean(io.stderr.isTTY) && !io.env.NO_COLOR, rules, version: toolVersion() }));
    }
    if (errors > 0) {
      const files = results.filter((result) => result.errorCount > 0).length;
      io.stderr.write(`hindsight: nothing was published: ${plural(errors, 'error')} in ${plural(files, 'postmortem')}; fix them and build again\n`);
      return 1;
    }
    const site = await buildSite(valid, asOf, { cwd: io.cwd, config, out, log: warn(io) });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stdout.write(`Built ${plural(site.pages, 'postmortem')} into ${displayPath(site.outDir, io.cwd)}/: ${plural(site.files, 'file')}, ${megabytes(site.bytes)}, in ${seconds}s\n`);
    return 0;
  },
});

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Eleventy's warnings, on stderr. */
export function warn(io: Io): (message: string) => void {
  return (message) => io.stderr.write(`hindsight: ${message}\n`);
}
