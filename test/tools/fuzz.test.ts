/**
 * Property: whatever the command line and input, a tool returns an exit status and never throws
 * (an exception would surface in the shell as a crash instead of a message and a status).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textTools } from '../../src/tools/index.js';
import { makeWorld, run } from './harness.js';

const TOKENS = [
  '-', '--', '-a', '-l', '-n', '-r', '-R', '-f', '-e', '-E', '-i', '-v', '-c', '-d', '-s', '-u', '-k', '-t', '-p', '-1', '-5', '+2',
  '-n3', '--help', '--version', '--bogus', '-Z', '--color=never', '-exec', '{}', ';', '+', '-name', '-type', 'f', 'd', '(', ')', '!',
  '-o', '-maxdepth', '1', '0', '-1', 'x', 'a.txt', 'dir', 'nope', '/', '.', '..', '/etc', '*', '*.txt', '[a-z]+', '\\(', 'a\\{2\\}',
  's/a/b/g', 's/x', '/re/p', '$d', '1,2p', 'y/ab/cd/', '{print $1}', 'BEGIN{x', 'NR>1{s+=$2}END{print s}', '$3 >= 1000', 'u+x',
  '755', 'root', 'root:root', ':x', '%Y-%m-%d', '+%s', '@0', 'yesterday', '2026-01-01', '[:upper:]', 'a-z', '\\n', '-w0', '-F:', '-v',
  'x=1', '-k2,2n', '-t:', '-f1,3', '-c1-3', '-L', '-I{}', '-0', '-s,', '-w', '-U1', '-q', '-h', '-H', '-A1', '-B', '-C2', '-m1',
];

const arbArgv = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 6 });
const arbStdin = fc.oneof(fc.constant(''), fc.constantFrom('a b c\n1 2 3\n', 'x:y:z\n', '{"a": 1}\n', 'aGkK\n', 'line\nline\nother'), fc.string({ maxLength: 40 }));

describe('every tool returns a status on random command lines', () => {
  for (const name of Object.keys(textTools).sort()) {
    if (name === 'sleep') continue; // covered below: random durations would move the clock a lot
    it(`${name} never throws`, async () => {
      await fc.assert(
        fc.asyncProperty(arbArgv, arbStdin, async (args, stdin) => {
          const world = makeWorld({ 'a.txt': 'hello\nworld\n', 'dir/b': 'x y\n', link: { link: 'a.txt' } });
          const r = await run(world, [name, ...args], { stdin });
          expect(Number.isInteger(r.code)).toBe(true);
          expect(r.code).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 150, seed: 20260101 },
      );
    });
  }

  it('sleep never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom('1', '0.5', '1m', 'x', '--', '-z', '2d'), fc.string({ maxLength: 4 })), { maxLength: 3 }), async (args) => {
        const r = await run(makeWorld(), ['sleep', ...args]);
        expect(Number.isInteger(r.code)).toBe(true);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
