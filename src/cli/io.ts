/** The CLI's streams, injected so commands run the same in tests as in a terminal. */
export interface CliIO {
  stdout: { write(s: string): void };
  stderr: { write(s: string): void };
  /** Reads all of stdin (for `kubedrill run` without --script or -c). */
  readStdin(): Promise<string>;
  isTTY: boolean;
}

export type Command = (argv: string[], io: CliIO) => Promise<number>;
