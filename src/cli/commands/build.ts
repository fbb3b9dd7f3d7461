import { loadConfig } from '../../config/config.js';
import type { LintedPostmortem } from '../../lint/engine.js';
import { runLint } from '../../lint/run.js';
import type { ValidPostmortem } from '../../parse/model.js';
import { displayPath } from '../../parse/load.js';
import { formatters } from '../../report/index.js';
import { plural } from '../../report/plural.js';
import { rules } from '../../rules/index.js';
import { abandonBuild, buildSite, startBuild, type BuildStart, type BuildStep, type SiteOptions } from '../../site/build.js';
import { asOfOption, defineCommand } from '../command.js';
import { limitHeapGrowth } from '../heap.js';
import { countOf, progress } from '../progress.js';
import type { Io } from '../io.js';
import { toolVersion } from '../../package-root.js';

export default defineCommand({
  summary: 'Lint, then build the site and its search index; postmortems with errors are never published.',
  usage: [
    '[--as-of YYYY-MM-DD] [--out DIR] [--quiet]',
    '',
    '  --out     the folder to write (default _site); a folder Hindsight did not write is refused.',
    '            The site is written beside it and put in its place only once it is complete.',
    '  --as-of   the day action items are judged overdue against (default: today, UTC)',
    '  --quiet   no progress on stderr, and no summary line',
  ].join('\n'),
  options: {
    'as-of': { type: 'string' },
    out: { type: 'string' },
    quiet: { type: 'boolean' },
  },
  positionals: false,
  async run({ values }, io) {
    limitHeapGrowth();
    const asOf = asOfOption(values['as-of']);
    const out = typeof values.out === 'string' ? values.out : '_site';
    const quiet = values.quiet === true;
    const shown = progress(io, quiet);
    const started = performance.now();
    let files = 0;
    const config = loadConfig(io.cwd);
    // The pages and the search index are made at once: the line shows both.
    const steps: Partial<Record<BuildStep['phase'], BuildStep>> = {};
    const options: SiteOptions = {
      cwd: io.cwd,
      config,
      out,
      log: warn(io),
      onProgress: (step) => {
        steps[step.phase] = step;
        shown.step(files, () => {
          const { pages, index } = steps;
          return [pages && `wrote ${countOf(pages.done, pages.total)} pages`, index && `indexed ${countOf(index.done, index.total)} parts of the search index`].filter(Boolean).join(', ');
        });
      },
    };
    // Begun before the lint, which it does not wait for, and given up should the lint fail or find
    // errors. The lint still comes first: a folder the site may not be written to is reported after it.
    let start: BuildStart | undefined;
    let refused: unknown;
    try {
      start = startBuild(options);
    } catch (error) {
      refused = error;
    }
    const giveUp = async (): Promise<void> => {
      if (start) await abandonBuild(start);
    };
    let linted: LintedPostmortem[];
    let valid: ValidPostmortem[];
    try {
      ({ linted, valid } = await runLint({
        cwd: io.cwd,
        asOf,
        render: true,
        slim: true,
        config,
        onProgress: (done, total) => shown.step((files = total), () => `read ${countOf(done, total)} postmortems`),
      }));
    } catch (error) {
      await giveUp();
      throw error;
    }
    const results = linted.map(({ result }) => result);
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    if (results.some((result) => result.messages.length > 0)) {
      io.stderr.write(formatters.stylish(results, { cwd: io.cwd, color: Boolean(io.stderr.isTTY) && !io.env.NO_COLOR, rules, version: toolVersion() }));
    }
    if (errors > 0) {
      await giveUp();
      const files = results.filter((result) => result.errorCount > 0).length;
      io.stderr.write(`hindsight: nothing was published: ${plural(errors, 'error')} in ${plural(files, 'postmortem')}; fix them and build again\n`);
      return 1;
    }
    if (!start) throw refused;
    const site = await buildSite(valid, asOf, options, start);
    shown.clear(files);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (!quiet) {
      io.stdout.write(`Built ${plural(site.pages, 'postmortem')} into ${displayPath(site.outDir, io.cwd)}/: ${plural(site.files, 'file')}, ${megabytes(site.bytes)}, in ${seconds}s${site.reused > 0 ? ` (${plural(site.reused, 'unchanged page')} kept from the last build)` : ''}\n`);
    }
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
