import { suggest } from '../rules/fields.js';
import { knownKeys } from '../schema/validate.js';
import { replaceScalar } from './edits.js';
import type { Fix, FixFinder } from './fix.js';

/**
 * An unknown top-level key renamed to the known key it most likely meant (the one the schema rule
 * suggests). Certain when that is the only close key and the postmortem does not have it already.
 */
export const renameKey: FixFinder = ({ source, postmortem }) => {
  const known = knownKeys();
  const fixes: Fix[] = [];
  for (const key of Object.keys(postmortem.data)) {
    if (known.includes(key) || key.startsWith('x-')) continue;
    const meant = suggest(key, known);
    const place = postmortem.fields[`/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`]?.key;
    if (!meant || !place) continue;
    const closeKeys = known.filter((candidate) => suggest(key, [candidate]) === candidate);
    const missing = !Object.hasOwn(postmortem.data, meant);
    const block = postmortem.fields['']?.value;
    fixes.push({
      ruleId: 'schema',
      title: `Rename \`${key}\` to \`${meant}\``,
      edits: [replaceScalar(source, place, meant)],
      certain: closeKeys.length === 1 && missing,
      // A required key written wrong is also reported missing, at the whole frontmatter.
      mends: [{ place, mentions: `\`${key}\`` }, ...(missing && block ? [{ place: block, mentions: `Missing required key \`${meant}\`` }] : [])],
    });
  }
  return fixes;
};
