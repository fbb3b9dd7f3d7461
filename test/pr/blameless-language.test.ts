import { describe, expect, it } from 'vitest';
import { edit, findings, testConfig, validPostmortem } from '../helpers/lint.js';

const ruleId = 'blameless-language';
const rootCause = 'The new pricing step held each pooled connection four times longer, so the pool ran out at afternoon traffic.'; // line 39

/** The findings when the Root Cause paragraph (line 39) says `text`. */
function blameIn(text: string, options: Parameters<typeof findings>[1] = {}) {
  return findings(edit(validPostmortem, rootCause, text), { ruleId, ...options });
}

describe('blameless-language', () => {
  it('accepts the valid postmortem', () => {
    expect(findings(validPostmortem, { ruleId })).toEqual([]);
  });

  it('points at each blaming phrase with a reframing, as a warning', () => {
    // 1        10        20        30        40        50        60        70
    // This was human error: Bob's fault, and a careless one.
    expect(blameIn("This was human error: Bob's fault, and a careless one.")).toEqual([
      {
        ruleId,
        severity: 'warn',
        line: 39,
        column: 10,
        message: 'Unexpected blame in `human error`, expected the conditions that made the mistake possible, such as a missing guardrail, an unclear prompt or no review step',
      },
      {
        ruleId,
        severity: 'warn',
        line: 39,
        column: 23,
        message: "Unexpected blame in `Bob's fault`, expected what made the failure possible, without naming who is to blame",
      },
      {
        ruleId,
        severity: 'warn',
        line: 39,
        column: 42,
        message: 'Unexpected blame in `careless`, expected what made the step easy to get wrong, such as a manual step with no check',
      },
    ]);
  });

  it('searches a text only for the phrases whose words it holds, finding each of them', () => {
    // "failed" without "to", "should" without "have", "error" with no human before it: words of
    // phrases the text does not hold, beside two that it does.
    const text = 'The failed health checks should alert; error rates rose. Alice failed\n  to check the pool, at fault.';
    expect(blameIn(text).map((found) => [found.line, found.column, found.message.split(', expected')[0]])).toEqual([
      [39, 58, 'Unexpected blame in `Alice failed to`'],
      [40, 22, 'Unexpected blame in `at fault`'],
    ]);
    expect(blameIn('The failed health checks should alert; error rates rose.')).toEqual([]);
  });

  it.each([
    ['Operator error dropped the table.', 'Operator error'],
    ['The on-call should have known the pool was small.', 'should have known'],
    ["He should've noticed the alert.", "should've noticed"],
    ['A fat-fingered command removed the index.', 'fat-fingered'],
    ['The deploy was negligent.', 'negligent'],
    ['The engineer failed to run the load test.', 'The engineer failed to'],
    ['Alice failed to check the pool size.', 'Alice failed to'],
    ['Bob simply forgot to page the database team.', 'Bob simply forgot to'],
    ['It was their fault.', 'their fault'],
  ])('reports %j', (sentence, phrase) => {
    expect(blameIn(sentence).map((found) => found.message)).toEqual([expect.stringContaining(`\`${phrase}\``)]);
  });

  it.each([
    ['The disk failed to spin up after the reboot.', 'a system that failed'],
    ['We failed to detect the saturation for 16 minutes.', 'the organisation, not a person'],
    ['Zoe failed to get paged: the rota was empty.', 'a name the postmortem does not list'],
    ['The cluster has fault tolerance across zones, and the fault-domain was healthy.', 'engineering vocabulary'],
    ['The log said `human error` verbatim.', 'code'],
    ['No one is to blame; we ask what the system allowed.', 'blameless wording'],
  ])('accepts %j (%s)', (sentence) => {
    expect(blameIn(sentence)).toEqual([]);
  });

  it('reports a phrase that breaks across lines at its start', () => {
    const found = blameIn('It was human\nerror.');
    expect(found).toEqual([expect.objectContaining({ line: 39, column: 8, message: expect.stringContaining('`human error`') })]);
  });

  it('points into a table cell', () => {
    const text = edit(validPostmortem, '| Load test the checkout flow | Bob |', '| Stop careless deploys | Bob |'); // line 54
    expect(findings(text, { ruleId })).toEqual([expect.objectContaining({ line: 54, column: 8, message: expect.stringContaining('`careless`') })]);
  });

  it('takes more phrases, other suggestions and allowed phrases from config', () => {
    const config = testConfig({
      rules: {
        [ruleId]: {
          level: 'error',
          options: { phrases: { 'dropped the ball': 'what got in the way of finishing the work', careless: 'the missing check' }, allow: ['human error'] },
        },
      },
    });
    expect(blameIn('Human error: Alice dropped  the ball and was careless.', { config })).toEqual([
      expect.objectContaining({ severity: 'error', column: 20, message: 'Unexpected blame in `dropped the ball`, expected what got in the way of finishing the work' }),
      expect.objectContaining({ severity: 'error', column: 46, message: 'Unexpected blame in `careless`, expected the missing check' }),
    ]);
  });

  it('takes a plain list of more phrases, with a general suggestion', () => {
    const config = testConfig({ rules: { [ruleId]: { level: 'warn', options: { phrases: ['dropped the ball'] } } } });
    expect(blameIn('The release team dropped the ball.', { config })).toEqual([
      expect.objectContaining({ column: 18, message: 'Unexpected blame in `dropped the ball`, expected what the system allowed, without naming who is to blame' }),
    ]);
    const none = testConfig({ rules: { [ruleId]: { level: 'warn', options: { phrases: [] } } } });
    expect(blameIn('It was human error.', { config: none })).toHaveLength(1);
  });

  it.each([
    [{ words: [] }, 'Unexpected option `words` for the blameless-language rule, expected `phrases` or `allow`'],
    [{ phrases: 'careless' }, 'Unexpected `phrases` for the blameless-language rule, expected a list of phrases or an object from phrase to suggested reframing'],
    [{ phrases: { careless: true } }, 'Unexpected `phrases` for the blameless-language rule, expected a list of phrases or an object from phrase to suggested reframing'],
    [{ allow: 'careless' }, 'Unexpected `allow` for the blameless-language rule, expected a list of phrases'],
    [{ allow: ['carefree'] }, /^Unknown phrase `carefree` in `allow` for the blameless-language rule, expected one of: human error, /],
  ])('refuses options %j with a clear message', (options, message) => {
    const config = testConfig({ rules: { [ruleId]: { level: 'warn', options } } });
    expect(() => findings(validPostmortem, { ruleId, config })).toThrow(message);
  });
});
