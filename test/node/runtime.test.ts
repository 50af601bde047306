import { describe, expect, it } from 'vitest';
import { ContainerRuntime } from '../../src/node/runtime.js';
import { Rng } from '../../src/util/rng.js';

describe('container runtime ids', () => {
  it('are 64 hex digits drawn as rng.string would draw them (seeded ids stay what they were)', () => {
    const runtime = new ContainerRuntime(new Rng(42));
    const oracle = new Rng(42);
    for (let i = 0; i < 5; i++) {
      const id = runtime.newId();
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(id).toBe(oracle.string(64, '0123456789abcdef'));
    }
  });
});
