// Writes the JSON Schemas (src/scenario/schemas.ts is the source) for editors and other tools.
import { writeFileSync, mkdirSync } from 'node:fs';
import { SCHEMAS } from '../src/scenario/schemas.js';
import { validatorsSource } from './write-validators.js';

mkdirSync('scenarios/schemas', { recursive: true });
for (const [name, schema] of Object.entries(SCHEMAS)) {
  writeFileSync(`scenarios/schemas/${name}.schema.json`, JSON.stringify(schema, null, 2) + '\n');
}
writeFileSync('src/scenario/generated/validators.js', validatorsSource());
