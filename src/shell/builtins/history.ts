/** history: the session's lines numbered as bash prints them (`%5d  %s`); `-c` clears. */
import type { Builtin } from '../interpreter/runtime.js';

export const history: Builtin = {
  run(ctx) {
    const session = ctx.runtime.session;
    const args = [...ctx.args];
    if (args[0] === '-c') {
      session.clearHistory();
      return 0;
    }
    if (args[0] && /^-[warnsdp]/.test(args[0])) return 0;
    const lines = session.history();
    let first = 0;
    if (args[0] !== undefined) {
      if (!/^[0-9]+$/.test(args[0])) {
        ctx.error(`${args[0]}: numeric argument required`);
        return 1;
      }
      first = Math.max(0, lines.length - Number(args[0]));
    }
    for (let i = first; i < lines.length; i++) ctx.stdout.write(`${String(i + 1).padStart(5)}  ${lines[i]}\n`);
    return 0;
  },
};
