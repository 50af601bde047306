/** The empty world a bundle's clusters are built in (see build.ts): clock, seed and workstation only. */
import { World } from '../cluster/world.js';
import type { Loaded } from './loader.js';
import type { Scenario } from './types.js';

export function createWorld(scenarios: readonly Loaded<Scenario>[], opts: { seed?: number } = {}): World {
  const first = scenarios[0]!.doc.spec;
  return new World({ seed: opts.seed ?? first.seed ?? 1, start: first.startTime, workstationName: first.workstation?.hostname });
}
