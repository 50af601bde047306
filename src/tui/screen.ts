/**
 * The real terminal around ink: the alternate screen (full-screen apps leave the user's
 * scrollback alone), the cursor, and putting both back whatever happens, including an uncaught
 * error, so a crash never leaves the user's terminal unusable.
 */

export const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[2J\x1b[H';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
export const SHOW_CURSOR = '\x1b[?25h';
export const HIDE_CURSOR = '\x1b[?25l';

export interface Writable {
  write(s: string): unknown;
}

export class FullScreen {
  private active = false;

  constructor(private readonly out: Writable) {}

  get isActive(): boolean {
    return this.active;
  }

  enter(): void {
    this.out.write(ENTER_ALT_SCREEN + HIDE_CURSOR);
    this.active = true;
  }

  /** Back to the user's screen with a visible cursor; safe to call twice. */
  leave(): void {
    if (!this.active) return;
    this.active = false;
    this.out.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  }

  /** Around $EDITOR: the editor gets the normal screen, then ours comes back cleared. */
  suspend(): void {
    this.out.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  }

  resume(): void {
    this.out.write(ENTER_ALT_SCREEN + HIDE_CURSOR);
  }

  /**
   * Restores the terminal on process exit, on uncaught errors (printing the error after
   * leaving the alternate screen, where the user can read it) and on SIGHUP/SIGTERM, after
   * `cleanup` (e.g. saving the session). Returns the uninstaller.
   */
  guard(cleanup: () => void = () => {}): () => void {
    const restore = () => this.leave();
    const safeCleanup = () => {
      try {
        cleanup();
      } catch {
        // Restoring the terminal matters more than anything cleanup could not do.
      }
    };
    const fatal = (error: unknown) => {
      this.leave();
      safeCleanup();
      process.stderr.write(`kubedrill: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(70);
    };
    const signal = (name: NodeJS.Signals) => () => {
      this.leave();
      safeCleanup();
      process.exit(128 + (name === 'SIGHUP' ? 1 : 15));
    };
    const onHup = signal('SIGHUP');
    const onTerm = signal('SIGTERM');
    process.on('exit', restore);
    process.on('uncaughtException', fatal);
    process.on('unhandledRejection', fatal);
    process.on('SIGHUP', onHup);
    process.on('SIGTERM', onTerm);
    return () => {
      process.off('exit', restore);
      process.off('uncaughtException', fatal);
      process.off('unhandledRejection', fatal);
      process.off('SIGHUP', onHup);
      process.off('SIGTERM', onTerm);
    };
  }
}
