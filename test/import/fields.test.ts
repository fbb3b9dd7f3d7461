import { describe, expect, it } from 'vitest';
import { defaultSeverities } from '../../src/config/config.js';
import { severityFor } from '../../src/import/fields.js';

describe('severity as written, mapped to the configured levels', () => {
  it.each([
    ['SEV1', 'SEV1'], ['sev-2', 'SEV2'], ['Sev 3', 'SEV3'], ['S4', 'SEV4'], ['Severity 1', 'SEV1'], ['SEV-1 (Critical)', 'SEV1'],
    ['Critical', 'SEV1'], ['major', 'SEV2'], ['SEV2 Major', 'SEV2'],
    ['P1', undefined], ['High', undefined], ['SEV5', undefined], ['', undefined],
  ])('%j is %s by default', (written, level) => {
    expect(severityFor(written, defaultSeverities)).toBe(level);
  });

  it('reads the ids and names a configuration gives', () => {
    const levels = [{ id: 'P1', name: 'Page' }, { id: 'P2', name: 'Ticket' }];
    expect(['p1', 'P-2', 'Page', 'ticket', 'SEV1', '1'].map((written) => severityFor(written, levels))).toEqual(['P1', 'P2', 'P1', 'P2', undefined, undefined]);
  });
});
