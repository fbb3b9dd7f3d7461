import { describe, expect, it } from 'vitest';
import { lintPostmortems } from '../../src/lint/engine.js';
import type { Postmortem } from '../../src/parse/model.js';
import { defaultLimits, type ParseLimits } from '../../src/parse/limits.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { edit, finding, testConfig, validFile, validPostmortem, type Finding } from '../helpers/lint.js';

/**
 * Files written to hurt: each one gets findings with a rule and a place (or none, when it is valid),
 * never an exception, and never a hang (vitest's timeout stops a test that takes too long).
 */

const encoder = new TextEncoder();

/** Parses and lints the bytes with the default configuration, as `hindsight lint` would. */
function lintBytes(bytes: Uint8Array, limits: ParseLimits = defaultLimits): { postmortem: Postmortem; findings: Finding[] } {
  const postmortem = parsePostmortem(validFile, bytes, { limits });
  const [linted] = lintPostmortems([postmortem], { config: testConfig(), asOf: '2026-06-01', absolutePath: () => `/repo/${validFile}` });
  return { postmortem, findings: (linted?.result.messages ?? []).map(finding) };
}

function lintText(text: string, limits?: Partial<ParseLimits>): { postmortem: Postmortem; findings: Finding[] } {
  return lintBytes(encoder.encode(text), { ...defaultLimits, ...limits });
}

/** Files past the default size limit, read whole. */
const large = { maxFileBytes: 8_000_000 };

/** The findings of the `syntax` rule: when the file cannot be read, that is all there is to say. */
function syntaxFindings(findings: readonly Finding[]): Array<Pick<Finding, 'line' | 'column' | 'message'>> {
  expect(findings.every((item) => item.ruleId === 'syntax')).toBe(true);
  return findings.map(({ line, column, message }) => ({ line, column, message }));
}

const concat = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...encoder.encode(part)] : part)));

const emptyFile = 'Unexpected empty file, expected YAML frontmatter between `---` lines and a Markdown body';

describe('text that holds no postmortem', () => {
  it.each([
    ['an empty file', '', emptyFile],
    ['a file of only whitespace', '  \n\t\n\n   ', emptyFile],
    ['frontmatter that is never closed', '---\ntitle: Never closed\ndate: 2026-03-04\n\n## Summary\n\nText.\n', 'Unclosed frontmatter, expected a `---` line after the YAML that starts on line 1'],
    ['TOML frontmatter', '+++\ntitle = "TOML"\n+++\n\n## Summary\n', 'Unexpected TOML frontmatter (`+++`), expected YAML between `---` lines'],
  ])('reports %s on line 1', (_name, text, message) => {
    expect(syntaxFindings(lintText(text).findings)).toEqual([{ line: 1, column: 1, message }]);
  });
});

describe('unreadable bytes', () => {
  it('reports the line and column (in characters) of the first byte that is not UTF-8', () => {
    // Line 3 is `title: Café ` (13 bytes, 12 characters) and then 0xFF 0xFE.
    const bytes = concat('---\ndate: 2026-03-04\ntitle: Café ', [0xff, 0xfe], ' outage\n---\n');
    const { findings } = lintBytes(bytes);
    expect(syntaxFindings(findings)).toEqual([
      { line: 3, column: 13, message: 'The file is not valid UTF-8: unexpected byte 0xFF, expected UTF-8 text' },
    ]);
  });

  it('reports a binary file', () => {
    const bytes = concat('---\ntitle: x\n', [0, 1, 2, 0, 0x89, 0x50, 0x4e, 0x47], '\n---\n');
    const { findings } = lintBytes(bytes);
    expect(syntaxFindings(findings)).toEqual([{ line: 1, column: 1, message: 'The file is binary, expected UTF-8 Markdown text' }]);
  });
});

describe('BOM and CRLF', () => {
  const windows = (text: string): Uint8Array => concat([0xef, 0xbb, 0xbf], text.replaceAll('\n', '\r\n'));

  it('lints an otherwise valid file clean and keeps its line numbers', () => {
    const { postmortem, findings } = lintBytes(windows(validPostmortem));
    expect(findings).toEqual([]);
    expect(postmortem.data.title).toBe('Checkout outage from database connection pool exhaustion');
    // The helper's fixture puts `## Summary` on line 22 and `## Action Items` on line 49.
    expect(postmortem.sections.find((section) => section.title === 'Summary')?.position.start.line).toBe(22);
    expect(postmortem.sections.find((section) => section.title === 'Action Items')?.position.start.line).toBe(49);
    expect(postmortem.timeline.map((entry) => entry.time)).toEqual(['14:32 UTC', '14:34 UTC', '15:10 UTC', '15:20 UTC']);
    expect(postmortem.actionItems?.items.map((item) => item.position.start.line)).toEqual([53, 54]);
  });

  it('places a frontmatter finding on its line, with the BOM not counted as a column', () => {
    const { findings } = lintBytes(windows(edit(validPostmortem, 'severity: SEV1', 'severity: SEV5')));
    expect(findings).toEqual([
      { ruleId: 'schema', severity: 'error', line: 4, column: 11, message: 'Unexpected `SEV5` for `severity`, expected one of `SEV1`..`SEV4`' },
    ]);
  });
});

describe('a carriage return alone as a line ending', () => {
  const message = 'Unexpected line ending of a carriage return (CR) alone, expected LF or CRLF line endings';
  // The Markdown and YAML parsers end a line there and the line index does not: the file is reported
  // at the first one, before any place after it could be a line out.
  it.each([
    ['throughout, as from classic Mac OS', '---\rtitle: Old Mac\rdate: 2026-03-04\r---\r\r## Summary\r', 1, 4],
    ['once in the frontmatter of a file with LF line endings', edit(validPostmortem, 'title: Checkout outage', 'title: Checkout\routage'), 2, 16],
    ['once in the body of a file with CRLF line endings', edit(validPostmortem, 'For 48 minutes every', 'For 48 minutes\revery').replaceAll('\n', '\r\n'), 24, 15],
  ])('is reported where the first one stands: %s', (_name, text, line, column) => {
    expect(syntaxFindings(lintText(text).findings)).toEqual([{ line, column, message }]);
  });
});

describe('frontmatter fences', () => {
  it.each(['js', 'javascript'])('reports `---%s` frontmatter and never runs it', (language) => {
    const marker = `hindsightRan_${language}`;
    const text = `---${language}\nglobalThis.${marker} = true;\nmodule.exports = { title: (globalThis.${marker} = true) };\n---\n\n## Summary\n`;
    const { findings } = lintText(text);
    expect(syntaxFindings(findings)).toEqual([
      {
        line: 1,
        column: 1,
        message: `Unexpected \`---${language}\` frontmatter, expected YAML between plain \`---\` lines (frontmatter is data, never code)`,
      },
    ]);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });
});

describe('YAML that is more than data', () => {
  it.each([
    ['!!js/function', 'title: !!js/function "function () { globalThis.hindsightTagRan = true }"'],
    ['!!js/regexp', 'title: !!js/regexp /x/'],
    ['!!python/object/apply', 'title: !!python/object/apply:os.system ["true"]'],
    ['a local tag', 'title: !include /etc/passwd'],
    ['!!binary', 'title: !!binary aGVsbG8='],
  ])('reports %s and keeps the value out of the data', (_name, line) => {
    const { postmortem, findings } = lintText(edit(validPostmortem, /^title: .*$/m, line));
    expect(syntaxFindings(findings)).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/^Unexpected YAML tag: .*, expected plain data/) }),
    ]);
    expect(postmortem.data).toEqual({});
    expect((globalThis as Record<string, unknown>).hindsightTagRan).toBeUndefined();
  });

  it('stops a billion laughs (aliases of aliases) with a finding', () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (const [index, name] of [...'bcdefghij'].entries()) {
      const previous = 'abcdefghij'[index];
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const { postmortem, findings } = lintText(`---\n${levels.join('\n')}\n---\n\n## Summary\n`);
    expect(syntaxFindings(findings)).toEqual([
      { line: 2, column: 1, message: expect.stringMatching(/^Unexpected YAML aliases that expand too far \(.+\), expected plain data$/) },
    ]);
    expect(postmortem.data).toEqual({});
  });

  it('reads `__proto__` and `constructor` as ordinary keys, reports them, and pollutes nothing', () => {
    const text = edit(validPostmortem, 'status: published\n', 'status: published\n__proto__: {polluted: true}\nconstructor:\n  prototype:\n    polluted: true\n');
    const { postmortem, findings } = lintText(text);
    expect(findings.filter((item) => item.ruleId === 'schema')).toEqual([
      expect.objectContaining({ line: 6, column: 1, message: expect.stringMatching(/^Unexpected key `__proto__`/) }),
      expect.objectContaining({ line: 7, column: 1, message: expect.stringMatching(/^Unexpected key `constructor`/) }),
    ]);
    expect(Object.hasOwn(postmortem.data, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(postmortem.data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps unquoted dates as the strings they are', () => {
    const { postmortem, findings } = lintText(validPostmortem);
    expect(findings).toEqual([]);
    expect(postmortem.data.date).toBe('2026-03-04');
    expect(postmortem.data.started_at).toBe('2026-03-04T14:32:00Z');
  });

  it('reports a duplicate key where it is repeated', () => {
    const { findings } = lintText(edit(validPostmortem, 'status: published\n', 'status: published\nseverity: SEV2\n'));
    expect(syntaxFindings(findings)).toEqual([{ line: 6, column: 1, message: 'Invalid YAML: Map keys must be unique' }]);
  });
});

describe('size and depth', () => {
  it('lints a 5 MB file', () => {
    const paragraph = 'The cache held every entry past its expiry because the eviction clock read the last access time. '.repeat(10);
    const body = Array.from({ length: Math.ceil(5_000_000 / (paragraph.length + 2)) }, () => paragraph).join('\n\n');
    const text = edit(validPostmortem, '## Lessons Learned\n', `## Lessons Learned\n\n${body}\n`);
    expect(text.length).toBeGreaterThan(5_000_000);
    const { postmortem, findings } = lintText(text, large);
    expect(findings).toEqual([]);
    expect(postmortem.lines).toBeGreaterThan(5_000);
  });

  it('reports 20,000 nested blockquote markers instead of parsing them', () => {
    const { postmortem, findings } = lintText(`${validPostmortem}\n${'>'.repeat(20_000)} deep\n`);
    const line = postmortem.lines - 1;
    expect(syntaxFindings(findings)).toEqual([
      { line, column: 1, message: 'Unexpected 20000 nested blockquotes or list items on one line, expected at most 20' },
    ]);
    expect(postmortem.syntax[0]?.place.end).toMatchObject({ line, column: 20_001 });
    expect(postmortem.data.title).toBe('Checkout outage from database connection pool exhaustion');
  });

  it('reports a list nested 1,500 deep by indentation alone instead of parsing it', () => {
    const list = Array.from({ length: 1_500 }, (_, depth) => `${' '.repeat(2 * depth)}- level ${depth}`).join('\n');
    const { postmortem, findings } = lintText(`${validPostmortem}\n${list}\n`, large);
    // The file ends with a newline, so its last line is empty and the list starts 1,500 lines before it.
    const firstTooDeep = postmortem.lines - 1_500 + 41; // level 41 is indented 82 columns
    expect(syntaxFindings(findings)).toEqual([
      { line: firstTooDeep, column: 1, message: 'Unexpected list item or blockquote indented more than 80 columns, expected lists nested a few levels deep' },
    ]);
  });

  it('reads blockquotes and lists nested as deep as people write them', () => {
    const text = edit(validPostmortem, '## Lessons Learned\n', `## Lessons Learned\n\n${'> '.repeat(10)}- 1. Deep but fine.\n\n${'- '.repeat(40)}\n`);
    expect(lintText(text).findings).toEqual([]);
  });

  it.each([
    ['flow collections', `title: ${'['.repeat(10_000)}${']'.repeat(10_000)}`, 2, 72],
    ['block mappings', Array.from({ length: 2_000 }, (_, depth) => `${' '.repeat(depth)}x${depth}:`).join('\n'), 67, 66],
  ])('reports YAML %s nested thousands deep before reading them', (_kind, yaml, line, column) => {
    const { findings } = lintText(`---\n${yaml}\n---\n\n## Summary\n`, large);
    expect(syntaxFindings(findings)).toEqual([
      {
        line,
        column,
        message: 'Unexpected YAML nested more than 64 levels deep, expected plain data (the deepest key the schema knows is 3 levels down)',
      },
    ]);
  });

  it('lints a timeline of 10,000 entries', () => {
    const entries = Array.from({ length: 10_000 }, (_, index) => {
      const minutes = 14 * 60 + 32 + Math.floor(index / 200);
      return `- ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')} UTC - Step ${index + 1}`;
    });
    const text = edit(validPostmortem, /## Timeline\n\n(?:- .*\n)+/, `## Timeline\n\n${entries.join('\n')}\n`);
    const { postmortem, findings } = lintText(text, { maxTimelineEntries: 10_000 });
    expect(postmortem.timeline).toHaveLength(10_000);
    expect(postmortem.timeline.at(-1)).toMatchObject({ time: '15:21 UTC', text: 'Step 10000' });
    expect(findings).toEqual([]);
  });
});
