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
import type { KubectlCommand } from './command.js';

const REFUSED = /^The connection to the server (\S+) was refused/;

export function kubectlProgram(world: World): Program {
  return async (proc) => {
    const argv = proc.argv.slice(1);
    const found = findCommand(argv);
    if ('error' in found) {
      (found.code === 0 ? proc.stdout : proc.stderr).write(found.error);
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
    const kctx = new KubectlContext(world, proc, globalsOf(flags));
    try {
      return await command.run({ world, proc, kctx, flags, args: flags.args, out: proc.stdout, err: proc.stderr });
    } catch (e) {
      return reportFailure(e, command, flags, proc, world);
    }
  };
}

function globalsOf(flags: ParsedFlags): GlobalOptions {
  const s = (name: string) => flagString(flags, name) || undefined;
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
  };
}

function reportFailure(e: unknown, command: KubectlCommand, flags: ParsedFlags, proc: ProcessContext, world: World): number {
  if (e instanceof KubectlError) {
    const refused = REFUSED.exec(e.message);
    const key = command.discovery ?? command.path[0]!;
    const n = discoveryAttempts(key === 'get' && flags.args.some((a) => a.includes('/')) ? 'get-by-name' : key);
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

/** Locates the command words among argv, skipping global flags and their values. */
function findCommand(argv: readonly string[]): { command: KubectlCommand; rest: string[] } | { error: string; code: number } {
  const globals = globalFlags();
  const valued = new Set(globals.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.shorthand ? [`-${f.shorthand}`] : [])]));
  const words: number[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (!a.includes('=') && valued.has(a) && !(a === '-v' || a === '--v')) i++;
      continue;
    }
    words.push(i);
    if (words.length === 1 && !GROUPS.some((g) => g.path[0] === a || COMMANDS.some((c) => c.path.length > 1 && c.path[0] === a))) break;
  }
  if (words.length === 0) return { error: ROOT_HELP, code: 0 };
  const first = argv[words[0]!]!;
  const second = words[1] !== undefined ? argv[words[1]] : undefined;
  const two = COMMANDS.find((c) => c.path.length === 2 && c.path[0] === first && (c.path[1] === second || c.aliases?.includes(second ?? '')));
  const one = COMMANDS.find((c) => c.path.length === 1 && (c.path[0] === first || c.aliases?.includes(first)));
  const chosen = two ?? one;
  if (!chosen) {
    const group = GROUPS.find((g) => g.path[0] === first);
    if (group) return { error: groupHelp(group.path[0]!, second), code: second ? 1 : 0 };
    const suggestions = suggestCommands(first);
    const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}\n` : '\n';
    return { error: `error: unknown command "${first}" for "kubectl"${hint}`, code: 1 };
  }
  const used = new Set(chosen === two ? [words[0], words[1]] : [words[0]]);
  return { command: chosen, rest: argv.filter((_, i) => !used.has(i)) };
}

function groupHelp(group: string, sub?: string): string {
  const g = GROUPS.find((x) => x.path[0] === group)!;
  if (sub) return `error: unknown command "${sub}" for "kubectl ${group}"\n`;
  const subs = COMMANDS.filter((c) => c.path[0] === group && c.path.length === 2).map((c) => ({ name: c.path[1]!, short: c.help.short }));
  return renderHelp({ ...g.help, path: `kubectl ${group}`, flags: [], subcommands: [{ title: 'Available Commands:', commands: subs }], runnable: false });
}
