import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validPostmortem } from '../helpers/lint.js';
import { fix } from './helpers.js';

const sections = ['Summary', 'Impact', 'Timeline', 'Root Cause', 'What Went Well', 'What Went Poorly', 'Action Items', 'Lessons Learned'];
const keys = ['title', 'severity', 'status', 'services', 'authors', 'started_at', 'impact'];
const timelineLine = /^- \d\d:\d\d UTC - .*$/gm;

/** A key with two neighbouring letters swapped (`sevreity`), or a letter dropped. */
const typo = fc.record({ key: fc.constantFrom(...keys), at: fc.nat(), drop: fc.boolean() }).map(({ key, at, drop }) => {
  const index = at % (key.length - 1);
  return { key, written: drop ? key.slice(0, index) + key.slice(index + 1) : key.slice(0, index) + key[index + 1] + key[index] + key.slice(index + 2) };
});

const variant = fc.record({
  typos: fc.uniqueArray(typo, { maxLength: 3, selector: (value) => value.key }),
  statusSpelling: fc.constantFrom('done', 'Done', 'DONE'),
  progressSpelling: fc.constantFrom('in-progress', 'In Progress', 'in_progress', 'IN PROGRESS'),
  typeSpelling: fc.constantFrom('detect', 'Detect', 'DETECT'),
  removed: fc.subarray(sections),
  timelineOrder: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
  dayShift: fc.constantFrom(0, 0, 1, -1),
  crlf: fc.boolean(),
  stray: fc.boolean(),
});

type Variant = typeof variant extends fc.Arbitrary<infer Value> ? Value : never;

/** The valid postmortem with the variant's defects written in. */
function write(variantValue: Variant): string {
  let text = validPostmortem;
  for (const { key, written } of variantValue.typos) text = text.replace(new RegExp(`^${key}:`, 'm'), `${written}:`);
  text = text.replace('| done |', `| ${variantValue.statusSpelling} |`).replace('| in-progress |', `| ${variantValue.progressSpelling} |`).replace('| detect |', `| ${variantValue.typeSpelling} |`);
  for (const title of variantValue.removed) text = text.replace(new RegExp(`## ${title}\\n[\\s\\S]*?(?=\\n## |$)`), '');
  const entries = text.match(timelineLine) ?? [];
  let index = 0;
  text = text.replace(timelineLine, () => entries[variantValue.timelineOrder[index++] ?? 0] ?? '');
  if (variantValue.stray) text = text.replace('- 15:10 UTC', '- Around then, 15:10 UTC');
  if (variantValue.dayShift !== 0) text = text.replace('date: 2026-03-04', `date: 2026-03-0${4 + variantValue.dayShift}`);
  return variantValue.crlf ? text.replaceAll('\n', '\r\n') : text;
}

/** Each line as many times as it occurs. */
function lineCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

describe('lint --fix, over many generated postmortems', () => {
  it('changes nothing on its own output, and keeps every line it does not fix', () => {
    let fixedSome = 0;
    fc.assert(
      fc.property(variant, (generated) => {
        const text = write(generated);
        const once = fix(text);
        if (once.applied.length > 0) fixedSome++;
        const twice = fix(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.applied).toEqual([]);
        // A fix changes a key, `date`, a table cell or a timeline entry's place; every other line stays, as often as it was there.
        const after = lineCounts(once.text);
        for (const [line, count] of lineCounts(text)) {
          const fixable = /^[a-z_]+:|^\| |^- \d\d:\d\d/.test(line);
          if (!fixable) expect(after.get(line) ?? 0).toBeGreaterThanOrEqual(count);
        }
        expect(once.text.split(/\r?\n/).length).toBeGreaterThanOrEqual(text.split(/\r?\n/).length);
      }),
      { numRuns: 150 },
    );
    // The generator makes defects the fixes mend, not only clean files.
    expect(fixedSome).toBeGreaterThan(100);
  }, 120_000);
});
