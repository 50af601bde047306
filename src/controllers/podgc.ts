/**
 * The pod garbage collector (pkg/controller/podgc), every 20 s: deletes terminated pods beyond
 * --terminated-pod-gc-threshold (oldest first), force-deletes pods bound to nodes that no longer
 * exist (after marking them Failed with DisruptionTarget, as v1.33 does), pods on out-of-service
 * nodes that are shutting down, and terminating pods that were never scheduled.
 */
import type { ReconcileResult, Reconciler } from '../cluster/runloop.js';
import { ApiError } from '../api/errors.js';
import { clone } from '../api/types.js';
import { parseTime } from '../util/clock.js';
import type { ControllerContext } from './context.js';
import { isPodTerminal } from './util/pods.js';
import type { Node, Pod } from './util/types.js';
import { Wakeups } from './util/wakeups.js';

const GC_PERIOD = 20;
/** A node must be missing this long before its pods count as orphaned (quarantineTime). */
const QUARANTINE_MS = 40_000;
const KEY = 'gc';

export class PodGarbageCollector implements Reconciler {
  readonly name = 'pod-garbage-collector-controller';
  private readonly wake: Wakeups;
  /** Nodes first seen missing, by name: when. */
  private missingSince = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
  }

  private get client() {
    return this.ctx.clientAs('pod-garbage-collector');
  }

  resyncKeys(): Iterable<string> {
    this.missingSince = new Map();
    this.wake.clear();
    return [KEY];
  }

  reconcile(): ReconcileResult | void {
    const pods = this.ctx.store.list('pods') as Pod[];
    const nodes = new Map((this.ctx.store.list('nodes') as Node[]).map((n) => [n.metadata.name, n]));
    this.gcTerminated(pods);
    this.gcOrphaned(pods, nodes);
    this.gcUnscheduledTerminating(pods);
    this.gcOutOfService(pods, nodes);
    return this.wake.after(KEY, GC_PERIOD);
  }

  private gcTerminated(pods: Pod[]): void {
    const threshold = this.ctx.settings.terminatedPodGcThreshold;
    if (threshold <= 0) return;
    const terminated = pods.filter((p) => isPodTerminal(p) && !p.metadata.deletionTimestamp);
    const excess = terminated.length - threshold;
    if (excess <= 0) return;
    terminated.sort((a, b) => (parseTime(a.metadata.creationTimestamp ?? undefined) ?? 0) - (parseTime(b.metadata.creationTimestamp ?? undefined) ?? 0) || a.metadata.name.localeCompare(b.metadata.name));
    for (const p of terminated.slice(0, excess)) this.forceDelete(p, false);
  }

  private gcOrphaned(pods: Pod[], nodes: Map<string, Node>): void {
    const now = this.ctx.now();
    for (const name of [...this.missingSince.keys()]) if (nodes.has(name)) this.missingSince.delete(name);
    for (const p of pods) {
      const node = p.spec?.nodeName;
      if (!node || nodes.has(node)) continue;
      const since = this.missingSince.get(node);
      if (since === undefined) {
        this.missingSince.set(node, now);
        continue;
      }
      if (now - since < QUARANTINE_MS) continue;
      this.forceDelete(p, true, 'DeletionByPodGC', 'PodGC: node no longer exists');
    }
  }

  private gcUnscheduledTerminating(pods: Pod[]): void {
    for (const p of pods) if (p.metadata.deletionTimestamp && !p.spec?.nodeName) this.forceDelete(p, false);
  }

  private gcOutOfService(pods: Pod[], nodes: Map<string, Node>): void {
    for (const p of pods) {
      if (!p.metadata.deletionTimestamp || !p.spec?.nodeName) continue;
      const node = nodes.get(p.spec.nodeName);
      const ready = node?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
      const outOfService = node?.spec?.taints?.some((t) => t.key === 'node.kubernetes.io/out-of-service' && t.effect === 'NoExecute');
      if (node && ready !== 'True' && outOfService) this.forceDelete(p, true, 'DeletionByPodGC', 'PodGC: node is out-of-service');
    }
  }

  /** Marks a running pod Failed with DisruptionTarget when asked, then deletes it with grace 0. */
  private forceDelete(p: Pod, markFailed: boolean, reason?: string, message?: string): void {
    const ns = p.metadata.namespace ?? '';
    try {
      if (markFailed && !isPodTerminal(p)) {
        const conditions = clone(p.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
        conditions.push({ type: 'DisruptionTarget', status: 'True', reason, message, lastTransitionTime: this.ctx.clock.iso() } as never);
        this.client.updateStatus('pods', { ...clone(p), status: { ...(p.status ?? {}), phase: 'Failed', conditions } });
      }
      this.client.delete('pods', ns, p.metadata.name, { gracePeriodSeconds: 0 });
    } catch (e) {
      if (!(e instanceof ApiError && (e.code === 404 || e.code === 409))) throw e;
    }
  }
}
