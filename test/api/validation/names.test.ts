import { describe, expect, it } from 'vitest';
import { dns1123Subdomain } from '../../../src/api/validation/names.js';

/** The regex apimachinery words in its message, the oracle for the hand-written check. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function* strings(alphabet: string[], len: number, prefix = ''): Generator<string> {
  if (len === 0) {
    yield prefix;
    return;
  }
  for (const c of alphabet) yield* strings(alphabet, len - 1, prefix + c);
}

describe('dns1123Subdomain', () => {
  it('accepts exactly what the apimachinery regex accepts (every string of up to 5 characters over a-z0-9.-A_)', () => {
    const alphabet = ['a', 'z', '0', '9', '-', '.', 'A', '_'];
    const mismatches: string[] = [];
    for (let len = 0; len <= 5; len++) {
      for (const v of strings(alphabet, len)) if ((dns1123Subdomain(v).length === 0) !== DNS1123_SUBDOMAIN.test(v)) mismatches.push(v);
    }
    expect(mismatches).toEqual([]);
  });

  it('takes event names (<pod>.<hex>) and rejects the shapes kubectl users type by mistake', () => {
    expect(dns1123Subdomain('web-7d4b9c8f6-xk2lp.18a2b3c4d5e6f708')).toEqual([]);
    for (const bad of ['Web', 'web_1', 'web.', '.web', 'web..x', 'web.-x', 'web-.x', '-web']) expect(dns1123Subdomain(bad)).toHaveLength(1);
    expect(dns1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
  });
});
