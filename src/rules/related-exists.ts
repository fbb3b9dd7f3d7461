import { quote, suggest, valuePlace } from './fields.js';
import { defineRule } from './rule.js';

export default defineRule(
  {
    id: 'related-exists',
    description: 'Every id in `related` names another postmortem in the folder.',
    defaultLevel: 'error',
    acrossFiles: { keys: ['related'] },
  },
  ({ postmortem, corpus, report }) => {
    const related = postmortem.data.related;
    if (!Array.isArray(related)) return;
    related.forEach((id: unknown, index) => {
      if (typeof id !== 'string') return;
      const place = valuePlace(postmortem, `/related/${index}`);
      if (id === postmortem.id) {
        report(`Unexpected \`related\` id ${quote(id)}, the id of this postmortem itself, expected the ids of other postmortems`, place);
      } else if (!corpus.byId.has(id)) {
        const suggestion = suggest(id, [...corpus.byId.keys()].filter((other) => other !== postmortem.id));
        report(
          `Unexpected \`related\` id ${quote(id)}, expected the id of a postmortem in the folder (its file name without \`.md\`)${suggestion ? `, did you mean ${quote(suggestion)}?` : ''}`,
          place,
        );
      }
    });
  },
);
