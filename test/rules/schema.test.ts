import { describe, expect, it } from 'vitest';
import { edit, findings, testConfig, validPostmortem } from '../helpers/lint.js';

const ruleId = 'schema';

describe('schema', () => {
  it('accepts the valid postmortem', () => {
    expect(findings(validPostmortem, { ruleId })).toEqual([]);
  });

  it('suggests the key a typo meant, at the key, and reports the key then missing', () => {
    const text = edit(validPostmortem, 'severity: SEV1', 'severtiy: SEV1'); // line 4
    expect(findings(text, { ruleId })).toEqual([
      { ruleId, severity: 'error', line: 1, column: 1, message: 'Missing required key `severity`' },
      { ruleId, severity: 'error', line: 4, column: 1, message: 'Unexpected key `severtiy`, did you mean `severity`?' },
    ]);
  });

  it('names the allowed values of an enum at the value: `SEV5` on line 4 gives line 4', () => {
    expect(findings(edit(validPostmortem, 'severity: SEV1', 'severity: SEV5'), { ruleId })).toEqual([
      { ruleId, severity: 'error', line: 4, column: 11, message: 'Unexpected `SEV5` for `severity`, expected one of `SEV1`..`SEV4`' },
    ]);
    expect(findings(edit(validPostmortem, 'status: published', 'status: done'), { ruleId })).toEqual([
      { ruleId, severity: 'error', line: 5, column: 9, message: 'Unexpected `done` for `status`, expected one of `draft`, `in-review`, `published`' },
    ]);
  });

  it('takes the severity levels from config', () => {
    const config = testConfig({ severities: [{ id: 'P1', name: 'Page' }, { id: 'P2', name: 'Ticket' }] });
    expect(findings(validPostmortem, { ruleId, config })).toEqual([
      expect.objectContaining({ line: 4, column: 11, message: 'Unexpected `SEV1` for `severity`, expected one of `P1`, `P2`' }),
    ]);
  });

  it('points into nested values by their path', () => {
    const text = edit(validPostmortem, '    currency: USD', '    currency: usd'); // line 19
    expect(findings(text, { ruleId })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 19,
        column: 15,
        message: 'Unexpected `usd` for `impact.revenue_loss.currency`, expected an ISO 4217 currency code such as `USD`',
      },
    ]);
  });

  it('reports a missing required key at the start of the mapping that lacks it (the opening `---` for a top-level key)', () => {
    expect(findings(edit(validPostmortem, 'resolved_at: 2026-03-04T15:45:00Z\n', ''), { ruleId })).toEqual([
      { ruleId, severity: 'error', line: 1, column: 1, message: 'Missing required key `resolved_at`' },
    ]);
    expect(findings(edit(validPostmortem, '    currency: USD\n', ''), { ruleId })).toEqual([
      { ruleId, severity: 'error', line: 17, column: 3, message: 'Missing required key `impact.revenue_loss.currency`' },
    ]);
  });

  it('reports a wrong type and a bad date-time at the value', () => {
    const text = edit(edit(validPostmortem, '  users_affected: 1032', '  users_affected: many'), 'detected_at: 2026-03-04T14:34:00Z', 'detected_at: 2026-03-04 14:34');
    expect(findings(text, { ruleId })).toEqual([
      expect.objectContaining({
        line: 11,
        column: 14,
        message: 'Unexpected `2026-03-04 14:34` for `detected_at`, expected an RFC 3339 date-time with `Z` or an offset, such as `2026-03-04T14:32:00Z`',
      }),
      expect.objectContaining({ line: 16, column: 19, message: 'Unexpected string `many` for `impact.users_affected`, expected a whole number' }),
    ]);
  });

  it('names a mapping or a list given where text is expected, once', () => {
    const text = edit(validPostmortem, /^title: .*$/m, 'title: { text: Checkout outage }');
    expect(findings(text, { ruleId })).toEqual([
      expect.objectContaining({ line: 2, column: 8, message: 'Unexpected mapping for `title`, expected text' }),
    ]);
  });

  it('accepts extension keys under `x-`', () => {
    expect(findings(edit(validPostmortem, 'status: published', 'status: published\nx-pager: checkout-primary'), { ruleId })).toEqual([]);
  });
});
