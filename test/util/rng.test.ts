import { describe, expect, it } from 'vitest';
import { Rng, K8S_ALPHABET } from '../../src/util/rng.js';
import { parseQuantity, milliCpu, formatBytes } from '../../src/api/quantity.js';

describe('Rng', () => {
  it('repeats the same stream for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(a.string(5, K8S_ALPHABET)).toBe(b.string(5, K8S_ALPHABET));
    expect(a.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('quantities', () => {
  it.each([
    ['100m', 0.1],
    ['2', 2],
    ['1Gi', 2 ** 30],
    ['500M', 5e8],
    ['1e3', 1000],
  ])('%s is %d base units', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });
  it('rounds cpu to millicores and formats memory with binary suffixes', () => {
    expect(milliCpu('0.25')).toBe(250);
    expect(formatBytes(128 * 2 ** 20)).toBe('128Mi');
  });
});
