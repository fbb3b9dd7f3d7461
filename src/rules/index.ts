import type { Rule } from './rule.js';
import schema from './schema.js';
import syntax from './syntax.js';

/** Every rule, in the order their findings are listed for the same place. */
export const rules: readonly Rule[] = [syntax, schema];
