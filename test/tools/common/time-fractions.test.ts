import { describe, expect, it } from 'vitest';
import { fullIso } from '../../../src/tools/common/fileinfo.js';
import { strftime } from '../../../src/tools/common/datetime.js';

/** The TUI's virtual clock follows the wall clock, so its instants carry fractions of a millisecond. */
const AT = Date.parse('2026-01-01T10:00:05.123Z') + 0.1;

describe('times between milliseconds (the TUI clock)', () => {
  it('print as whole nanoseconds in stat and ls --full-time', () => {
    expect(fullIso(AT)).toBe('2026-01-01 10:00:05.123100097 +0000');
  });

  it('print as whole nanoseconds in date +%N', () => {
    expect(strftime('%s.%N', AT)).toBe('1767261605.123100097');
  });
});
