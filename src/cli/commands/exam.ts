/**
 * `kubedrill exam EXAM|SCENARIO`: a timed exam in the full-screen terminal UI. The countdown
 * starts from the bundle's duration; at zero the exam is graded. Also the shared start-up of
 * the TUI commands (practice, resume): they need a terminal, and point to `kubedrill run`
 * when there is none.
 */
import { parseArgs, opt, UsageError } from '../args.js';
import { openBundle } from '../catalog.js';
import type { CliIO } from '../io.js';
import { UnknownBundleError, type Bundle } from '../../scenario/bundle.js';
import type { SessionFile, SessionMode } from '../../session/persist.js';

export const SCREEN_OPTIONS = [
  { name: 'dir', value: true, repeat: true },
  { name: 'seed', value: true },
];

export function needsTerminal(command: string, io: CliIO): number | undefined {
  if (io.isTTY) return undefined;
  io.stderr.write(
    `kubedrill ${command}: the exam screen needs an interactive terminal (stdin and stdout must be a TTY).\n` +
      'Without one, run command lines headless: `kubedrill run SCENARIO --script FILE`, or pipe them into `kubedrill run SCENARIO`.\n',
  );
  return 2;
}

export function loadBundle(name: string, dirs: string[], io: CliIO, command: string): Bundle | undefined {
  try {
    return openBundle({ dirs, builtin: true }, name).bundle;
  } catch (e) {
    if (!(e instanceof UnknownBundleError)) throw e;
    io.stderr.write(`kubedrill ${command}: ${e.message}\n`);
    return undefined;
  }
}

function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--seed needs a whole number, got "${text}"`);
  return Number(text);
}

/** Opens the screen for a bundle in a mode, or for a saved session. */
export async function openScreen(
  io: CliIO,
  opts: { bundle: Bundle; mode: SessionMode; dirs: string[]; seed?: number; resume?: SessionFile; marks?: Record<string, number> },
): Promise<number> {
  const { launch } = await import('../../tui/launch.js');
  return launch({ ...opts, terminal: { stdin: process.stdin, stdout: process.stdout, stderr: io.stderr } });
}

export async function screenCommand(command: 'exam' | 'practice', argv: string[], io: CliIO, fallback?: string): Promise<number> {
  const args = parseArgs(argv, SCREEN_OPTIONS);
  const name = args.positionals[0] ?? fallback;
  if (!name) throw new UsageError(`name an exam or scenario: kubedrill ${command} NAME (kubedrill list shows them)`);
  if (args.positionals.length > 1) throw new UsageError(`one exam or scenario at a time (got ${args.positionals.join(', ')})`);
  const seed = parseSeed(opt(args, 'seed'));
  const refused = needsTerminal(command, io);
  if (refused !== undefined) return refused;
  const dirs = args.options.get('dir') ?? [];
  const marks: Record<string, number> = { command: performance.now() };
  const bundle = loadBundle(name, dirs, io, command);
  if (!bundle) return 2;
  marks['catalog'] = performance.now();
  return openScreen(io, { bundle, mode: command, dirs, seed, marks });
}

export async function examCommand(argv: string[], io: CliIO): Promise<number> {
  return screenCommand('exam', argv, io);
}
