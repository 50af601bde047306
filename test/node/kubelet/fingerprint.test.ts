import { describe, expect, it } from 'vitest';
import { sameFingerprint, type Fingerprint } from '../../../src/node/kubelet/worker.js';

describe('status fingerprints', () => {
  const base: Fingerprint = ['10.244.1.2', 'ready', false, '41', 'c1', 'running', undefined, undefined, 0, true, true, undefined, undefined];
  it('match only when every value does', () => {
    expect(sameFingerprint(base, [...base])).toBe(true);
    expect(sameFingerprint(undefined, base)).toBe(false);
    for (let i = 0; i < base.length; i++) {
      const changed = [...base];
      changed[i] = changed[i] === undefined ? 'x' : typeof changed[i] === 'boolean' ? !changed[i] : `${String(changed[i])}!`;
      expect(sameFingerprint(base, changed)).toBe(false);
    }
    // A second container is a change even if the first is as it was.
    expect(sameFingerprint(base, [...base, 'c2', 'running', undefined, undefined, 0, false, false, 'ContainerCreating', undefined])).toBe(false);
    // Values, not their text: "0" is not 0.
    expect(sameFingerprint(base, base.map((v) => (v === 0 ? '0' : v)))).toBe(false);
  });
});
