import { describe, expect, it } from 'vitest';
import { toRfc3339 } from '../../src/util/clock.js';

describe('toRfc3339', () => {
  it('formats each instant to its own second, however the seconds asked for alternate', () => {
    const t0 = Date.parse('2026-01-01T09:00:00Z');
    const asked = [0, 5000, 0, 5999, 3000, 0, 3500, 5000, 9000, 0].map((d) => t0 + d);
    expect(asked.map(toRfc3339)).toEqual(asked.map((ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')));
    expect(toRfc3339(t0 + 999)).toBe('2026-01-01T09:00:00Z');
  });
});
