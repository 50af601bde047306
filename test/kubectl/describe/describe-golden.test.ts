/**
 * `kubectl describe` output for every case, at a fixed instant, against the files under
 * test/kubectl/golden/describe/. The files were recorded from this implementation after
 * describe-oracle.test.ts showed it byte-identical with kubectl 1.33 (which can only be run at
 * the real clock); they keep the output checked where kubectl is not installed.
 * Re-record with UPDATE_GOLDEN=1 after an oracle-checked change.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe as suite, expect, it } from 'vitest';
import { describe, objectsLookup } from '../../../src/kubectl/describe/index.js';
import { NOW, setBase } from '../fixtures.js';
import { DESCRIBE_CASES, buildCast, findCase } from './cast.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'describe');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

setBase(NOW);
const cast = buildCast();
const lookup = objectsLookup(cast);

suite('kubectl describe golden files', () => {
  it.each(DESCRIBE_CASES)('describe %s %s', (resource, name, ns) => {
    const obj = findCase(cast, resource, name, ns);
    if (!obj) return; // the CSR needs openssl to be made
    const file = join(GOLDEN, `${resource}-${name}.txt`);
    const out = describe(obj, { now: NOW, showEvents: true, lookup });
    if (UPDATE) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, out);
    }
    expect(existsSync(file), `${file} missing: record with UPDATE_GOLDEN=1`).toBe(true);
    expect(out).toBe(readFileSync(file, 'utf8'));
  });
});
