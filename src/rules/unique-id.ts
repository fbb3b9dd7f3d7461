import { postmortemId } from '../parse/model.js';
import { quote } from './fields.js';
import { defineRule, type Corpus } from './rule.js';

export default defineRule(
  {
    id: 'unique-id',
    description: 'No two postmortems share an id (the file name without `.md`), even in different folders or letter case.',
    defaultLevel: 'error',
    acrossFiles: { keys: [] },
  },
  ({ postmortem, corpus, report }) => {
    for (const other of byLowerCaseId(corpus).get(postmortem.id.toLowerCase()) ?? []) {
      if (other === postmortem.file) continue;
      report(
        postmortemId(other) === postmortem.id
          ? `Unexpected id ${quote(postmortem.id)}, also the id of ${quote(other)}, expected each postmortem's file name to be unique`
          : `Unexpected id ${quote(postmortem.id)}, differing only in case from ${quote(other)}, expected ids unique ignoring case (case-insensitive file systems and URLs mix them up)`,
      );
    }
  },
);

const lowerCaseIndexes = new WeakMap<Corpus, Map<string, string[]>>();

/** The corpus's files by lower-case id, built once per corpus rather than once per file. */
function byLowerCaseId(corpus: Corpus): Map<string, string[]> {
  let index = lowerCaseIndexes.get(corpus);
  if (!index) {
    index = new Map();
    for (const [id, files] of corpus.byId) {
      const key = id.toLowerCase();
      index.set(key, [...(index.get(key) ?? []), ...files]);
    }
    lowerCaseIndexes.set(corpus, index);
  }
  return index;
}
