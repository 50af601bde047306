/**
 * What a session needs to build clusters, install programs and grade: the bulk of kubedrill,
 * kept out of the modules the exam screen needs to draw its first frame. `session.ts` (what the
 * headless commands and tests import) registers it up front; the screen loads it (loadEngine)
 * once its first frame is drawn.
 */
import type { BuiltWorld, BuildOptions } from '../scenario/build.js';
import type { World } from '../cluster/world.js';
import type { Loaded } from '../scenario/loader.js';
import type { Scenario } from '../scenario/types.js';
import type { Bundle } from '../scenario/bundle.js';
import type { Report } from '../grading/grade.js';
import type { GradingContext } from '../grading/context.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Machine } from '../node/machine.js';
import type { connect, parseKubeconfig } from '../cluster/connect.js';

export interface SessionEngine {
  buildSteps(world: World, scenarios: readonly Loaded<Scenario>[], opts: BuildOptions): Generator<string, BuiltWorld>;
  /** The boot hooks and certificate re-issuer every session builds with. */
  buildOptions(healthy: boolean | undefined): BuildOptions;
  installPrograms(machine: Machine, built: BuiltWorld): void;
  makeContext(world: World, clusters: ReadonlyMap<string, Cluster>, run?: GradingContext['run']): GradingContext;
  gradeBundle(bundle: Bundle, ctx: GradingContext, passMark?: number): Promise<Report>;
  gradeDelaySeconds: number;
  /** A kubeconfig's client, as kubectl connects (the screen's completion lists names with it). */
  connect: typeof connect;
  parseKubeconfig: typeof parseKubeconfig;
}

let current: SessionEngine | undefined;

export function registerEngine(engine: SessionEngine): void {
  current = engine;
}

/** The engine; it must be loaded (session.ts imported, or loadEngine awaited). */
export function engine(): SessionEngine {
  if (!current) throw new Error('kubedrill: the session engine is not loaded (import session/session.js or await loadEngine())');
  return current;
}

export async function loadEngine(): Promise<SessionEngine> {
  if (!current) registerEngine((await import('./engine.js')).engine);
  return current!;
}
