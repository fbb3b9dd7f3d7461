import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { importJson, lintDraft, tempFolder } from './helpers.js';

const shipped = new URL('../../postmortems/', import.meta.url).pathname;

describe('importing the shipped example postmortems, already in Hindsight\'s shape', () => {
  it('gives drafts with the same facts, timelines and action items, and no findings', async () => {
    const cwd = tempFolder();
    const { exitCode, results } = await importJson(cwd, [shipped]);
    expect(exitCode).toBe(0);
    const names = readdirSync(shipped).filter((name) => name.endsWith('.md')).sort();
    expect(results.map((result) => result.source)).toEqual(names.map((name) => join(shipped, name)));
    for (const [index, result] of results.entries()) {
      const original = parsePostmortem(result.source, readFileSync(result.source));
      const { postmortem, errors } = lintDraft(cwd, result.file, '2026-01-01');
      expect({ file: result.file, errors }).toEqual({ file: result.file, errors: [] });
      expect(result.missing, names[index]).toEqual([]);
      for (const key of ['title', 'date', 'severity', 'services', 'authors']) {
        expect(postmortem.data[key], `${names[index]} ${key}`).toEqual(original.data[key]);
      }
      // An empty list states nothing, and is not written.
      for (const key of ['teams', 'reviewers', 'tags']) {
        expect(postmortem.data[key] ?? [], `${names[index]} ${key}`).toEqual(original.data[key] ?? []);
      }
      for (const key of ['started_at', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at']) {
        const instant = (value: unknown): number | undefined => (typeof value === 'string' ? Date.parse(value) : undefined);
        expect(instant(postmortem.data[key]), `${names[index]} ${key}`).toEqual(instant(original.data[key]));
      }
      expect(postmortem.timeline.map((entry) => entry.at), names[index]).toEqual(original.timeline.map((entry) => entry.at));
      const items = (model: typeof original) => model.actionItems?.items.map((item) => [item.action, item.owner, item.due, item.status, item.type, item.ticket]);
      expect(items(postmortem), names[index]).toEqual(items(original));
    }
  }, 60_000);
});
