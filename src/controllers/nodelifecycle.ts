/**
 * The node lifecycle controller (pkg/controller/nodelifecycle). Every node-monitor-period it
 * checks each node's heartbeat (its Lease in kube-node-lease, renewed by the kubelet every 10 s,
 * or its Ready condition's heartbeat) against node-monitor-grace-period: past it, the node's
 * conditions turn Unknown ("Kubelet stopped posting node status."), its pods lose Ready, and on
 * the next pass it is tainted node.kubernetes.io/unreachable:NoExecute (not-ready when the
 * kubelet itself reports NotReady). Conditions also map to NoSchedule taints at once, and a
 * healthy node loses the NoExecute taints again. What the kubelet last reported is kept in
 * memory, so a restarted controller-manager gives every node a fresh grace period.
 */
import type { NodeCondition, Taint } from 'kubernetes-types/core/v1.js';
import type { ReconcileResult, Reconciler } from '../cluster/runloop.js';
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import type { EventRecorder } from '../api/events.js';
import { clone, type KObject } from '../api/types.js';
import { parseTime } from '../util/clock.js';
import type { ControllerContext } from './context.js';
import { deepEqual } from './util/equal.js';
import type { Lease, Node, Pod } from './util/types.js';
import { Wakeups } from './util/wakeups.js';

export const COMPONENT = 'node-controller';
export const LEASES = 'leases.coordination.k8s.io';
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const TAINT = {
  notReady: 'node.kubernetes.io/not-ready',
  unreachable: 'node.kubernetes.io/unreachable',
  memoryPressure: 'node.kubernetes.io/memory-pressure',
  diskPressure: 'node.kubernetes.io/disk-pressure',
  networkUnavailable: 'node.kubernetes.io/network-unavailable',
  pidPressure: 'node.kubernetes.io/pid-pressure',
  unschedulable: 'node.kubernetes.io/unschedulable',
} as const;

/** nodeConditionToTaintKeyStatusMap: which condition states become NoSchedule taints. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT.notReady, Unknown: TAINT.unreachable },
  MemoryPressure: { True: TAINT.memoryPressure },
  DiskPressure: { True: TAINT.diskPressure },
  NetworkUnavailable: { True: TAINT.networkUnavailable },
  PIDPressure: { True: TAINT.pidPressure },
};
const CONDITION_TAINT_KEYS = new Set<string>([TAINT.notReady, TAINT.unreachable, TAINT.memoryPressure, TAINT.diskPressure, TAINT.networkUnavailable, TAINT.pidPressure]);

interface NodeHealth {
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  ready?: NodeCondition;
  leaseRenew?: number;
}

const MONITOR = 'monitor';

/** The event reference a node gets: kind Node with its name as uid (RecordNodeStatusChange). */
export function nodeRef(name: string): KObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name } };
}

export function recordNodeEvent(recorder: EventRecorder, node: string, type: 'Normal' | 'Warning', reason: string, message: string): void {
  recorder.record(nodeRef(node), type, reason, message);
}

export class NodeLifecycleController implements Reconciler {
  readonly name = 'node-lifecycle-controller';
  readonly watches = ['nodes'];
  private readonly wake: Wakeups;
  private health = new Map<string, NodeHealth>();
  private known = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
  }

  private get client() {
    return this.ctx.clientAs('node-controller');
  }

  private get recorder() {
    return this.ctx.recorder(COMPONENT, this.client);
  }

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource !== 'nodes') return [];
    if (event.type === 'DELETED') return [MONITOR];
    return event.type === 'ADDED' ? [event.object.metadata.name, MONITOR] : [event.object.metadata.name];
  }

  resyncKeys(): Iterable<string> {
    // A restarted controller-manager knows nothing of earlier heartbeats or registrations.
    this.health = new Map();
    this.known = new Set();
    this.wake.clear();
    return [MONITOR, ...this.ctx.store.list('nodes').map((n) => n.metadata.name)];
  }

  reconcile(key: string): ReconcileResult | void {
    if (key !== MONITOR) {
      const node = this.ctx.store.get('nodes', '', key) as Node | undefined;
      if (node) this.noScheduleTaintingPass(node);
      return;
    }
    this.monitorNodeHealth();
    return this.wake.after(MONITOR, this.ctx.settings.nodeMonitorPeriodSeconds);
  }

  private monitorNodeHealth(): void {
    const nodes = this.ctx.store.list('nodes') as Node[];
    const names = new Set(nodes.map((n) => n.metadata.name));
    for (const n of nodes) {
      if (this.known.has(n.metadata.name)) continue;
      this.known.add(n.metadata.name);
      recordNodeEvent(this.recorder, n.metadata.name, 'Normal', 'RegisteredNode', `Node ${n.metadata.name} event: Registered Node ${n.metadata.name} in Controller`);
    }
    for (const name of [...this.known]) {
      if (names.has(name)) continue;
      this.known.delete(name);
      this.health.delete(name);
      recordNodeEvent(this.recorder, name, 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
    }
    for (const node of nodes) {
      const { observed, current } = this.tryUpdateNodeHealth(node);
      if (!current) continue;
      const latest = (this.ctx.store.get('nodes', '', node.metadata.name) as Node | undefined) ?? node;
      this.taintBasedEviction(latest, observed);
      if (current.status !== 'True' && observed.status === 'True') {
        recordNodeEvent(this.recorder, node.metadata.name, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
        this.markPodsNotReady(node.metadata.name);
      }
    }
  }

  /** tryUpdateNodeHealth: the Ready condition before and after this pass. */
  private tryUpdateNodeHealth(node: Node): { observed: NodeCondition; current?: NodeCondition } {
    const now = this.ctx.now();
    const s = this.ctx.settings;
    const name = node.metadata.name;
    const currentReady = node.status?.conditions?.find((c) => c.type === 'Ready');
    let grace: number;
    let observed: NodeCondition;
    let health = this.health.get(name);
    const created = parseTime(node.metadata.creationTimestamp ?? undefined) ?? now;
    if (!currentReady) {
      observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp ?? undefined, lastTransitionTime: node.metadata.creationTimestamp ?? undefined };
      grace = s.nodeStartupGracePeriodSeconds;
      if (!health) this.health.set(name, (health = { probeTimestamp: created, readyTransitionTimestamp: created }));
    } else {
      observed = clone(currentReady);
      grace = s.nodeMonitorGracePeriodSeconds;
    }
    if (!health) {
      health = { probeTimestamp: now, readyTransitionTimestamp: now, ready: currentReady };
    } else if (!health.ready && currentReady) {
      health = { probeTimestamp: now, readyTransitionTimestamp: now, ready: currentReady, leaseRenew: health.leaseRenew };
    } else if (health.ready && currentReady && health.ready.lastHeartbeatTime !== currentReady.lastHeartbeatTime) {
      const transition = health.ready.lastTransitionTime !== currentReady.lastTransitionTime ? now : health.readyTransitionTimestamp;
      health = { probeTimestamp: now, readyTransitionTimestamp: transition, ready: currentReady, leaseRenew: health.leaseRenew };
    }
    const lease = this.ctx.store.get(LEASES, NODE_LEASE_NAMESPACE, name) as Lease | undefined;
    const renew = parseTime(lease?.spec?.renewTime);
    if (renew !== undefined && (health.leaseRenew === undefined || health.leaseRenew < renew)) {
      health.leaseRenew = renew;
      health.probeTimestamp = now;
    }
    this.health.set(name, health);
    if (now <= health.probeTimestamp + grace * 1000) return { observed, current: currentReady };

    const iso = this.ctx.clock.iso();
    const conditions = clone(node.status?.conditions ?? []) as NodeCondition[];
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const c = conditions.find((x) => x.type === type);
      if (!c) {
        conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp ?? undefined, lastTransitionTime: iso });
      } else if (c.status !== 'Unknown') {
        c.status = 'Unknown';
        c.reason = 'NodeStatusUnknown';
        c.message = 'Kubelet stopped posting node status.';
        c.lastTransitionTime = iso;
      }
    }
    const ready = conditions.find((c) => c.type === 'Ready')!;
    if (deepEqual(ready, currentReady ?? observed)) return { observed, current: currentReady };
    try {
      this.client.updateStatus('nodes', { ...clone(node), status: { ...(node.status ?? {}), conditions } });
    } catch (e) {
      if (e instanceof ApiError && (e.code === 404 || e.code === 409)) return { observed, current: currentReady };
      throw e;
    }
    this.health.set(name, { ...health, readyTransitionTimestamp: now, ready });
    return { observed, current: ready };
  }

  /** processTaintBaseEviction: the NoExecute taint follows the Ready condition seen at the start of the pass. */
  private taintBasedEviction(node: Node, observed: NodeCondition): void {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    if (observed.status === 'True') {
      this.swapTaints(node, [], [
        { key: TAINT.notReady, effect: 'NoExecute' },
        { key: TAINT.unreachable, effect: 'NoExecute' },
      ]);
      return;
    }
    if (!ready) return;
    if (ready.status === 'False') this.swapTaints(node, [{ key: TAINT.notReady, effect: 'NoExecute' }], [{ key: TAINT.unreachable, effect: 'NoExecute' }]);
    else if (ready.status === 'Unknown') this.swapTaints(node, [{ key: TAINT.unreachable, effect: 'NoExecute' }], [{ key: TAINT.notReady, effect: 'NoExecute' }]);
  }

  /** doNoScheduleTaintingPass: conditions and cordoning as NoSchedule taints. */
  private noScheduleTaintingPass(node: Node): void {
    const want: Taint[] = [];
    for (const c of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) want.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable) want.push({ key: TAINT.unschedulable, effect: 'NoSchedule' });
    const have = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT.unschedulable || CONDITION_TAINT_KEYS.has(t.key)));
    const add = want.filter((w) => !have.some((h) => h.key === w.key && h.effect === w.effect));
    const del = have.filter((h) => !want.some((w) => w.key === h.key && w.effect === h.effect));
    if (add.length || del.length) this.swapTaints(node, add, del);
  }

  /** SwapNodeControllerTaint: new taints get timeAdded now; removed ones match by key and effect. */
  private swapTaints(node: Node, add: Taint[], remove: Taint[]): void {
    const latest = (this.ctx.store.get('nodes', '', node.metadata.name) as Node | undefined) ?? node;
    const taints = clone(latest.spec?.taints ?? []) as Taint[];
    let changed = false;
    for (const t of add) {
      if (taints.some((x) => x.key === t.key && x.effect === t.effect)) continue;
      taints.push({ ...t, timeAdded: this.ctx.clock.iso() });
      changed = true;
    }
    const kept = taints.filter((x) => !remove.some((r) => r.key === x.key && r.effect === x.effect));
    if (kept.length !== taints.length) changed = true;
    if (!changed) return;
    const copy = clone(latest) as Node;
    copy.spec = { ...(copy.spec ?? {}) };
    if (kept.length) copy.spec.taints = kept;
    else delete copy.spec.taints;
    try {
      this.client.update('nodes', copy);
    } catch (e) {
      if (!(e instanceof ApiError && (e.code === 404 || e.code === 409))) throw e;
    }
  }

  /** MarkPodsNotReady: pods on a lost node report Ready=False. */
  private markPodsNotReady(nodeName: string): void {
    for (const p of this.ctx.store.list('pods') as Pod[]) {
      if (p.spec?.nodeName !== nodeName) continue;
      const conditions = clone(p.status?.conditions ?? []);
      const ready = conditions.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      ready.status = 'False';
      ready.lastTransitionTime = this.ctx.clock.iso();
      try {
        this.client.updateStatus('pods', { ...clone(p), status: { ...(p.status ?? {}), conditions } });
      } catch (e) {
        if (e instanceof ApiError && (e.code === 404 || e.code === 409)) continue;
        throw e;
      }
      this.recorder.record(p, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }
}
