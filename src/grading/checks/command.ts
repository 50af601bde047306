/** `command` checks: run a command in the simulation at grading time and compare its output. */
import type { CommandCheck } from '../../scenario/types.js';
import { CheckSetupError } from '../context.js';
import { show } from '../expect.js';
import { normalise } from './file.js';
import type { CheckKind } from './types.js';

export const commandCheck: CheckKind<CommandCheck['command']> = {
  kind: 'command',
  async evaluate(b, ctx) {
    if (!ctx.run) throw new CheckSetupError('command checks need the shell');
    const host = b.host ?? ctx.world.workstation.hostname;
    const r = await ctx.run(host, b.user ?? 'root', b.run);
    const out = r.stdout;
    if (b.exitCode !== undefined && r.status !== b.exitCode) return { passed: false, expected: `\`${b.run}\` to exit with ${b.exitCode}`, found: `exit ${r.status}${r.stderr ? `: ${r.stderr.trim().split('\n')[0]}` : ''}` };
    const s = b.stdout;
    if (s?.contains !== undefined && !out.includes(s.contains)) return { passed: false, expected: `output containing ${show(s.contains)}`, found: show(normalise(out).slice(0, 200)) };
    if (s?.matches !== undefined && !new RegExp(s.matches, 'm').test(out)) return { passed: false, expected: `output matching /${s.matches}/`, found: show(normalise(out).slice(0, 200)) };
    if (s?.equals !== undefined && normalise(out) !== normalise(s.equals)) return { passed: false, expected: show(normalise(s.equals)), found: show(normalise(out).slice(0, 200)) };
    return { passed: true, expected: `\`${b.run}\` as required`, found: `exit ${r.status}` };
  },
};
