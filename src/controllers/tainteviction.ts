/**
 * The taint eviction controller (pkg/controller/tainteviction, split from the node lifecycle
 * controller in v1.29): a pod on a node with a NoExecute taint it does not tolerate is deleted
 * at once; one that tolerates it for tolerationSeconds (300 s from DefaultTolerationSeconds) is
 * deleted that long after the taint was noticed; the deletion is cancelled if the taint goes.
 * Pods get the DisruptionTarget condition before deletion, as v1.33 does.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import type { ReconcileResult, Reconciler } from '../cluster/runloop.js';
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { clone, type KObject } from '../api/types.js';
import type { ControllerContext } from './context.js';
import { deepEqual } from './util/equal.js';
import { keyOf, splitKey } from './util/keys.js';
import { isPodTerminal } from './util/pods.js';
import { tolerates } from './util/taints.js';
import type { Node, Pod } from './util/types.js';
import { Wakeups } from './util/wakeups.js';

export const COMPONENT = 'taint-eviction-controller';
const NODE = 'node:';
const POD = 'pod:';

function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

function hasNoExecuteTaint(node: Node | undefined): boolean {
  const taints = node?.spec?.taints;
  if (taints) for (let i = 0; i < taints.length; i++) if (taints[i]!.effect === 'NoExecute') return true;
  return false;
}

/** getMinTolerationTime in seconds: -1 means forever. */
export function minTolerationSeconds(used: Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min;
}

export class TaintEvictionController implements Reconciler {
  readonly name = COMPONENT;
  readonly watches = ['nodes', 'pods'];
  private readonly wake: Wakeups;
  /** Scheduled deletions by pod key: when first noticed and when due (ms). */
  private scheduled = new Map<string, { createdAt: number; fireAt: number }>();

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
    if (event.resource === 'nodes') {
      if (event.type === 'DELETED') return [];
      const before = noExecuteTaints(event.old as Node | undefined);
      const after = noExecuteTaints(event.object as Node);
      return deepEqual(before, after) ? [] : [NODE + event.object.metadata.name];
    }
    if (event.resource === 'pods') {
      const pod = event.object as Pod;
      const node = pod.spec?.nodeName;
      // Most pod events concern neither a scheduled deletion nor a tainted node: no key to build.
      if (this.scheduled.size === 0 && (event.type === 'DELETED' || !node || !hasNoExecuteTaint(this.ctx.store.get('nodes', '', node) as Node | undefined))) return [];
      const key = POD + keyOf(pod);
      if (event.type === 'DELETED') return this.scheduled.has(key) ? [key] : [];
      if (!node) return [];
      if (this.scheduled.has(key)) return [key];
      return noExecuteTaints(this.ctx.store.get('nodes', '', node) as Node | undefined).length ? [key] : [];
    }
    return [];
  }

  resyncKeys(): Iterable<string> {
    this.scheduled = new Map();
    this.wake.clear();
    return this.ctx.store
      .list('nodes')
      .filter((n) => noExecuteTaints(n as Node).length > 0)
      .map((n) => NODE + n.metadata.name);
  }

  reconcile(key: string): ReconcileResult | void {
    if (key.startsWith(NODE)) {
      const name = key.slice(NODE.length);
      const node = this.ctx.store.get('nodes', '', name) as Node | undefined;
      const delays: (number | undefined)[] = [];
      for (const p of this.ctx.store.list('pods') as Pod[]) {
        if (p.spec?.nodeName !== name) continue;
        const r = this.processPod(p, node);
        if (r !== undefined) delays.push(r);
      }
      // One timer for the node: its pass evicts whatever is due and finds the next due time.
      return this.wake.atEarliest(key, delays);
    }
    const podKey = key.slice(POD.length);
    const { namespace, name } = splitKey(podKey);
    const pod = this.ctx.store.get('pods', namespace, name) as Pod | undefined;
    if (!pod) {
      this.scheduled.delete(key);
      return;
    }
    const node = pod.spec?.nodeName ? (this.ctx.store.get('nodes', '', pod.spec.nodeName) as Node | undefined) : undefined;
    const delay = this.processPod(pod, node);
    return delay === undefined ? undefined : this.wake.after(key, delay);
  }

  /** processPodOnNode. Returns seconds until a scheduled deletion is due. */
  private processPod(pod: Pod, node: Node | undefined): number | undefined {
    const key = POD + keyOf(pod);
    const taints = noExecuteTaints(node);
    if (taints.length === 0 || pod.metadata.deletionTimestamp || isPodTerminal(pod)) {
      this.cancel(pod, key, taints.length === 0);
      return undefined;
    }
    const used: Toleration[] = [];
    for (const taint of taints) {
      const t = (pod.spec?.tolerations ?? []).find((x) => tolerates(x, taint));
      if (!t) {
        this.evict(pod, key);
        return undefined;
      }
      used.push(t);
    }
    const min = minTolerationSeconds(used);
    if (min < 0) {
      this.cancel(pod, key, true);
      return undefined;
    }
    const now = this.ctx.now();
    const existing = this.scheduled.get(key);
    const createdAt = existing?.createdAt ?? now;
    const fireAt = createdAt + min * 1000;
    this.scheduled.set(key, { createdAt, fireAt });
    if (fireAt <= now) {
      this.evict(pod, key);
      return undefined;
    }
    return (fireAt - now) / 1000;
  }

  private cancel(pod: Pod, key: string, withEvent: boolean): void {
    if (!this.scheduled.delete(key)) return;
    this.wake.forget(key);
    if (withEvent) this.recorder.record(podRef(pod), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${keyOf(pod)}`);
  }

  /** addConditionAndDeletePod, announced with the TaintManagerEviction event. */
  private evict(pod: Pod, key: string): void {
    this.scheduled.delete(key);
    this.wake.forget(key);
    this.recorder.record(podRef(pod), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${keyOf(pod)}`);
    const ns = pod.metadata.namespace ?? '';
    try {
      const conditions = clone(pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: this.ctx.clock.iso() } as never);
      this.client.updateStatus('pods', { ...clone(pod), status: { ...(pod.status ?? {}), conditions } });
      this.client.delete('pods', ns, pod.metadata.name);
    } catch (e) {
      if (!(e instanceof ApiError && (e.code === 404 || e.code === 409))) throw e;
    }
  }
}

/** The reference taint eviction events carry: no uid. */
function podRef(pod: Pod): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace } };
}
