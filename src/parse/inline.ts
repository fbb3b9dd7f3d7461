/**
 * Code spans (a run of backticks up to the next run of the same length) and HTML comments, in one
 * pass from the left. Each search resumes where the last one stopped, so text full of backticks or
 * of `<!--` that never close costs no more than plain text.
 */
export function literalRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const runs = backtickRuns(text);
  /** By run length: the indexes in `runs` of the runs of that length, and how many of them lie behind. */
  const byLength = new Map<number, number[]>();
  runs.forEach((run, index) => {
    const indexes = byLength.get(run.length);
    if (indexes) indexes.push(index);
    else byLength.set(run.length, [index]);
  });
  const searchFrom = new Map<number, number>();
  /** The next `<!--` at or after `position`; -1 once no comment opened from here on can close. */
  let comment = text.indexOf('<!--');
  let runIndex = 0;
  let position = 0;
  while (position < text.length) {
    while (runIndex < runs.length && (runs[runIndex]?.start ?? 0) < position) runIndex++;
    const run = runs[runIndex];
    if (comment !== -1 && comment < position) comment = text.indexOf('<!--', position);
    if (comment !== -1 && (!run || comment < run.start)) {
      const close = text.indexOf('-->', comment + 4);
      if (close === -1) {
        comment = -1;
        continue;
      }
      ranges.push([comment, close + 3]);
      position = close + 3;
      continue;
    }
    if (!run) break;
    const sameLength = byLength.get(run.length) ?? [];
    let next = searchFrom.get(run.length) ?? 0;
    while ((sameLength[next] ?? Infinity) <= runIndex) next++;
    searchFrom.set(run.length, next);
    const closer = runs[sameLength[next] ?? runs.length];
    if (closer) {
      ranges.push([run.start, closer.start + closer.length]);
      position = closer.start + closer.length;
    } else {
      position = run.start + run.length;
    }
  }
  return ranges;
}

function backtickRuns(text: string): Array<{ start: number; length: number }> {
  const runs: Array<{ start: number; length: number }> = [];
  for (let start = text.indexOf('`'); start !== -1; ) {
    let end = start;
    while (text[end] === '`') end++;
    runs.push({ start, length: end - start });
    start = text.indexOf('`', end);
  }
  return runs;
}

