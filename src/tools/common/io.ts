/**
 * What most tools share: reading an operand (`-` is stdin), strerror texts, the current instant,
 * GNU's "Try '... --help'" epilogue, and line splitting that remembers a missing final newline.
 */
import type { ProcessContext } from '../../shell/types.js';
import { VfsError } from '../../vfs/fs.js';
import { COREUTILS_DOCS, type ToolDoc } from './docs.js';
import { getopt, type OptDef, type ParsedOpt, type GetoptConfig } from './getopt.js';
import { coreutilsVersion } from './version.js';

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** An abridged --help page: GNU's usage lines and summary, then where the manual lives. */
function helpText(name: string, doc: ToolDoc): string {
  return (
    `${doc.usage}\n${doc.summary}\n\n` +
    'GNU coreutils online help: <https://www.gnu.org/software/coreutils/>\n' +
    `Full documentation <https://www.gnu.org/software/coreutils/${name}>\n` +
    `or available locally via: info '(coreutils) ${name} invocation'\n`
  );
}

/** The strerror text for a failed filesystem call. */
export function reasonOf(e: unknown): string {
  if (e instanceof VfsError) return e.reason;
  return e instanceof Error ? e.message : String(e);
}

/** The program name as invoked, which GNU tools print in every message. */
export function progName(ctx: ProcessContext): string {
  return ctx.argv[0] ?? 'sh';
}

/** The virtual now; bare test hosts without a clock sit at the scenario epoch. */
export function nowMs(ctx: ProcessContext): number {
  return ctx.host.clock?.now() ?? Date.UTC(2026, 0, 1);
}

export type ReadResult = { ok: true; text: string } | { ok: false; error: unknown };

/** Reads an operand: `-` is stdin, anything else a file resolved against cwd. */
export function readOperand(ctx: ProcessContext, name: string): ReadResult {
  if (name === '-') return { ok: true, text: ctx.stdin };
  try {
    return { ok: true, text: ctx.host.fs.readFile(ctx.resolve(name), ctx.cred) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Writes `prog: <message>\nTry 'prog --help' for more information.\n` and returns `code`. */
export function usageError(ctx: ProcessContext, message: string | undefined, code = 1): number {
  const prog = progName(ctx);
  if (message !== undefined) ctx.stderr.write(message.endsWith('\n') ? message : `${prog}: ${message}\n`);
  ctx.stderr.write(`Try '${prog} --help' for more information.\n`);
  return code;
}

/** Parses the command line; on a getopt error prints GNU's message and returns the exit code. */
export function parseArgs(
  ctx: ProcessContext,
  defs: readonly OptDef[],
  errorCode = 1,
  config: GetoptConfig & { usageLine?: string } = {},
): { opts: ParsedOpt[]; operands: string[] } | number {
  const r = getopt(progName(ctx), ctx.argv.slice(1), defs, config);
  if (r.ok) {
    const doc = COREUTILS_DOCS[baseName(progName(ctx))];
    const asked = r.opts.find((o) => o.key === 'help' || o.key === 'version');
    if (doc && asked) {
      ctx.stdout.write(asked.key === 'help' ? helpText(baseName(progName(ctx)), doc) : coreutilsVersion(baseName(progName(ctx)), doc.authors));
      return 0;
    }
    return { opts: r.opts, operands: r.operands };
  }
  ctx.stderr.write(r.message);
  if (config.usageLine) ctx.stderr.write(config.usageLine);
  return usageError(ctx, undefined, errorCode);
}

/** Lines of a text without their newlines; `terminated` is false when the last one lacks one. */
export function splitLines(text: string): { lines: string[]; terminated: boolean } {
  if (text === '') return { lines: [], terminated: true };
  const terminated = text.endsWith('\n');
  const lines = (terminated ? text.slice(0, -1) : text).split('\n');
  return { lines, terminated };
}

/** Joins lines back, each with a newline except possibly the last. */
export function joinLines(lines: readonly string[], terminated = true): string {
  if (lines.length === 0) return '';
  return lines.join('\n') + (terminated ? '\n' : '');
}

export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** A user-facing error for a file operand, as `prog: name: reason`. */
export function fileError(ctx: ProcessContext, shownName: string, e: unknown): void {
  ctx.stderr.write(`${progName(ctx)}: ${shownName}: ${reasonOf(e)}\n`);
}

/** The same process with another argv (egrep runs `grep -E`, less runs cat). */
export function withArgv(ctx: ProcessContext, argv: readonly string[]): ProcessContext {
  return Object.create(ctx, { argv: { value: argv, enumerable: true } }) as ProcessContext;
}

/**
 * For programs that parse their own arguments (echo, yes, sleep, whoami): `--help` or
 * `--version` as the only argument prints the page and returns 0; otherwise undefined.
 */
export function helpOrVersion(ctx: ProcessContext): number | undefined {
  const args = ctx.argv.slice(1);
  const name = baseName(progName(ctx));
  const doc = COREUTILS_DOCS[name];
  if (!doc || args.length !== 1 || (args[0] !== '--help' && args[0] !== '--version')) return undefined;
  ctx.stdout.write(args[0] === '--help' ? helpText(name, doc) : coreutilsVersion(name, doc.authors));
  return 0;
}
