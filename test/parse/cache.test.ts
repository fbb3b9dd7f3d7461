import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheFolder, ParseCache } from '../../src/parse/cache.js';
import { contentHash } from '../../src/parse/load.js';
import { withoutRuleParts } from '../../src/parse/model.js';
import { parsePostmortem } from '../../src/parse/postmortem.js';
import { bodyHtml } from '../../src/render/body.js';
import { renderBody } from '../../src/render/markdown.js';
import { validFile, validPostmortem } from '../helpers/lint.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-cache-'));
  roots.push(root);
  return root;
}

const encode = (text: string) => new TextEncoder().encode(text);

describe('the parse cache', () => {
  it('gives back the model of the same bytes, positions included, and nothing for other bytes', () => {
    const cache = ParseCache.at(repository());
    const bytes = encode(validPostmortem);
    const postmortem = parsePostmortem(validFile, bytes);
    cache.set(ParseCache.key(validFile, contentHash(bytes)), postmortem);
    const stored = cache.get(ParseCache.key(validFile, contentHash(bytes)));
    expect(stored?.sections).toEqual(postmortem.sections.map((section) => ({ ...section, position: withoutOffsets(section.position), range: withoutOffsets(section.range) })));
    expect(stored?.fields).toEqual(JSON.parse(JSON.stringify(postmortem.fields, (key, value: unknown) => (key === 'offset' ? undefined : value))));
    expect(cache.get(ParseCache.key(validFile, contentHash(encode(`${validPostmortem}\n`))))).toBeUndefined();
    expect(cache.get(ParseCache.key(validFile, contentHash(bytes)), { render: true }), 'a model without its rendered body does not serve the site').toBeUndefined();
  });

  it('gives back a rendered body as its bytes, and texts that begin as its own compact values do as they were', () => {
    const cache = ParseCache.at(repository());
    const bytes = encode(validPostmortem);
    const key = ParseCache.key(validFile, contentHash(bytes));
    const postmortem = parsePostmortem(validFile, bytes, { render: renderBody });
    // YAML can write any character: these begin as a stored position, bytes and an escaped text do.
    postmortem.data = { ...postmortem.data, title: '\u00001,2,3,4', tags: ['\u0001AAAA', '\u0002x', ''] };
    cache.set(key, postmortem);
    const stored = cache.get(key, { render: true });
    expect(stored?.data).toEqual(postmortem.data);
    expect(stored?.body).toEqual(postmortem.body);
    expect(bodyHtml(stored!.body!)).toContain('<h2 id="user-content-summary">');
  });

  it('gives back the model without the parts only rules read, not reading them, when they are not needed', () => {
    const root = repository();
    const cache = ParseCache.at(root);
    const bytes = encode(validPostmortem);
    const key = ParseCache.key(validFile, contentHash(bytes));
    const postmortem = parsePostmortem(validFile, bytes);
    cache.set(key, postmortem);
    const full = cache.get(key);
    expect(full?.prose.length).toBeGreaterThan(0);
    expect(cache.get(key, { ruleParts: false })).toEqual(withoutRuleParts(full!));
    // Spoil the line of rule parts: a reader that needs them misses, one that does not still hits.
    appendFileSync(join(cacheFolder(root), `${key.entry}.json`), '}');
    expect(cache.get(key)).toBeUndefined();
    expect(cache.get(key, { ruleParts: false })).toEqual(withoutRuleParts(full!));
  });

  it("keeps one entry per file, replaced when the file changes, and removes other releases' folders", () => {
    const root = repository();
    const stale = join(root, 'node_modules', '.cache', 'hindsight', '0.0.1-1');
    mkdirSync(stale, { recursive: true });
    const cache = ParseCache.at(root);
    for (const text of [validPostmortem, `${validPostmortem}\nMore.\n`]) {
      cache.set(ParseCache.key(validFile, contentHash(encode(text))), parsePostmortem(validFile, encode(text)));
    }
    const [folder = ''] = readdirSync(join(root, 'node_modules', '.cache', 'hindsight'));
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(join(root, 'node_modules', '.cache', 'hindsight', folder))).toHaveLength(1);
    expect(cache.get(ParseCache.key(validFile, contentHash(encode(`${validPostmortem}\nMore.\n`))))?.prose.at(-1)?.text).toBe('More.');
  });
});

function withoutOffsets(position: { start: object; end: object }) {
  const strip = ({ offset: _offset, ...point }: { offset?: number }) => point;
  return { start: strip(position.start), end: strip(position.end) };
}
