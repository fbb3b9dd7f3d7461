import { describe, expect, it } from 'vitest';
import { defaultSections } from '../../src/config/config.js';
import { edit, findings, testConfig, validPostmortem } from '../helpers/lint.js';

const ruleId = 'required-sections';
const frontmatter = validPostmortem.slice(0, validPostmortem.indexOf('\n---\n') + 5);

describe('required-sections', () => {
  it('accepts every required section in order, in any letter case, with other sections anywhere', () => {
    expect(findings(validPostmortem, { ruleId })).toEqual([]);
    const text = edit(
      edit(validPostmortem, '## Root Cause', '## root cause'),
      '## Timeline',
      '## Status Updates\n\nCheckout is failing; we are investigating.\n\n## Timeline',
    );
    expect(findings(text, { ruleId })).toEqual([]);
  });

  it('points a missing section at the heading it should come before', () => {
    const text = edit(validPostmortem, '## Root Cause', '## Cause Analysis'); // line 37
    expect(findings(text, { ruleId })).toEqual([
      {
        ruleId,
        severity: 'error',
        line: 41,
        column: 1,
        message: 'Missing section `## Root Cause`, expected it after `## Timeline` and before `## What Went Well`',
      },
    ]);
  });

  it('points a missing last section at the end of the file', () => {
    const text = edit(validPostmortem, '## Lessons Learned', '## Notes');
    expect(findings(text, { ruleId })).toEqual([
      expect.objectContaining({ line: 59, column: 1, message: 'Missing section `## Lessons Learned`, expected it after `## Action Items`' }),
    ]);
  });

  it('points at the start of the body when no required section is there', () => {
    const config = testConfig({ sections: ['Summary', 'Impact'] });
    expect(findings(`${frontmatter}\nSomething went wrong.\n`, { ruleId, config })).toEqual([
      expect.objectContaining({ line: 21, column: 1, message: 'Missing section `## Summary`, expected the required sections Summary, Impact as level-2 headings' }),
      expect.objectContaining({ line: 21, column: 1, message: 'Missing section `## Impact`, expected the required sections Summary, Impact as level-2 headings' }),
    ]);
  });

  it('reports a moved section once, at its heading, not every section it jumped over', () => {
    const swapped = edit(edit(validPostmortem, '## Summary', '## LESSONS'), '## Lessons Learned', '## Summary').replace('## LESSONS', '## Lessons Learned');
    expect(findings(swapped, { ruleId })).toEqual([
      expect.objectContaining({ line: 22, column: 1, message: 'Unexpected section `## Lessons Learned` out of order, expected it after `## Action Items`' }),
      expect.objectContaining({ line: 56, column: 1, message: 'Unexpected section `## Summary` out of order, expected it before `## Impact`' }),
    ]);
  });

  it('names both neighbours of a section out of order', () => {
    const swapped = edit(edit(validPostmortem, '## Summary', '## IMPACT'), '## Impact', '## Summary').replace('## IMPACT', '## Impact');
    expect(findings(swapped, { ruleId })).toEqual([
      expect.objectContaining({ line: 22, message: 'Unexpected section `## Impact` out of order, expected it after `## Summary` and before `## Timeline`' }),
    ]);
  });

  it('points at a required section written at another level', () => {
    const text = edit(validPostmortem, '## Root Cause', '### Root Cause');
    expect(findings(text, { ruleId })).toEqual([
      expect.objectContaining({
        line: 37,
        column: 1,
        message: 'Unexpected level-3 heading `### Root Cause`, expected the required section as a level-2 heading `## Root Cause`',
      }),
    ]);
  });

  it('follows the configured sections, reporting titles as configured', () => {
    const config = testConfig({ sections: [...defaultSections, 'Follow-up Review'] });
    expect(findings(validPostmortem, { ruleId, config })).toEqual([
      expect.objectContaining({ line: 59, message: 'Missing section `## Follow-up Review`, expected it after `## Lessons Learned`' }),
    ]);
    expect(findings(validPostmortem, { ruleId, config: testConfig({ sections: ['summary', 'Timeline'] }) })).toEqual([]);
  });
});
