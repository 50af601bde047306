/**
 * Control flow that crosses several interpreter frames is carried by exceptions: `exit` unwinds to
 * the nearest shell process (subshell, $(...), script, login frame), `break`/`continue` to the
 * nearest loop, `return` to the function or sourced file. A failed expansion (`${x:?}`, a bad
 * substitution) aborts the current command with a status.
 */
export class ExitSignal {
  constructor(readonly status: number) {}
}

export class BreakSignal {
  constructor(public levels: number) {}
}

export class ContinueSignal {
  constructor(public levels: number) {}
}

export class ReturnSignal {
  constructor(readonly status: number) {}
}

/** Expansion or redirection failed: the message is already printed, the command does not run. */
export class CommandAbort {
  constructor(readonly status: number) {}
}

/** Ctrl-C in the TUI, or the step budget of a headless run exhausted. */
export class Interrupt {
  constructor(
    readonly status: number,
    readonly message: string,
  ) {}
}

export function isControlSignal(e: unknown): boolean {
  return (
    e instanceof ExitSignal ||
    e instanceof BreakSignal ||
    e instanceof ContinueSignal ||
    e instanceof ReturnSignal ||
    e instanceof CommandAbort ||
    e instanceof Interrupt
  );
}
