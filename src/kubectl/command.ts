/**
 * The shape of a kubectl command (STYLE §1): help as data, a flag table, and a run function
 * that receives everything resolved (flags, positionals, the kubeconfig context, sinks) and
 * returns an exit status. Commands never touch process streams.
 */
import type { World } from '../cluster/world.js';
import type { ProcessContext, Sink } from '../shell/types.js';
import type { CommandHelp, FlagTable, ParsedFlags } from './flags/index.js';
import type { KubectlContext } from './context.js';

export interface Invocation {
  world: World;
  proc: ProcessContext;
  kctx: KubectlContext;
  flags: ParsedFlags;
  /** Positional arguments after the command words. */
  args: string[];
  out: Sink;
  err: Sink;
}

export interface KubectlCommand {
  /** Command words: ['get'], ['create', 'deployment'], ['config', 'use-context']. */
  path: string[];
  aliases?: string[];
  help: Omit<CommandHelp, 'flags' | 'path'>;
  flags: FlagTable;
  /** Key into the discovery-failure table (defaults to the first command word). */
  discovery?: string;
  /** Parse flags after the first positional as arguments (exec, run -- cmd). */
  noInterspersed?: boolean;
  run(inv: Invocation): number | Promise<number>;
}

/** Subcommand groups (config, rollout, create secret, ...) and what they print with no subcommand. */
export interface CommandGroup {
  path: string[];
  aliases?: string[];
  help: Omit<CommandHelp, 'flags' | 'path'>;
  /**
   * Where the help goes when no subcommand is given, and the exit status: cobra's
   * DefaultSubCommandRun writes it to the stream it was given and exits 1; a plain Help() run
   * (certificate) prints to stdout and exits 0.
   */
  bare: { stream: 'stdout' | 'stderr'; code: number };
  /** An unknown subcommand word prints the help (certificate) instead of the unknown-command error. */
  helpOnUnknown?: boolean;
}
