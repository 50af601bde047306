/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node, pinned by node
 * affinity and placed by the scheduler; failed daemon pods replaced with a back-off; pods on
 * nodes that no longer qualify removed; RollingUpdate (update.ts); ControllerRevisions; status.
 */
import type { DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import type { ReconcileResult, Reconciler } from '../../cluster/runloop.js';
import type { WatchEvent } from '../../api/store.js';
import { selectorMatches, type LabelSelector } from '../../api/labels.js';
import { parseTime } from '../../util/clock.js';
import { compileSelector } from '../util/selector.js';
import type { ControllerContext } from '../context.js';
import { claimObjects } from '../util/claim.js';
import { omitEmpty } from '../util/equal.js';
import { computeHash } from '../util/hash.js';
import { byRevisionNumber, ownedRevisions, pruneRevisions, renumber, REVISIONS, REVISION_HASH_LABEL, revisionNumber, sameData, templatePatch } from '../util/history.js';
import { keyOf, ownerKeys, splitKey, controllerRef } from '../util/keys.js';
import { isPodAvailable, isPodReady, isPodTerminal, podAvailableAt, targetNodeName } from '../util/pods.js';
import { newControllerRef, podFromTemplate } from '../util/template.js';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../util/types.js';
import { Wakeups } from '../util/wakeups.js';
import { isAlreadyExists, writeStatus } from '../util/writes.js';
import { PodControl } from '../podcontrol.js';
import { slowStartBatch, BURST_REPLICAS, SLOW_START_INITIAL_BATCH } from '../replicaset.js';
import { allowsSurge, daemonPodTemplate, isPodUpdated, nodeShouldRunDaemonPod, pinToNode, TEMPLATE_GENERATION_ANNOTATION } from './eligibility.js';
import { rollingUpdate } from './update.js';
import type { DaemonSync } from './eligibility.js';
export type { DaemonSync } from './eligibility.js';

export const DS_RESOURCE = 'daemonsets.apps';
export const COMPONENT = 'daemonset-controller';
const FAILED_DAEMON_POD = 'FailedDaemonPod';

/** flowcontrol.Backoff for failed daemon pods per node: 1 s doubling to 15 min. */
class FailedPodBackoff {
  private readonly entries = new Map<string, { backoff: number; last: number }>();
  inBackoff(key: string, now: number): number | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    const left = e.last + e.backoff - now;
    return left > 0 ? left : undefined;
  }
  next(key: string, now: number): void {
    const e = this.entries.get(key);
    const backoff = e ? Math.min(e.backoff * 2, 15 * 60_000) : 1000;
    this.entries.set(key, { backoff, last: now });
  }
  clear(): void {
    this.entries.clear();
  }
}


export class DaemonSetController implements Reconciler {
  readonly name = COMPONENT;
  readonly watches = [DS_RESOURCE, 'pods', REVISIONS, 'nodes'];
  private readonly wake: Wakeups;
  private readonly backoff = new FailedPodBackoff();

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
  }

  get client() {
    return this.ctx.clientAs('daemon-set-controller');
  }

  get pods(): PodControl {
    return new PodControl(this.client, this.ctx.recorder(COMPONENT, this.client));
  }

  keysFor(event: WatchEvent): Iterable<string> {
    switch (event.resource) {
      case DS_RESOURCE:
        return [keyOf(event.object)];
      case 'pods': {
        const keys = ownerKeys(event.object, event.old, 'DaemonSet');
        if (keys.length || controllerRef(event.object) !== undefined || event.type === 'DELETED') return keys;
        return this.matching(event.object.metadata.namespace, event.object.metadata.labels);
      }
      case REVISIONS:
        return ownerKeys(event.object, event.old, 'DaemonSet');
      case 'nodes':
        // A new node, or changed labels or taints, can change where daemons run.
        return this.ctx.store.list(DS_RESOURCE).map(keyOf);
      default:
        return [];
    }
  }

  private matching(namespace: string | undefined, labels: Record<string, string> | undefined): string[] {
    return this.ctx.store
      .list(DS_RESOURCE, namespace)
      .filter((d) => selectorMatches((d as DaemonSet).spec?.selector as LabelSelector, labels))
      .map(keyOf);
  }

  resyncKeys(): Iterable<string> {
    this.wake.clear();
    this.backoff.clear();
    return this.ctx.store.list(DS_RESOURCE).map(keyOf);
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitKey(key);
    const ds = this.ctx.store.get(DS_RESOURCE, namespace, name) as DaemonSet | undefined;
    if (!ds) {
      this.wake.forget(key);
      return;
    }
    const selector = ds.spec?.selector as LabelSelector | undefined;
    if (selector && !Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length) {
      this.ctx.recorder(COMPONENT, this.client).record(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    const nodes = this.ctx.store.list('nodes') as Node[];
    const { cur, old } = this.constructHistory(ds);
    const s: DaemonSync = { ds, hash: cur.metadata.labels?.[REVISION_HASH_LABEL] ?? '', generation: ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION], nodes, nodeToPods: new Map() };
    const delays: (number | undefined)[] = [];
    if (!ds.metadata.deletionTimestamp) {
      s.nodeToPods = this.nodeToDaemonPods(ds);
      delays.push(this.manage(s));
      if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
        s.nodeToPods = this.nodeToDaemonPods(ds);
        const { toDelete, toCreate } = rollingUpdate(s, this.ctx.now());
        this.syncNodes(s, toDelete, toCreate);
      }
      this.cleanupHistory(ds, old);
    }
    s.nodeToPods = this.nodeToDaemonPods(ds);
    delays.push(this.updateStatus(s));
    return this.wake.atEarliest(key, delays);
  }

  /** Claimed daemon pods grouped by the node they target. */
  nodeToDaemonPods(ds: DaemonSet): Map<string, Pod[]> {
    const selector = ds.spec?.selector as LabelSelector | undefined;
    const matches = compileSelector(selector);
    const claimed = claimObjects<Pod>(this.client, 'pods', ds, newControllerRef(ds), (p) => matches(p.metadata.labels), this.ctx.store.list('pods', ds.metadata.namespace) as Pod[]);
    const map = new Map<string, Pod[]>();
    for (const p of claimed) {
      if (isPodTerminal(p) && p.metadata.deletionTimestamp) continue;
      const node = targetNodeName(p);
      if (node === undefined) continue;
      let list = map.get(node);
      if (!list) map.set(node, (list = []));
      list.push(p);
    }
    return map;
  }

  /** manage: which nodes need a daemon pod and which pods must go. Returns a back-off delay. */
  private manage(s: DaemonSync): number | undefined {
    const { ds } = s;
    const toCreate: string[] = [];
    const toDelete: Pod[] = [];
    const now = this.ctx.now();
    let retryIn: number | undefined;
    const surge = allowsSurge(ds);
    for (const node of s.nodes) {
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      const pods = s.nodeToPods.get(node.metadata.name);
      if (shouldRun && !pods) {
        toCreate.push(node.metadata.name);
      } else if (shouldContinueRunning && pods) {
        const running: Pod[] = [];
        for (const p of pods) {
          if (p.metadata.deletionTimestamp) continue;
          if (p.status?.phase === 'Failed') {
            const bkey = `${keyOf(ds)}/${node.metadata.name}`;
            const wait = this.backoff.inBackoff(bkey, now);
            if (wait !== undefined) {
              retryIn = Math.min(retryIn ?? Infinity, wait / 1000);
              continue;
            }
            this.backoff.next(bkey, now);
            this.ctx.recorder(COMPONENT, this.client).record(ds, 'Warning', FAILED_DAEMON_POD, `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node.metadata.name}, will try to kill it`);
            toDelete.push(p);
          } else if (p.status?.phase === 'Succeeded') {
            toDelete.push(p);
          } else running.push(p);
        }
        running.sort(byCreationAndPhase);
        if (!surge) {
          toDelete.push(...running.slice(1));
        } else if (running.length === 0) {
          if (shouldRun) toCreate.push(node.metadata.name);
        } else if (running.length > 1) {
          toDelete.push(...this.surgeExcess(s, running, now));
        }
      } else if (!shouldContinueRunning && pods) {
        for (const p of pods) if (!p.metadata.deletionTimestamp) toDelete.push(p);
      }
    }
    // Unscheduled pods aimed at nodes that do not exist any more.
    const names = new Set(s.nodes.map((n) => n.metadata.name));
    for (const [node, pods] of s.nodeToPods) {
      if (names.has(node)) continue;
      for (const p of pods) if (!p.spec?.nodeName && !p.metadata.deletionTimestamp) toDelete.push(p);
    }
    this.syncNodes(s, toDelete, toCreate);
    return retryIn;
  }

  /** With surge, a new and an old pod may share a node until the new one is available. */
  private surgeExcess(s: DaemonSync, running: Pod[], now: number): Pod[] {
    const out: Pod[] = [];
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const p of running) {
      if (p.metadata.labels?.[REVISION_HASH_LABEL] === s.hash) {
        if (!oldestNew) {
          oldestNew = p;
          continue;
        }
      } else if (!oldestOld) {
        oldestOld = p;
        continue;
      }
      out.push(p);
    }
    if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, s.ds.spec?.minReadySeconds ?? 0, now))) out.push(oldestOld);
    return out;
  }

  /** syncNodes: deletes, then creates pinned pods in slow-start batches. */
  syncNodes(s: DaemonSync, toDelete: Pod[], toCreate: string[]): void {
    const { ds } = s;
    const pods = this.pods;
    for (const p of toDelete.slice(0, BURST_REPLICAS)) pods.delete(ds, p);
    const nodes = toCreate.slice(0, BURST_REPLICAS);
    if (nodes.length === 0) return;
    const template = daemonPodTemplate(ds, s.hash);
    const ref = newControllerRef(ds);
    let i = 0;
    const r = slowStartBatch(nodes.length, SLOW_START_INITIAL_BATCH, () => {
      const node = nodes[i++]!;
      const t = structuredClone(template);
      t.spec!.affinity = pinToNode(t.spec!.affinity, node);
      pods.create(ds, podFromTemplate(t, ds, ref));
    });
    if (r.error) throw r.error;
  }

  /** constructHistory: the current revision (created or renumbered) and the old ones. */
  private constructHistory(ds: DaemonSet): { cur: ControllerRevision; old: ControllerRevision[] } {
    const client = this.client;
    const revisions = ownedRevisions(client, this.ctx.store, ds, ds.spec?.selector as LabelSelector);
    const data = templatePatch(ds.spec?.template);
    const current = revisions.filter((r) => sameData(r, data));
    const old = revisions.filter((r) => !sameData(r, data));
    const next = old.reduce((m, r) => Math.max(m, revisionNumber(r)), 0) + 1;
    if (current.length > 0) {
      const cur = [...current].sort(byRevisionNumber).at(-1)!;
      for (const dup of current) if (dup !== cur) client.delete(REVISIONS, dup.metadata.namespace ?? '', dup.metadata.name);
      return { cur: revisionNumber(cur) < next ? renumber(client, cur, next) : cur, old };
    }
    return { cur: this.snapshot(ds, data, next), old };
  }

  private snapshot(ds: DaemonSet, data: unknown, revision: number): ControllerRevision {
    const hash = computeHash(ds.spec?.template, ds.status?.collisionCount);
    const name = `${ds.metadata.name}-${hash}`;
    const rev = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: ds.metadata.namespace,
        labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
        ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
        ownerReferences: [newControllerRef(ds)],
      },
      data,
      revision,
    };
    try {
      return this.client.create<ControllerRevision>(REVISIONS, rev as unknown as ControllerRevision);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      const existing = this.ctx.store.get(REVISIONS, ds.metadata.namespace ?? '', name) as ControllerRevision | undefined;
      if (existing && sameData(existing, data)) return existing;
      // A hash collision: count it so the next hash differs, and retry on the next pass.
      writeStatus(this.client, DS_RESOURCE, ds, { ...(ds.status ?? {}), collisionCount: (ds.status?.collisionCount ?? 0) + 1 });
      throw e;
    }
  }

  private cleanupHistory(ds: DaemonSet, old: ControllerRevision[]): void {
    const live = new Set<string>();
    for (const pods of this.nodeToDaemonPods(ds).values()) for (const p of pods) if (p.metadata.labels?.[REVISION_HASH_LABEL]) live.add(p.metadata.labels[REVISION_HASH_LABEL]);
    pruneRevisions(this.client, old, ds.spec?.revisionHistoryLimit ?? 10, (r) => live.has(r.metadata.labels?.[REVISION_HASH_LABEL] ?? ''));
  }

  /** updateDaemonSetStatus. Returns when a ready pod becomes available, for minReadySeconds. */
  private updateStatus(s: DaemonSync): number | undefined {
    const { ds } = s;
    const now = this.ctx.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    let nextAvailable: number | undefined;
    for (const node of s.nodes) {
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      const pods = s.nodeToPods.get(node.metadata.name) ?? [];
      if (shouldRun) {
        desired++;
        if (pods.length === 0) continue;
        current++;
        const pod = [...pods].sort(byCreationAndPhase)[0]!;
        if (isPodReady(pod)) {
          ready++;
          if (isPodAvailable(pod, minReady, now)) available++;
          else {
            const at = podAvailableAt(pod, minReady);
            if (at !== undefined) nextAvailable = Math.min(nextAvailable ?? Infinity, at);
          }
        }
        if (isPodUpdated(pod, s.hash, s.generation)) updated++;
      } else if (pods.length > 0) misscheduled++;
    }
    const status: DaemonSetStatus = omitEmpty(
      {
        currentNumberScheduled: current,
        numberMisscheduled: misscheduled,
        desiredNumberScheduled: desired,
        numberReady: ready,
        observedGeneration: ds.metadata.generation ?? 1,
        updatedNumberScheduled: updated,
        numberAvailable: available,
        numberUnavailable: desired - available,
        collisionCount: ds.status?.collisionCount,
        conditions: ds.status?.conditions,
      },
      ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady'],
    );
    writeStatus(this.client, DS_RESOURCE, ds, status);
    return nextAvailable === undefined ? undefined : Math.max(0, (nextAvailable - now) / 1000);
  }
}

/** podByCreationTimestampAndPhase: scheduled first, then oldest, then by name. */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const sa = !!a.spec?.nodeName;
  const sb = !!b.spec?.nodeName;
  if (sa !== sb) return sa ? -1 : 1;
  const ta = parseTime(a.metadata.creationTimestamp ?? undefined) ?? 0;
  const tb = parseTime(b.metadata.creationTimestamp ?? undefined) ?? 0;
  if (ta === tb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return ta - tb;
}
