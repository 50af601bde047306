/**
 * Building the world a session runs in from one or more scenarios: boot every cluster, create
 * the initial objects and files, let the workload come up, then inject the breakages and let
 * the cluster react. Clusters of the same name in several scenarios (an exam) are one cluster.
 */
import type { World } from '../cluster/world.js';
import { createWorld } from './create-world.js';
import { bootClusterSteps, createIgnoringExisting, type BootHooks } from '../cluster/boot.js';
import { defaultClusterSpec, type ClusterSpec, type NodeSpec } from '../cluster/spec.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Machine } from '../node/machine.js';
import { ApiError } from '../api/errors.js';
import { applyBreakage, BreakageError, type BreakageContext } from './breakages.js';
import { SourceError, type PathSegment } from './source.js';
import type { Loaded } from './loader.js';
import type { ClusterDecl, FileDecl, Scenario } from './types.js';

export interface BuildOptions {
  seed?: number;
  hooks?: BootHooks;
  reissueCertificate?: BreakageContext['reissueCertificate'];
  /** Skip breakages (to see the healthy baseline). */
  healthy?: boolean;
  /** Validation only: apply everything but let no simulated time pass around the breakages. */
  noSettle?: boolean;
}

export interface BuiltWorld {
  world: World;
  clusters: Map<string, Cluster>;
  /** kubeconfig context name -> cluster. */
  contexts: Map<string, Cluster>;
}

/** Seconds the initial workload gets to come up before breakages, and the cluster after them. */
export const SETTLE_BEFORE_BREAKAGES = 60;
export const SETTLE_AFTER_BREAKAGES = 60;

interface Placed<T> {
  scenario: Loaded<Scenario>;
  path: PathSegment[];
  value: T;
}

export function buildWorld(scenarios: readonly Loaded<Scenario>[], opts: BuildOptions = {}): BuiltWorld {
  const steps = buildSteps(createWorld(scenarios, opts), scenarios, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Builds the clusters into `world` in steps (each cluster's boot, the objects, each settle), so
 * that a screen can draw between them; buildWorld runs them back to back. Yields the name of the
 * step just done; returns the built world.
 */
export function* buildSteps(world: World, scenarios: readonly Loaded<Scenario>[], opts: BuildOptions = {}): Generator<string, BuiltWorld> {
  const decls = mergeClusters(scenarios);
  const clusters = new Map<string, Cluster>();
  const contexts = new Map<string, Cluster>();
  for (const { value: decl } of decls) {
    const cluster = yield* bootClusterSteps(world, toSpec(decl), opts.hooks);
    clusters.set(decl.name, cluster);
    contexts.set(decl.context ?? decl.name, cluster);
    yield `boot ${decl.name}`;
  }
  // Every scenario's objects, also for a cluster another scenario of the bundle declared first.
  for (const s of scenarios) s.doc.spec.clusters.forEach((decl, ci) => createObjects(s, ['spec', 'clusters', ci], decl, clusters.get(decl.name)!));
  yield 'objects';
  world.loop.advance(opts.noSettle ? 0 : SETTLE_BEFORE_BREAKAGES);
  yield 'settle';
  for (const s of scenarios) {
    (s.doc.spec.workstation?.files ?? []).forEach((f, i) => writeFile(world, clusters, f, s, ['spec', 'workstation', 'files', i]));
    s.doc.spec.clusters.forEach((c, ci) => (c.files ?? []).forEach((f, fi) => writeFile(world, clusters, f, s, ['spec', 'clusters', ci, 'files', fi])));
  }
  if (!opts.healthy) {
    for (const s of scenarios) {
      s.doc.spec.clusters.forEach((c, ci) => {
        (c.breakages ?? []).forEach((b, bi) => {
          const ctx: BreakageContext = { world, cluster: clusters.get(c.name)!, clusters, reissueCertificate: opts.reissueCertificate };
          try {
            applyBreakage(b, ctx);
          } catch (e) {
            if (e instanceof BreakageError) {
              const kind = Object.keys(b)[0]!;
              const at: PathSegment[] = ['spec', 'clusters', ci, 'breakages', bi, kind];
              throw s.source.error(e.field ? [...at, e.field] : at, `breakage ${bi + 1} (${kind}): ${e.message}`);
            }
            throw e;
          }
        });
      });
    }
    yield 'breakages';
    world.loop.advance(opts.noSettle ? 0 : SETTLE_AFTER_BREAKAGES);
  }
  return { world, clusters, contexts };
}

/** One declaration per cluster name; the first scenario's settings win, objects and faults add up. */
function mergeClusters(scenarios: readonly Loaded<Scenario>[]): Placed<ClusterDecl>[] {
  const byName = new Map<string, Placed<ClusterDecl>>();
  for (const s of scenarios) {
    s.doc.spec.clusters.forEach((c, ci) => {
      const existing = byName.get(c.name);
      if (!existing) {
        byName.set(c.name, { scenario: s, path: ['spec', 'clusters', ci], value: { ...c } });
        return;
      }
      const a = existing.value;
      if ((a.version ?? '') !== (c.version ?? '') || JSON.stringify(a.nodes ?? null) !== JSON.stringify(c.nodes ?? null) || (a.cni ?? '') !== (c.cni ?? '')) {
        throw s.source.error(['spec', 'clusters', ci], `cluster "${c.name}" is also declared by scenario "${existing.scenario.doc.metadata.name}" with different nodes, version or CNI`);
      }
    });
  }
  return [...byName.values()];
}

function memoryMi(text?: string): number | undefined {
  if (!text) return undefined;
  const m = /^(\d+)(Mi|Gi)$/.exec(text);
  return m ? Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1) : undefined;
}

function toSpec(d: ClusterDecl): ClusterSpec {
  const nodes: NodeSpec[] | undefined = d.nodes?.map((n) => ({ name: n.name, role: n.role ?? 'worker', cpu: n.cpu, memoryMi: memoryMi(n.memory), maxPods: n.maxPods, labels: n.labels }));
  return defaultClusterSpec({
    name: d.name,
    context: d.context ?? d.name,
    ...(d.version ? { version: d.version } : {}),
    ...(d.cni ? { cni: d.cni } : {}),
    ...(d.podCidr ? { podCidr: d.podCidr } : {}),
    ...(d.serviceCidr ? { serviceCidr: d.serviceCidr } : {}),
    ...(nodes ? { nodes } : {}),
  });
}

function createObjects(s: Loaded<Scenario>, path: PathSegment[], decl: ClusterDecl, cluster: Cluster): void {
  const admin = cluster.admin();
  (decl.objects ?? []).forEach((obj, i) => {
    try {
      createIgnoringExisting(admin, obj);
    } catch (e) {
      if (e instanceof ApiError || e instanceof Error) throw s.source.error([...path, 'objects', i], `object ${i + 1} (${obj.kind} ${obj.metadata?.name ?? ''}): ${e.message}`);
      throw e;
    }
  });
}

function hostNamed(world: World, clusters: Map<string, Cluster>, name: string): Machine | undefined {
  if (world.workstation.hostname === name) return world.workstation;
  for (const c of clusters.values()) {
    const n = c.nodes.get(name);
    if (n) return n;
  }
  return undefined;
}

function writeFile(world: World, clusters: Map<string, Cluster>, f: FileDecl, s: Loaded<Scenario>, path: PathSegment[]): void {
  const host = hostNamed(world, clusters, f.host);
  if (!host) throw s.source.error([...path, 'host'], `unknown host "${f.host}"`);
  const owner = f.owner ? host.account(f.owner) : undefined;
  if (f.owner && !owner) throw s.source.error([...path, 'owner'], `no account "${f.owner}" on ${f.host}`);
  const mode = f.mode ? parseInt(f.mode, 8) : undefined;
  if (f.directory) host.fs.mkdir(f.path, { recursive: true, mode, uid: owner?.uid, gid: owner?.gid });
  else {
    host.fs.writeFile(f.path, f.content ?? '', { parents: true, mode, uid: owner?.uid, gid: owner?.gid });
    if (owner) host.fs.chown(f.path, owner.uid, owner.gid);
  }
}

export { SourceError, createWorld };
