import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/rules/index.js';
import { ruleDocsBaseUrl, type Rule } from '../../src/rules/rule.js';
import { edit, findings, lintFixtures, validFile, validPostmortem, type Fixture } from '../helpers/lint.js';

const root = join(import.meta.dirname, '..', '..');
const rulesFolder = join(root, 'src', 'rules');
const docsFolder = join(root, 'docs', 'rules');
const ids = rules.map((rule) => rule.id);

/** The files in `src/rules` that define a rule (the others hold the rule API and shared helpers). */
const ruleFiles = readdirSync(rulesFolder)
  .filter((name) => name.endsWith('.ts') && /^export default defineRule\(/m.test(readFileSync(join(rulesFolder, name), 'utf8')))
  .map((name) => basename(name, '.ts'));

const docPages = readdirSync(docsFolder)
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .map((name) => basename(name, '.md'));

/** A `## ` section of a rule's doc page, up to the next one; headings inside code fences do not count. */
function docSection(id: string, heading: string): string {
  const lines = readFileSync(join(docsFolder, `${id}.md`), 'utf8').split('\n');
  const section: string[] = [];
  let inFence = false;
  let inSection = false;
  for (const line of lines) {
    if (line.startsWith('```')) inFence = !inFence;
    else if (!inFence && line.startsWith('## ')) inSection = line === `## ${heading}`;
    if (inSection) section.push(line);
  }
  return section.join('\n');
}

describe('the rule registry', () => {
  it('lists each rule once, starting with syntax and schema', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 2)).toEqual(['syntax', 'schema']);
  });

  it('holds exactly the rules defined in src/rules, each in the file named by its id', async () => {
    expect([...ids].sort()).toEqual([...ruleFiles].sort());
    for (const rule of rules) {
      const module = (await import(join(rulesFolder, `${rule.id}.ts`))) as { default: Rule };
      expect(module.default).toBe(rule);
    }
  });

  it('uses kebab-case ids, one-sentence descriptions and a level that is not off', () => {
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
      expect(rule.description).toMatch(/^[A-Z`].*\.$/);
      expect(['error', 'warn']).toContain(rule.defaultLevel);
      expect(rule.url).toBe(`${ruleDocsBaseUrl}${rule.id}.md`);
    }
  });
});

describe('the rule docs', () => {
  it('have one page per rule, and no page without a rule', () => {
    expect([...docPages].sort()).toEqual([...ids].sort());
  });

  it.each(ids)('%s: names the rule and its default level, with a failing and a passing example', (id) => {
    const rule = rules.find((candidate) => candidate.id === id);
    const doc = readFileSync(join(docsFolder, `${id}.md`), 'utf8');
    expect(doc.startsWith(`# \`${id}\`\n`)).toBe(true);
    expect(doc).toContain(`**Default level:** \`${rule?.defaultLevel}\``);
    const failing = docSection(id, 'Failing example');
    expect(failing).toMatch(/```(?:markdown|text)\n[^]+?```/);
    // The failing example shows the message it gives, tagged with the rule id.
    expect(failing).toMatch(new RegExp(`\`\`\`text\\n[^]*?  ${id}\\n[^]*?\`\`\``));
    expect(docSection(id, 'Passing example')).toMatch(/\S/);
  });

  it('are listed in the README with their default level', () => {
    const readme = readFileSync(join(docsFolder, 'README.md'), 'utf8');
    for (const rule of rules) {
      expect(readme).toMatch(new RegExp(`^\\| \\[\`${rule.id}\`\\]\\(${rule.id}\\.md\\) \\| \`${rule.defaultLevel}\``, 'm'));
    }
  });
});

/** Postmortems with something for every rule to find; together they are one folder. */
const broken: Fixture[] = [
  {
    file: 'postmortems/2026-03-04-Broken_Name.md',
    text: edit(
      edit(
        edit(
          edit(edit(validPostmortem, 'severity: SEV1', 'severity: SEV5'), '    currency: USD\n---', '    currency: USD\nrelated:\n  - 2024-01-01-gone\n---'),
          /- 14:34 UTC - .*\n- 15:10 UTC/,
          '- Then the alert paged the on-call\n- 14:20 UTC',
        ),
        '## Root Cause',
        '## Cause',
      ),
      '| Alice | 2026-03-07 | done |',
      '| TBD | 2026-02-30 | finished |',
    ),
  },
  {
    file: 'postmortems/2026-03-05-checkout-outage.md',
    text: edit(
      edit(
        edit(validPostmortem, 'started_at: 2026-03-04T14:32:00Z', 'started_at: 2026-03-04T01:00:00+02:00'),
        'detected_at: 2026-03-04T14:34:00Z',
        'detected_at: 2026-03-03T22:00:00Z',
      ),
      /\| done \| detect \|\n(.*)\| prevent \|/,
      '| done | process |\n| Load test the checkout flow | Bob | 2026-05-01 | in-progress | mitigate |',
    ),
  },
  { file: 'postmortems/archive/2026-03-05-checkout-outage.md', text: validPostmortem },
  { file: 'postmortems/2026-03-06-unclosed.md', text: '---\ntitle: Unclosed frontmatter\n\n## Summary\n' },
  {
    file: 'postmortems/2026-03-04-crlf-draft.md',
    text: `\uFEFF${edit(edit(validPostmortem, 'status: published', 'status: draft'), /\| Action \|[^]*?prevent \|\n/, 'TODO: agree on <action items>.\n')
      .replace('## Timeline\n\n', '## Timeline\n\n25:61 - Something happened\n')
      .replaceAll('\n', '\r\n')}`,
  },
];

describe('findings', () => {
  it('the shared valid postmortem gives none', () => {
    expect(findings(validPostmortem)).toEqual([]);
    expect(lintFixtures([{ file: validFile, text: validPostmortem }])[0]?.result).toMatchObject({ errorCount: 0, warningCount: 0 });
  });

  it('every finding carries its rule id, a place within the file and the rule doc URL', () => {
    const linted = lintFixtures(broken);
    const fired = new Set<string>();
    for (const [index, { postmortem, result }] of linted.entries()) {
      const lines = (broken[index]?.text ?? '').split(/\r?\n/);
      for (const message of result.messages) {
        const rule = rules.find((candidate) => candidate.id === message.ruleId);
        const where = `${postmortem.file}:${message.line}:${message.column} ${message.ruleId}: ${message.reason}`;
        expect(rule, where).toBeDefined();
        expect(message.url, where).toBe(rule?.url);
        expect(message.source, where).toBe('hindsight');
        expect(message.file, where).toBe(postmortem.file);
        expect(message.line, where).toBeGreaterThanOrEqual(1);
        expect(message.line, where).toBeLessThanOrEqual(lines.length);
        expect(message.column, where).toBeGreaterThanOrEqual(1);
        expect(message.column, where).toBeLessThanOrEqual((lines[(message.line ?? 1) - 1] ?? '').length + 1);
        fired.add(message.ruleId ?? '');
      }
      expect(result.errorCount + result.warningCount).toBe(result.messages.length);
    }
    expect([...fired].sort()).toEqual(
      expect.arrayContaining([
        'action-items-table',
        'date-matches-start',
        'filename',
        'no-placeholder',
        'related-exists',
        'required-sections',
        'schema',
        'severity-policy',
        'syntax',
        'timeline-chronological',
        'timeline-format',
        'timestamps-ordered',
        'unique-id',
      ]),
    );
  });
});
