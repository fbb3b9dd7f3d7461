import type { Measured } from './measure.js';
import type { Weight } from './pages.js';

export interface RunRow {
  work: string;
  /** The files the command covers, for files/s. */
  files: number;
  run: Measured;
  /** Why the figures cannot stand (an unexpected exit status). */
  failure: string | undefined;
  baseline?: string;
  ratio?: number | undefined;
  target: { text: string; holds(row: RunRow): boolean | string };
}

export interface PageRow {
  page: string;
  /** The most bytes the page may download. */
  target: number;
  weight?: Weight;
  failure: string | undefined;
}

export interface Report {
  date: Date;
  machine: string;
  corpus: string;
  versions: string;
  memory: string;
  runs: RunRow[];
  pages: PageRow[];
  problems: string[];
}

/** User and system CPU seconds of a command and its children, which on a shared machine drift less than its wall time. */
export function cpuTime(run: Measured): string {
  return run.cpuSeconds === undefined ? 'not measured' : `${run.cpuSeconds.toFixed(1)} s`;
}

/** Decimal units: 1 KB is 1,000 bytes, 1 MB 1,000,000, 1 GB 1,000,000,000. */
export function bytes(count: number | undefined): string {
  if (count === undefined) return 'not measured';
  if (count < 1e3) return `${Math.round(count)} B`;
  if (count < 1e6) return `${(count / 1e3).toFixed(1)} KB`;
  if (count < 1e9) return `${(count / 1e6).toFixed(1)} MB`;
  return `${(count / 1e9).toFixed(2)} GB`;
}

/** The report as Markdown: what was measured where, then one table for commands and one for pages. */
export function formatReport(report: Report): string {
  const runs = table(
    ['work', 'files', 'wall time', 'CPU time', 'files/s', 'peak memory', 'baseline', 'ratio', 'target', 'holds'],
    report.runs.map((row) => [
      row.work,
      row.files.toLocaleString('en-US'),
      `${row.run.seconds.toFixed(2)} s`,
      cpuTime(row.run),
      Math.round(row.files / row.run.seconds).toLocaleString('en-US'),
      bytes(row.run.peakBytes),
      row.baseline ?? '',
      row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`,
      row.target.text,
      row.failure ? `not measured: ${row.failure}` : yesNo(row.target.holds(row)),
    ]),
  );
  const kinds = (weight: Weight) => {
    const { document = 0, stylesheet = 0, script = 0 } = weight.byKind;
    return [document, stylesheet, script, weight.bytes - document - stylesheet - script];
  };
  const pages = table(
    ['page', 'downloaded', 'HTML', 'CSS', 'JS', 'other (fetches, fonts, images)', 'requests', 'time', 'target', 'holds'],
    report.pages.map(({ page, target, weight, failure }) => {
      const limit = `≤ ${bytes(target)}`;
      if (!weight || failure) return [page, '', '', '', '', '', '', '', limit, `not measured: ${failure ?? 'no figure'}`];
      return [page, bytes(weight.bytes), ...kinds(weight).map(bytes), String(weight.requests), `${weight.seconds.toFixed(2)} s`, limit, yesNo(weight.bytes <= target)];
    }),
  );
  return `# Benchmark results

Measured by \`npm run bench\` on ${report.date.toISOString().slice(0, 16).replace('T', ' ')} UTC.

- Machine: ${report.machine}.
- Corpus: ${report.corpus}.
- Versions: ${report.versions}.
- Every command ran once (the two one-file lints five times, each after its own edit, and their rows give the median run), as its own process, in a temporary git repository of the corpus: the compiled CLI (\`node bin/hindsight.js\`), markdownlint-cli2, Eleventy's command and Pagefind's CLI. Times are wall-clock; the machine may be shared, so they are noisy.
- CPU time: user and system seconds of the command and the children it waited for (GNU time \`%U\` and \`%S\`), on all cores together: a command's wall time is at least its CPU time over the cores.
- Peak memory: ${report.memory}. Sizes use decimal units (1 KB = 1,000 bytes).

## Commands

${runs}

## Pages

Response body bytes of every request Chromium made (headless, no cache) from navigation until the network was quiet; the search row counts only what typing the query fetched after the page had loaded. Time is to the load event, or from typing to the first result.

${pages}
${report.problems.length > 0 ? `\n## Problems\n\n${report.problems.map((problem) => `- ${problem}`).join('\n')}\n` : ''}`;
}

function yesNo(holds: boolean | string): string {
  return typeof holds === 'string' ? holds : holds ? 'yes' : 'no';
}

function table(header: string[], rows: string[][]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(cell).join(' | ')} |`).join('\n');
}
