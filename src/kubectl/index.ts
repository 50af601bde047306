/**
 * kubectl as a program of the simulation: finds the command among the arguments (global flags
 * may come first, as in `kubectl -n kube-system get pods`), parses its flags as pflag does, and
 * runs it against the apiserver named by the kubeconfig. Every failure prints what kubectl
 * prints and exits with its status.
 */
import { ApiError } from '../api/errors.js';
import type { World } from '../cluster/world.js';
import type { Program, ProcessContext } from '../shell/types.js';
import { FlagError, flagList, flagString, formatFlagError, globalFlags, parseFlags, renderHelp, withGlobals, type ParsedFlags } from './flags/index.js';
import { KubectlContext, type GlobalOptions } from './context.js';
import { describeError, KubectlError } from './errors.js';
import { discoveryAttempts, memcacheErrorLine, memcacheLine } from './discovery-errors.js';
import { COMMANDS, GROUPS, ROOT_HELP, suggestCommands } from './verbs/index.js';
import type { CommandGroup, KubectlCommand } from './command.js';

const REFUSED = /^The connection to the server (\S+) was refused/;

export function kubectlProgram(world: World): Program {
  return async (proc) => {
    const argv = proc.argv.slice(1);
    const found = findCommand(argv);
    if ('root' in found) {
      // no command: the root command parses the global flags, and complains as pflag does
      try {
        parseFlags(argv, withGlobals([], proc.account.home), { interspersed: true });
      } catch (e) {
        if (!(e instanceof FlagError)) throw e;
        proc.stderr.write(formatFlagError(e, 'kubectl'));
        return 1;
      }
      proc.stdout.write(ROOT_HELP);
      return 0;
    }
    if ('error' in found) {
      const stream = found.stream ?? (found.code === 0 ? 'stdout' : 'stderr');
      (stream === 'stdout' ? proc.stdout : proc.stderr).write(found.error);
      return found.code;
    }
    const { command, rest } = found;
    const commandPath = `kubectl ${command.path.join(' ')}`;
    let flags: ParsedFlags;
    try {
      flags = parseFlags(rest, withGlobals(command.flags, proc.account.home), { interspersed: !command.noInterspersed });
    } catch (e) {
      if (e instanceof FlagError) {
        proc.stderr.write(formatFlagError(e, commandPath));
        return 1;
      }
      throw e;
    }
    for (const w of flags.warnings) proc.stderr.write(w + '\n');
    if (flags.help) {
      proc.stdout.write(renderHelp({ ...command.help, path: commandPath, flags: command.flags }));
      return 0;
    }
    const kctx = new KubectlContext(world, proc, globalsOf(flags, command));
    try {
      return await command.run({ world, proc, kctx, flags, args: flags.args, out: proc.stdout, err: proc.stderr });
    } catch (e) {
      return reportFailure(e, command, flags, proc, world);
    }
  };
}

function globalsOf(flags: ParsedFlags, command: KubectlCommand): GlobalOptions {
  // A command's own flag shadows the global one of the same name (create rolebinding --user).
  const own = new Set(command.flags.map((f) => f.name));
  const s = (name: string) => (own.has(name) ? undefined : flagString(flags, name) || undefined);
  return {
    kubeconfig: s('kubeconfig'),
    context: s('context'),
    cluster: s('cluster'),
    user: s('user'),
    namespace: s('namespace'),
    server: s('server'),
    token: s('token'),
    as: s('as'),
    asGroups: flagList(flags, 'as-group'),
    requestTimeout: s('request-timeout'),
  };
}

function reportFailure(e: unknown, command: KubectlCommand, flags: ParsedFlags, proc: ProcessContext, world: World): number {
  if (e instanceof KubectlError) {
    const refused = REFUSED.exec(e.message);
    const key = command.discovery ?? command.path[0]!;
    const variant = key === 'get' && flagString(flags, 'raw') ? 'get-raw' : key === 'get' && flags.args.some((a) => a.includes('/')) ? 'get-by-name' : key;
    const n = discoveryAttempts(variant);
    const pid = 4000 + (proc.argv.length % 997);
    if (refused) {
      for (let i = 0; i < n; i++) proc.stderr.write(memcacheLine(world.clock.now(), pid, refused[1]!) + '\n');
    }
    let message = e.message;
    if (e.discovery && n > 0) {
      for (let i = 0; i < n; i++) proc.stderr.write(memcacheErrorLine(world.clock.now(), pid, e.discovery.err) + '\n');
      message = e.discovery.error;
    }
    proc.stderr.write(message.endsWith('\n') ? message : message + '\n');
    return e.exitCode;
  }
  if (e instanceof ApiError) {
    proc.stderr.write(describeError(e) + '\n');
    return 1;
  }
  throw e;
}

/** A command or group named by the words typed so far. */
type Node = { kind: 'command'; command: KubectlCommand } | { kind: 'group'; group: CommandGroup };

function nodesAt(depth: number): { path: string[]; aliases?: string[]; node: Node }[] {
  return [
    ...COMMANDS.filter((c) => c.path.length === depth).map((c) => ({ path: c.path, aliases: c.aliases ?? c.help.aliases, node: { kind: 'command', command: c } as Node })),
    ...GROUPS.filter((g) => g.path.length === depth).map((g) => ({ path: g.path, aliases: g.aliases, node: { kind: 'group', group: g } as Node })),
  ];
}

/** The deepest command or group the words name (aliases allowed at every level), and how many words it took. */
function resolveWords(words: string[]): { node: Node; used: number } | undefined {
  let found: { node: Node; used: number } | undefined;
  const canonical: string[] = [];
  for (let depth = 1; depth <= words.length; depth++) {
    const w = words[depth - 1]!;
    const matches = nodesAt(depth).filter((n) => n.path.slice(0, -1).every((p, i) => p === canonical[i]) && (n.path[depth - 1] === w || n.aliases?.includes(w)));
    // a runnable command wins over a group of the same name (create is both)
    const m = matches.find((x) => x.node.kind === 'command') ?? matches[0];
    if (!m) break;
    canonical.push(m.path[depth - 1]!);
    found = { node: m.node, used: depth };
  }
  return found;
}

/** True when some command or group lives below this path (so the next word may name it). */
function hasChildren(path: string[]): boolean {
  return [...COMMANDS, ...GROUPS].some((c) => c.path.length > path.length && path.every((p, i) => c.path[i] === p));
}

/** Locates the command words among argv, skipping global flags and their values. */
function findCommand(argv: readonly string[]): { command: KubectlCommand; rest: string[] } | { root: true } | { error: string; code: number; stream?: 'stdout' | 'stderr' } {
  const globals = globalFlags();
  const valued = new Set(globals.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.shorthand ? [`-${f.shorthand}`] : [])]));
  const indices: number[] = [];
  for (let i = 0; i < argv.length && indices.length < 3; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (!a.includes('=') && valued.has(a) && !(a === '-v' || a === '--v')) i++;
      continue;
    }
    indices.push(i);
    const sofar = resolveWords(indices.map((j) => argv[j]!));
    if (!sofar || sofar.used < indices.length) break;
    const path = sofar.node.kind === 'command' ? sofar.node.command.path : sofar.node.group.path;
    if (!hasChildren(path)) break;
  }
  if (indices.length === 0) return { root: true };
  const words = indices.map((j) => argv[j]!);
  const resolved = resolveWords(words);
  if (!resolved) {
    const first = words[0]!;
    const suggestions = suggestCommands(first);
    const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}\n` : '\n';
    return { error: `error: unknown command "${first}" for "kubectl"${hint}`, code: 1 };
  }
  if (resolved.node.kind === 'group') {
    const g = resolved.node.group;
    const next = words[resolved.used];
    if (argv.includes('--help') || argv.includes('-h')) return { error: groupHelp(g), code: 0, stream: 'stdout' };
    if (next !== undefined && !g.helpOnUnknown) return { error: `error: unknown command "${next}"\nSee 'kubectl ${g.path.join(' ')} -h' for help and examples\n`, code: 1 };
    return { error: groupHelp(g), code: g.bare.code, stream: g.bare.stream };
  }
  const used = new Set(indices.slice(0, resolved.used));
  return { command: resolved.node.command, rest: argv.filter((_, i) => !used.has(i)) };
}

/** The help a group prints when run without a subcommand. */
function groupHelp(g: CommandGroup): string {
  const subs = [...COMMANDS, ...GROUPS]
    .filter((c) => c.path.length === g.path.length + 1 && g.path.every((p, i) => c.path[i] === p))
    .map((c) => ({ name: c.path[c.path.length - 1]!, short: c.help.short }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return renderHelp({ ...g.help, path: `kubectl ${g.path.join(' ')}`, flags: [], subcommands: [{ title: 'Available Commands:', commands: subs }] });
}
