/** exit and logout; break, continue, return, shift. */
import type { Builtin, BuiltinContext } from '../interpreter/runtime.js';
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal } from '../interpreter/signals.js';

function statusArgument(ctx: BuiltinContext): number | undefined {
  const arg = ctx.args[0];
  if (arg === undefined) return ctx.shell.lastStatus;
  if (!/^[-+]?[0-9]+$/.test(arg)) {
    ctx.error(`${arg}: numeric argument required`);
    return 2;
  }
  return Number(BigInt.asUintN(8, BigInt(arg)));
}

export const exit: Builtin = {
  run(ctx) {
    if (ctx.args.length > 1 && /^[-+]?[0-9]+$/.test(ctx.args[0]!)) {
      ctx.error('too many arguments');
      return 1;
    }
    throw new ExitSignal(statusArgument(ctx) ?? 0);
  },
};

export const logout: Builtin = {
  run(ctx) {
    if (!ctx.shell.login) {
      ctx.error("not login shell: use `exit'");
      return 1;
    }
    throw new ExitSignal(statusArgument(ctx) ?? 0);
  },
};

function loopCount(ctx: BuiltinContext): number | undefined {
  const arg = ctx.args[0];
  if (arg === undefined) return 1;
  if (!/^[0-9]+$/.test(arg)) {
    ctx.error(`${arg}: numeric argument required`);
    return undefined;
  }
  if (Number(arg) < 1) {
    ctx.error(`${arg}: loop count out of range`);
    return undefined;
  }
  return Number(arg);
}

function loopControl(Signal: typeof BreakSignal | typeof ContinueSignal): Builtin {
  return {
    run(ctx) {
      const loops = ctx.exec.loops ?? 0;
      if (loops === 0) {
        ctx.error("only meaningful in a `for', `while', or `until' loop");
        return 0;
      }
      const n = loopCount(ctx);
      if (n === undefined) return 1;
      throw new Signal(Math.min(n, loops));
    },
  };
}

export const breakBuiltin = loopControl(BreakSignal);
export const continueBuiltin = loopControl(ContinueSignal);

export const returnBuiltin: Builtin = {
  run(ctx) {
    throw new ReturnSignal(statusArgument(ctx) ?? 0);
  },
};

export const shift: Builtin = {
  run(ctx) {
    const n = ctx.args[0] === undefined ? 1 : Number(ctx.args[0]);
    if (!Number.isInteger(n) || n < 0) {
      ctx.error(`${ctx.args[0]}: numeric argument required`);
      return 1;
    }
    if (n > ctx.shell.positional.length) return 1;
    ctx.shell.positional = ctx.shell.positional.slice(n);
    return 0;
  },
};
