/**
 * Streams of the interpreter. Pipes are buffered (DESIGN: each stage's stdout becomes the next
 * stage's stdin string), so stdin is a string with a read cursor: `read` consumes one line at a
 * time across loop iterations, while a program sees everything not yet consumed.
 */
import type { Sink } from '../types.js';

export class Input {
  private pos = 0;
  constructor(private readonly text: string) {}

  /** What is left to read (programs get this as their stdin). */
  rest(): string {
    return this.pos === 0 ? this.text : this.text.slice(this.pos);
  }

  /** One line without its newline, or undefined at end of input; `complete` is false when the last line had no newline. */
  readLine(): { line: string; complete: boolean } | undefined {
    if (this.pos >= this.text.length) return undefined;
    const nl = this.text.indexOf('\n', this.pos);
    if (nl < 0) {
      const line = this.text.slice(this.pos);
      this.pos = this.text.length;
      return { line, complete: false };
    }
    const line = this.text.slice(this.pos, nl);
    this.pos = nl + 1;
    return { line, complete: true };
  }

  /** Consumes and returns the next `n` characters (fewer at end of input). */
  take(n: number): string {
    const out = this.text.slice(this.pos, this.pos + n);
    this.pos += out.length;
    return out;
  }

  readAll(): string {
    const out = this.rest();
    this.pos = this.text.length;
    return out;
  }
}

/** Discards everything (/dev/null, closed descriptors). */
export class NullSink implements Sink {
  write(): void {}
}

/** The descriptors a command runs with. */
export interface Io {
  readonly stdin: Input;
  readonly stdout: Sink;
  readonly stderr: Sink;
  /** Descriptors above 2 opened by redirections (`3>file`), rarely used. */
  readonly extra?: ReadonlyMap<number, Sink>;
}
