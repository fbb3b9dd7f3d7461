import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/config.js';
import type { ActionItem, Frontmatter, Position, ValidPostmortem } from '../../src/parse/model.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { schemaErrors } from '../../src/schema/validate.js';

const nowhere: Position = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

export interface ModelOptions extends Partial<Omit<Frontmatter, 'impact'>> {
  id?: string;
  impact?: Frontmatter['impact'];
  items?: ActionItem[];
}

/** A valid postmortem model with only the fields the rollups read; the rest are empty. */
export function model({ id, items, impact = {}, ...fields }: ModelOptions = {}): ValidPostmortem {
  const date = fields.date ?? '2026-03-04';
  const frontmatter: Frontmatter = {
    title: 'An incident',
    date,
    severity: 'SEV2',
    status: 'published',
    services: ['checkout-api'],
    authors: ['Alice'],
    started_at: `${date}T14:32:00Z`,
    resolved_at: `${date}T15:45:00Z`,
    impact,
    ...fields,
  };
  return {
    id: id ?? `${date}-incident`,
    file: `postmortems/${id ?? `${date}-incident`}.md`,
    data: frontmatter as unknown as Record<string, unknown>,
    fields: {},
    syntax: [],
    sections: [],
    timeline: [],
    timelineStrays: [],
    actionItems: items ? { columns: [], items, position: nowhere } : null,
    prose: [],
    lines: 1,
    frontmatter,
  };
}

/** An action item row; open unless said otherwise. */
export function item(fields: Partial<ActionItem> & Pick<ActionItem, 'due'>): ActionItem {
  return { action: 'Do a thing', owner: 'Alice', status: 'open', type: undefined, ticket: undefined, cells: {}, position: nowhere, ...fields };
}

const fixtures = new URL('./fixtures/', import.meta.url);
/** The defaults: the fixtures folder has no configuration file. */
const defaultConfig = loadConfig(fileURLToPath(fixtures));

/** The text of a fixture postmortem in `test/rollup/fixtures/`. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(name, fixtures), 'utf8');
}

/** Parses a postmortem text as the linter does, and fails unless the schema accepts its frontmatter. */
export function parseValid(file: string, text: string | Uint8Array): ValidPostmortem {
  const postmortem = parsePostmortem(file, typeof text === 'string' ? new TextEncoder().encode(text) : text);
  const problems = [...postmortem.syntax.map(({ message }) => message), ...schemaErrors(defaultConfig, postmortem.data).map((error) => `${error.instancePath} ${error.message}`)];
  if (problems.length > 0) throw new Error(`${file} is not a valid postmortem: ${problems.join('; ')}`);
  return { ...postmortem, frontmatter: postmortem.data as unknown as Frontmatter };
}
