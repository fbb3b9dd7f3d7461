import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { defaultSeverities } from '../src/config/config.js';
import { parsePostmortem } from '../src/parse/postmortem.js';
import { createAjv } from '../src/schema/ajv.js';
import { compiledValidatorFile, postmortemSchema, schemaHash } from '../src/schema/validate.js';

// The package's build (`npm run build:ts`, which `npm test` runs first) writes it beside the compiled code.
const compiledPath = new URL(`../dist/schema/${compiledValidatorFile}`, import.meta.url);

/** Frontmatter of every example, and each broken in the ways people break it. */
function frontmatters(): unknown[] {
  const examples = readdirSync('postmortems')
    .filter((name) => name.endsWith('.md'))
    .map((name) => parsePostmortem(name, readFileSync(`postmortems/${name}`)).data);
  const broken = examples.flatMap((data) => [
    { ...data, title: undefined, severity: 'SEV9' },
    { ...data, date: '2026-13-45', started_at: 'yesterday', links: { dashboard: 'javascript:alert(1)' } },
    { ...data, services: 'checkout', authors: [], impact: { users_affected: -3, revenue_loss: { amount: 'lots' } } },
    { ...data, unknown_key: true, 'x-team-field': { anything: 1 } },
  ]);
  return [...examples, ...broken, {}, [], 'text'];
}

describe('the postmortem validator compiled with the package', () => {
  it('exists after the build, for the schema under the default levels', () => {
    expect(existsSync(compiledPath)).toBe(true);
    const compiled = createRequire(import.meta.url)(compiledPath.pathname) as { schemaHash: string };
    expect(compiled.schemaHash).toBe(schemaHash(postmortemSchema(defaultSeverities)));
  });

  it('gives every verdict and error that compiling the schema here gives', () => {
    const compiled = createRequire(import.meta.url)(compiledPath.pathname) as ((data: unknown) => boolean) & { errors?: unknown };
    const here = createAjv().compile(postmortemSchema(defaultSeverities));
    const inputs = frontmatters();
    let rejected = 0;
    for (const data of inputs) {
      const valid = here(data);
      expect(compiled(data)).toBe(valid);
      expect(compiled.errors ?? null).toEqual(here.errors ?? null);
      if (!valid) rejected += 1;
    }
    expect(rejected).toBeGreaterThan(inputs.length / 2);
  });

  it('serves no other schema: levels of a config’s own are compiled at run time', () => {
    expect(schemaHash(postmortemSchema([{ ...defaultSeverities[0]!, id: 'P1' }]))).not.toBe(schemaHash(postmortemSchema(defaultSeverities)));
  });
});
