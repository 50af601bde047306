import { describe, expect, it } from 'vitest';
import { canonicalQuantity, compareQuantity } from '../../../src/api/validation/quantity.js';

describe('quantities as the apiserver stores them', () => {
  const cases: [string | number, string][] = [
    [0.5, '500m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    [2, '2'],
    ['2000', '2k'],
    ['1000000', '1M'],
    ['1073741824', '1073741824'],
    ['1.5Gi', '1536Mi'],
    ['1024Mi', '1Gi'],
    ['512Mi', '512Mi'],
    ['0.5Gi', '512Mi'],
    ['100Ki', '100Ki'],
    ['1e3', '1e3'],
    ['0.0001', '1m'],
    ['128M', '128M'],
    ['0', '0'],
  ];
  for (const [input, stored] of cases) {
    it(`stores ${JSON.stringify(input)} as ${stored}`, () => expect(canonicalQuantity(input)).toBe(stored));
  }

  it('compares across suffixes exactly', () => {
    expect(compareQuantity('1Gi', '1024Mi')).toBe(0);
    expect(compareQuantity('1G', '1Gi')).toBe(-1);
    expect(compareQuantity('250m', 0.25)).toBe(0);
  });
});
