import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

function io(isTTY: boolean) {
  let out = '';
  let err = '';
  const cli: CliIO = { stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) }, readStdin: async () => '', isTTY };
  return { cli, out: () => out, err: () => err };
}

describe('the exam screen commands without a terminal', () => {
  it.each([
    [['exam', 'dead-scheduler'], 'exam'],
    [['practice', 'dead-scheduler'], 'practice'],
    [[], 'practice'],
    [['resume'], 'resume'],
  ])('kubedrill %j points at `kubedrill run` and exits 2', async (argv, name) => {
    const t = io(false);
    expect(await main(argv, t.cli)).toBe(2);
    expect(t.err()).toContain(`kubedrill ${name}: the exam screen needs an interactive terminal`);
    expect(t.err()).toContain('kubedrill run SCENARIO --script FILE');
    expect(t.out()).toBe('');
  });

  it('rejects an unknown scenario by name, listing the known ones', async () => {
    const t = io(true);
    expect(await main(['exam', 'no-such-thing'], t.cli)).toBe(2);
    expect(t.err()).toMatch(/^kubedrill exam: unknown scenario or exam "no-such-thing" \(known: [a-z0-9-]+(, [a-z0-9-]+)*\)$/m);
    expect(t.err()).toContain('cka-practice, ');
    expect(t.err()).toContain('dead-scheduler, ');
  });

  it('checks its options before anything else', async () => {
    const t = io(false);
    expect(await main(['exam', 'dead-scheduler', '--seed', 'x'], t.cli)).toBe(2);
    expect(t.err()).toContain('--seed needs a whole number');
  });
});
