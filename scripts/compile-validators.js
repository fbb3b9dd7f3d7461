// Writes the postmortem schema's validator, compiled for the default severity levels, beside the
// compiled code, so that a lint need not load ajv and compile the schema on every run. It carries
// the hash of the schema it was compiled from; any other schema (a new release's, or one narrowed
// to a config's own levels) is compiled at run time instead.
import { writeFileSync } from 'node:fs';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { defaultSeverities } from '../dist/config/config.js';
import { createAjv } from '../dist/schema/ajv.js';
import { compiledValidatorFile, postmortemSchema, schemaHash } from '../dist/schema/validate.js';

const schema = postmortemSchema(defaultSeverities);
const ajv = createAjv({ source: true });
const source = standaloneCode.default(ajv, ajv.compile(schema));
const file = new URL(`../dist/schema/${compiledValidatorFile}`, import.meta.url);
writeFileSync(file, `${source}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(schema))};\n`);
