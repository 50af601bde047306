/**
 * Property: whatever the candidate types, `run` returns an exit status and never throws (the
 * TUI and the grader depend on it). Inputs are random characters from the shell's alphabet and
 * random sequences of shell tokens, so that both the parser's error paths and the interpreter's
 * constructs are reached.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestHost, createTestSession } from '../../src/shell/testing.js';
import { fakeCat, recorder } from './helpers.js';

const CHARS = [...'abcxyz019 _-./~$\'"`\\{}()[]|&;<>*?!#=%^,:+@\n\t'];

const TOKENS = [
  'echo', 'k', 'kubectl', 'cat', 'cd', 'x=1', 'export', 'alias', 'k=kubectl', 'unset', 'read', 'printf', '%s', '%q', '%d',
  '$x', '"$x"', "'$x'", '${x:-d}', '${#x}', '${x/a/b}', '$((1+2))', '$((x/0))', '$(', '`', ')', '(', '{', '}', '|', '||', '&&',
  ';', '&', '!', '>', '>>', '2>&1', '<', '<<EOF', "<<'EOF'", '<<-EOF', '\nEOF\n', '<<<', '/etc/x', '/tmp/y', '~', '~root',
  '*', '*.yaml', '[a-z]', '{a,b}', '{1..3}', 'for', 'in', 'do', 'done', 'while', 'until', 'if', 'then', 'elif', 'else', 'fi',
  'case', 'esac', ';;', '[[', ']]', '[', ']', '-f', '-eq', '==', '=~', 'test', 'true', 'false', 'exit', 'return', 'break',
  'continue', 'f()', 'local', 'source', '<(', 'ssh', 'node01', 'sudo', '-i', 'su', '-', 'bash', '-c', 'vim', 'history', '!!',
  'sleep', '1', 'eval', 'set', '-e', 'shift', 'type', 'command', '-v', '\\', '\n', '#', 'IFS=,', '"', "'",
];

function newSession() {
  const kubectl = recorder('pod/a\n');
  const host = createTestHost({ hostname: 'terminal', programs: { kubectl: kubectl.program, cat: fakeCat } });
  const node01 = createTestHost({ hostname: 'node01', programs: { kubectl: kubectl.program } });
  return createTestSession({ host, hosts: { resolve: (n) => (n === 'node01' ? node01 : undefined) }, maxCommandsPerLine: 300 });
}

async function statusOf(line: string): Promise<number> {
  const t = newSession();
  const { status } = await t.run(line);
  return status;
}

describe('the shell never throws out of run', () => {
  it('on random characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...CHARS), { maxLength: 60 }), async (chars) => {
        const status = await statusOf(chars.join(''));
        expect(Number.isInteger(status) && status >= 0 && status <= 255).toBe(true);
      }),
      { numRuns: 400, seed: 20260101 },
    );
  });

  it('on random token sequences', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }),
        fc.array(fc.constantFrom(' ', ' ', ' ', '', '\n'), { minLength: 25, maxLength: 25 }),
        async (tokens, gaps) => {
          const line = tokens.map((tok, i) => tok + gaps[i]).join('');
          const status = await statusOf(line);
          expect(Number.isInteger(status) && status >= 0 && status <= 255).toBe(true);
        },
      ),
      { numRuns: 600, seed: 42 },
    );
  });

  it('across several lines of one session', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.constantFrom(...TOKENS), { maxLength: 8 }), { maxLength: 8 }), async (lines) => {
        const t = newSession();
        for (const tokens of lines) {
          const { status } = await t.run(tokens.join(' '));
          expect(Number.isInteger(status)).toBe(true);
          expect(typeof t.session.prompt()).toBe('string');
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
