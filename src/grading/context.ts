/**
 * What a check may read at grading time: the clusters (as cluster-admin, through the same API
 * server the candidate used), the hosts' files, and a way to run a command in the simulation.
 * Grading never reads the candidate's screen or keystrokes.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { World } from '../cluster/world.js';
import type { Machine } from '../node/machine.js';

export interface CommandResult {
  stdout: string;
  stderr: string;
  status: number;
}

export interface GradingContext {
  world: World;
  clusters: ReadonlyMap<string, Cluster>;
  /** The named cluster, or the only one when the name is omitted. */
  cluster(name?: string): Cluster;
  host(name: string): Machine | undefined;
  /** Runs a command line on a host as a user (root by default), when a shell is available. */
  run?(host: string, user: string, line: string): Promise<CommandResult>;
}

export class CheckSetupError extends Error {}

export function makeContext(world: World, clusters: ReadonlyMap<string, Cluster>, run?: GradingContext['run']): GradingContext {
  return {
    world,
    clusters,
    run,
    cluster(name?: string): Cluster {
      if (name) {
        const c = clusters.get(name);
        if (!c) throw new CheckSetupError(`unknown cluster "${name}"`);
        return c;
      }
      if (clusters.size !== 1) throw new CheckSetupError('the scenario has several clusters: the check must name one');
      return [...clusters.values()][0]!;
    },
    host(name: string): Machine | undefined {
      return world.machines().find((m) => m.hostname === name);
    },
  };
}
