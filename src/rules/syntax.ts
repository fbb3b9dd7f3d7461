import { defineRule } from './rule.js';

export default defineRule(
  {
    id: 'syntax',
    description: 'The file can be read: UTF-8 text, YAML frontmatter between `---` lines that is data only, and a Markdown body.',
    defaultLevel: 'error',
  },
  ({ postmortem, report }) => {
    for (const problem of postmortem.syntax) report(problem.message, problem.place);
  },
);
