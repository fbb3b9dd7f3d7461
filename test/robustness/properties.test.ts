import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { lintPostmortems } from '../../src/lint/engine.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { addDays } from '../../src/time.js';
import { testConfig } from '../helpers/lint.js';

/**
 * Property tests, seeded: generated valid postmortems lint clean, and mutations of them (lines
 * deleted, duplicated or swapped, truncation, inserted bytes, indentation flipped, tables and
 * fences broken) never throw, finish well within the hang guard, and place every finding inside
 * the file. `npm run fuzz -- --runs N [--seed S]` runs more cases than `npm test` does.
 */
const totalRuns = Number(process.env.HINDSIGHT_FUZZ_RUNS ?? 2_000);
const seed = Number(process.env.HINDSIGHT_FUZZ_SEED ?? 20_261_201);
/** Far above the milliseconds one case takes: only a hang or a blow-up gets near it. */
const slowCaseMs = 10_000;
/** Vitest's timeout for a whole property: ten minutes, or more for long fuzz runs. */
const hangGuard = Math.max(600_000, totalRuns * 200);

const tally = { ran: 0, clean: 0 };

afterAll(() => {
  console.log(`fuzz: ${tally.ran} cases ran, ${tally.clean} clean (no exception, each under ${slowCaseMs / 1000} s, every finding placed), seed ${seed}`);
});

interface Linted {
  lines: number;
  messages: Array<{ ruleId: string | undefined; line: number | undefined; fatal: boolean | null | undefined; reason: string }>;
  milliseconds: number;
}

function lint(file: string, bytes: Uint8Array): Linted {
  const started = performance.now();
  const postmortem = parsePostmortem(file, bytes);
  const [linted] = lintPostmortems([postmortem], { config: testConfig(), asOf: '2026-06-01', absolutePath: () => `/repo/${file}` });
  return { lines: postmortem.lines, messages: linted?.result.messages ?? [], milliseconds: performance.now() - started };
}

/** Runs one case and counts it; a case is clean when it neither throws nor takes long and places each finding. */
function check(file: string, bytes: Uint8Array, expectation: (linted: Linted) => void): void {
  tally.ran++;
  const linted = lint(file, bytes);
  for (const message of linted.messages) {
    expect(message.ruleId, message.reason).toBeTruthy();
    expect(message.line, message.reason).toBeGreaterThanOrEqual(1);
    expect(message.line, message.reason).toBeLessThanOrEqual(linted.lines + 1);
  }
  expect(linted.milliseconds).toBeLessThan(slowCaseMs);
  expectation(linted);
  tally.clean++;
}

const word = fc.constantFrom(
  'cache', 'queue', 'deploy', 'rollback', 'latency', 'region', 'replica', 'config', 'certificate', 'traffic',
  'pool', 'timeout', 'retry', 'alert', 'dashboard', 'shard', 'index', 'quota', 'release', 'schema',
);
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((list) => list.join(' '));
const slug = fc.array(word, { minLength: 1, maxLength: 3 }).map((list) => list.join('-'));
/** A sentence with some Markdown in it, none of which a rule objects to. */
const sentence = fc
  .tuple(words(2, 10), fc.constantFrom('', ' *with emphasis*', ' with `code`', ' and **strong** words', ' see [the runbook](https://example.com/runbook)', ' ~~old~~ new'), words(0, 6))
  .map(([start, markup, end]) => `${start[0]?.toUpperCase() ?? ''}${start.slice(1)}${markup} ${end}.`.replace(/ +\./, '.'));
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((list) => list.join(' '));
const prose = fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((list) => list.join('\n\n'));

const severities = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
const dueWithin: Record<(typeof severities)[number], number> = { SEV1: 15, SEV2: 30, SEV3: 90, SEV4: 90 };

/** A postmortem every rule accepts: its name, dates, milestones, timeline and action items agree. */
const validPostmortem = fc
  .record({
    day: fc.integer({ min: 0, max: 1_500 }),
    severity: fc.constantFrom(...severities),
    status: fc.constantFrom('published', 'in-review'),
    title: words(2, 8),
    slug,
    services: fc.uniqueArray(slug, { minLength: 1, maxLength: 3 }),
    authors: fc.uniqueArray(fc.constantFrom('Alice', 'Bob', 'Chen', 'Dana', 'Eve'), { minLength: 1, maxLength: 3 }),
    startMinute: fc.integer({ min: 0, max: 600 }),
    gaps: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 12 }),
    items: fc.array(
      fc.record({ action: words(2, 6), owner: fc.constantFrom('Alice', 'Bob', 'Chen'), dueIn: fc.integer({ min: 0, max: 15 }), status: fc.constantFrom('open', 'in-progress', 'done', 'wont-do', 'Done', '') }),
      { minLength: 1, maxLength: 8 },
    ),
    sections: fc.array(prose, { minLength: 7, maxLength: 7 }),
    usersAffected: fc.option(fc.nat({ max: 100_000 }), { nil: undefined }),
  })
  .map((spec) => {
    const date = addDays('2022-01-01', spec.day);
    const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const times = spec.gaps.reduce<number[]>((list, gap) => [...list, (list.at(-1) ?? spec.startMinute) + gap], []);
    const last = times.at(-1) ?? spec.startMinute;
    const at = (minutes: number) => `${date}T${clock(minutes)}:00Z`;
    const [summary, impact, rootCause, well, poorly, lessons, extra] = spec.sections;
    const text = `---
title: ${JSON.stringify(spec.title)}
date: ${date}
severity: ${spec.severity}
status: ${spec.status}
services:
${spec.services.map((service) => `  - ${service}`).join('\n')}
authors:
${spec.authors.map((author) => `  - ${author}`).join('\n')}
started_at: ${at(spec.startMinute)}
detected_at: ${at(spec.startMinute)}
mitigated_at: ${at(last)}
resolved_at: ${at(last + 5)}
impact:
${spec.usersAffected === undefined ? '  customer_facing: false' : `  users_affected: ${spec.usersAffected}`}
---

## Summary

${summary}

## Impact

${impact}

## Timeline

${times.map((minutes, index) => `- ${clock(minutes)} UTC - Step ${index + 1}: ${spec.title}`).join('\n')}

## Root Cause

${rootCause}

### Details

${extra}

## What Went Well

${well}

## What Went Poorly

${poorly}

## Action Items

| Action | Owner | Due | Status | Type |
|---|---|---|---|---|
${spec.items.map((item, index) => `| ${item.action} | ${item.owner} | ${addDays(date, Math.min(item.dueIn, dueWithin[spec.severity]))} | ${item.status} | ${index === 0 ? 'prevent' : 'process'} |`).join('\n')}

## Lessons Learned

${lessons}
`;
    return { file: `postmortems/${date}-${spec.slug}.md`, text };
  });

type Mutation = (lines: string[]) => string[];

const lineIndex = fc.nat();
const mutation: fc.Arbitrary<{ name: string; apply: Mutation } | { name: string; bytes: (bytes: Uint8Array) => Uint8Array }> = fc.oneof(
  lineIndex.map((at) => ({ name: 'delete a line', apply: (lines: string[]) => lines.filter((_, index) => index !== at % lines.length) })),
  lineIndex.map((at) => ({ name: 'duplicate a line', apply: (lines: string[]) => lines.flatMap((line, index) => (index === at % lines.length ? [line, line] : [line])) })),
  fc.tuple(lineIndex, lineIndex).map(([a, b]) => ({
    name: 'swap two lines',
    apply: (lines: string[]) => {
      const copy = [...lines];
      const [i, j] = [a % copy.length, b % copy.length];
      [copy[i], copy[j]] = [copy[j] ?? '', copy[i] ?? ''];
      return copy;
    },
  })),
  fc.tuple(lineIndex, fc.constantFrom('  ', '\t', ' ', '-')).map(([at, indent]) => ({
    name: 'flip indentation',
    apply: (lines: string[]) => lines.map((line, index) => (index !== at % lines.length ? line : /^[ \t]/.test(line) ? line.replace(/^[ \t]+/, '') : indent + line)),
  })),
  fc.tuple(lineIndex, fc.constantFrom('', '||', '| x', ' | ', '|---|')).map(([at, replacement]) => ({
    name: 'break the table',
    apply: (lines: string[]) => {
      const rows = lines.flatMap((line, index) => (line.startsWith('|') ? [index] : []));
      const row = rows[at % Math.max(rows.length, 1)];
      return lines.map((line, index) => (index === row ? line.replace(/\|[^|]*$/, replacement) : line));
    },
  })),
  fc.tuple(lineIndex, fc.constantFrom('```', '~~~', '````js', '<!--', '---')).map(([at, fence]) => ({
    name: 'break a fence',
    apply: (lines: string[]) => [...lines.slice(0, at % lines.length), fence, ...lines.slice(at % lines.length)],
  })),
  fc.nat().map((at) => ({ name: 'truncate', bytes: (bytes: Uint8Array) => bytes.subarray(0, at % (bytes.length + 1)) })),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, inserted]) => ({
    name: 'insert bytes',
    bytes: (bytes: Uint8Array) => {
      const offset = at % (bytes.length + 1);
      return Uint8Array.from([...bytes.subarray(0, offset), ...inserted, ...bytes.subarray(offset)]);
    },
  })),
);

const encoder = new TextEncoder();

function mutate(text: string, mutations: ReadonlyArray<{ name: string; apply: Mutation } | { name: string; bytes: (bytes: Uint8Array) => Uint8Array }>): Uint8Array {
  let lines = text.split('\n');
  let bytes: Uint8Array | undefined;
  for (const change of mutations) {
    if ('apply' in change) {
      lines = change.apply(bytes ? new TextDecoder().decode(bytes).split('\n') : lines);
      bytes = undefined;
    } else {
      bytes = change.bytes(bytes ?? encoder.encode(lines.join('\n')));
    }
  }
  return bytes ?? encoder.encode(lines.join('\n'));
}

const validRuns = Math.max(1, Math.round(totalRuns * 0.2));
const mutatedRuns = Math.max(1, totalRuns - validRuns);

describe('generated postmortems', () => {
  it(`lint with zero errors (${validRuns} cases)`, { timeout: hangGuard }, () => {
    fc.assert(
      fc.property(validPostmortem, ({ file, text }) => {
        check(file, encoder.encode(text), ({ messages }) => {
          expect(messages.filter((message) => message.fatal).map((message) => `${message.line}: ${message.reason}`)).toEqual([]);
        });
      }),
      { numRuns: validRuns, seed },
    );
  });

  it(`mutated, never throw and place every finding (${mutatedRuns} cases)`, { timeout: hangGuard }, () => {
    fc.assert(
      fc.property(validPostmortem, fc.array(mutation, { minLength: 1, maxLength: 3 }), ({ file, text }, mutations) => {
        check(file, mutate(text, mutations), () => {});
      }),
      { numRuns: mutatedRuns, seed: seed + 1 },
    );
  });
});
