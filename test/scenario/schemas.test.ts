import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SCHEMAS } from '../../src/scenario/schemas.js';
import { validatorsSource } from '../../scripts/write-validators.js';

describe('shipped schemas', () => {
  it.each(Object.keys(SCHEMAS))('scenarios/schemas/%s.schema.json matches src/scenario/schemas.ts (run npm run schemas)', (name) => {
    const file = JSON.parse(readFileSync(`scenarios/schemas/${name}.schema.json`, 'utf8'));
    expect(file).toEqual(SCHEMAS[name as keyof typeof SCHEMAS]);
  });

  it('the precompiled validators match the schemas (run npm run schemas)', () => {
    expect(readFileSync('src/scenario/generated/validators.js', 'utf8')).toBe(validatorsSource());
  });
});
