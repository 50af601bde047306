/**
 * `kubectl <verb> --help` from help-as-data, laid out as kubectl's templates do
 * (pkg/util/templates): the description, Examples: indented two spaces, subcommand groups,
 * Options: one flag per paragraph sorted by name (`    -o, --output='':` then the usage on a
 * tab-indented line), Usage:, and the global-options footer. Lines are not wrapped: kubectl
 * wraps only when writing to a terminal.
 */

import type { FlagSpec, FlagTable } from './types.js';
import { defaultText } from './values.js';

export interface CommandHelp {
  /** "kubectl scale", "kubectl create deployment". */
  path: string;
  /** The long description as kubectl prints it (after its markdown normalisation). */
  long?: string;
  short: string;
  /** Examples, one per line without the two-space indent (blank lines separate them). */
  examples?: string;
  /** cobra's Use line after the command path: "[--replicas=COUNT] (-f FILENAME | TYPE NAME)". */
  use: string;
  aliases?: string[];
  /** The command's own flags (globals are not listed; the footer points at `kubectl options`). */
  flags: FlagTable;
  /** Subcommands, in groups ("Available Commands:" for a plain list). */
  subcommands?: { title: string; commands: { name: string; short: string }[] }[];
  /** cobra appends "[flags]" to the usage line (commands that do not set DisableFlagsInUseLine). */
  flagsInUse?: boolean;
  /** false for a command that only groups others (no Usage: section, no options footer). */
  runnable?: boolean;
}

/** One flag as HelpFlagPrinter writes it. */
export function flagUsage(flag: FlagSpec): string {
  const quoted = flag.type === 'string';
  const def = quoted ? `'${defaultText(flag)}'` : defaultText(flag);
  const deprecated = flag.deprecated ? ` (DEPRECATED: ${flag.deprecated})` : '';
  const head = flag.shorthand ? `    -${flag.shorthand}, --${flag.name}=${def}:` : `    --${flag.name}=${def}:`;
  const usage = (flag.usage + deprecated).split('\n').join(' ');
  return `${head}\n\t${usage}\n\n`;
}

/** Options text for a set of flags, sorted by name, hidden ones left out. */
export function flagsUsages(flags: FlagTable): string {
  return [...flags]
    .filter((f) => !f.hidden && f.name !== 'help')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(flagUsage)
    .join('');
}

function indentExamples(examples: string): string {
  return examples
    .trim()
    .split('\n')
    .map((line) => '  ' + line.trim())
    .join('\n');
}

/** The whole help text, ending with a newline. */
export function renderHelp(h: CommandHelp): string {
  const runnable = h.runnable ?? true;
  let out = (h.long ?? h.short).trim();
  let usage = '\n\n';
  if (h.aliases && h.aliases.length > 0) {
    const name = h.path.split(' ').pop()!;
    usage += `Aliases:\n${[name, ...h.aliases].join(', ')}\n\n`;
  }
  if (h.examples) usage += `Examples:\n${indentExamples(h.examples).replace(/\s+$/, '')}\n\n`;
  if (h.subcommands && h.subcommands.length > 0) {
    const width = Math.max(...h.subcommands.flatMap((g) => g.commands.map((c) => c.name.length)), 11);
    usage +=
      h.subcommands.map((g) => [g.title, ...g.commands.map((c) => `  ${c.name.padEnd(width)}   ${c.short}`)].join('\n')).join('\n\n') + '\n\n';
  }
  const visible = h.flags.filter((f) => !f.hidden && f.name !== 'help');
  if (visible.length > 0) usage += `Options:\n${flagsUsages(visible).replace(/\s+$/, '')}\n\n`;
  if (runnable) {
    const line = `${h.path} ${h.use}`.trim() + (h.flagsInUse && !h.use.includes('[flags]') ? ' [flags]' : '');
    usage += `Usage:\n  ${line.includes('[options]') ? line : line + ' [options]'}\n\n`;
  }
  if (h.subcommands && h.subcommands.length > 0) usage += `Use "${h.path} <command> --help" for more information about a given command.\n`;
  if (runnable) usage += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  out += usage.replace(/\s+$/, '');
  return out + '\n';
}

/** `kubectl options`: the global flags. */
export function renderOptions(globals: FlagTable): string {
  return `The following options can be passed to any command:\n\n${flagsUsages(globals)}`;
}
