import { describe, expect, it } from 'vitest';
import { validPostmortems } from '../../src/lint/engine.js';
import { edit, lintFixtures, testConfig, validFile, validPostmortem } from '../helpers/lint.js';

/** The valid postmortem, and one whose frontmatter the schema refuses (an unknown severity). */
const fixtures = [
  { file: validFile, text: validPostmortem },
  { file: 'postmortems/2026-03-04-unknown-severity.md', text: edit(validPostmortem, 'severity: SEV1', 'severity: SEV9') },
];

describe('the postmortems fit for rollups and the site', () => {
  it.each([
    ['an error', { level: 'error' as const, options: {} }],
    ['a warning', { level: 'warn' as const, options: {} }],
    ['off', { level: 'off' as const, options: {} }],
  ])('leave out frontmatter the schema refuses, whether the schema rule reports it as %s', (_, setting) => {
    const config = testConfig({ rules: { ...testConfig().rules, schema: setting } });
    const linted = lintFixtures(fixtures, { config });
    const refused = linted.find(({ postmortem }) => postmortem.data.severity === 'SEV9');
    // The schema's is its only finding: no other rule keeps it off.
    expect(refused?.result.messages.map((message) => message.ruleId)).toEqual(setting.level === 'off' ? [] : ['schema']);
    expect(validPostmortems(linted, config).map(({ id }) => id)).toEqual(['2026-03-04-checkout-outage']);
  });
});
