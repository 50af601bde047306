/**
 * The kube-scheduler component the cluster's run loop drives. Each `scheduleAll()` lists the
 * cluster through the port, takes the pending pods that are this scheduler's in queue order
 * (priority, then age, then name), and binds each one or records why it cannot be placed, the
 * way kube-scheduler does: a `Scheduled` or `FailedScheduling` event, the PodScheduled
 * condition, and, when preemption finds room, the victims evicted and the pod nominated.
 *
 * A pod that failed is tried again only once something it could depend on has changed (or
 * five minutes later, when the port tells time), as the scheduler's unschedulable queue does,
 * so a run loop that repeats until quiet does quiet down.
 */
import type {
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodCondition,
  ReplicationController,
  Service,
} from 'kubernetes-types/core/v1.js';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { toRfc3339 } from '../util/clock.js';
import { Rng } from '../util/rng.js';
import type { Profile, VolumeBindingDecision } from './framework.js';
import { truncateMessage } from './fitError.js';
import { DEFAULT_SCHEDULER_NAME, defaultProfile } from './profile.js';
import { isScheduled, scheduleOne } from './schedule.js';
import { buildSnapshot, isTerminal, podInfo, type ClusterSnapshot, type SnapshotInput } from './snapshot.js';

/** A pod condition as the scheduler writes it: `lastProbeTime: null`, as the API serialises it. */
export type SchedulerPodCondition = Omit<PodCondition, 'lastProbeTime'> & { lastProbeTime?: string | null };

/** What the scheduler needs from the API server; the cluster fills it in. */
export interface SchedulerPort {
  listNodes(): Node[];
  listPods(): Pod[];
  listPVCs?(): PersistentVolumeClaim[];
  listPVs?(): PersistentVolume[];
  listStorageClasses?(): StorageClass[];
  listNamespaces?(): Namespace[];
  listServices?(): Service[];
  listReplicaSets?(): ReplicaSet[];
  listStatefulSets?(): StatefulSet[];
  listReplicationControllers?(): ReplicationController[];
  /** pods/binding. May throw (the pod is gone, already bound): the failure is reported. */
  bind(pod: Pod, nodeName: string): void;
  recordEvent(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Sets (adds or replaces by type) a condition in the pod's status. */
  setPodCondition(pod: Pod, condition: SchedulerPodCondition): void;
  /** status.nominatedNodeName of a preemptor. */
  setNominatedNodeName?(pod: Pod, nodeName: string): void;
  /** Deletes a preemption victim (gracefully, as an API DELETE). Without it nobody is evicted. */
  deletePod?(pod: Pod): void;
  /** Binds/provisions the pod's WaitForFirstConsumer claims before the pod is bound. */
  bindVolumes?(pod: Pod, nodeName: string, decisions: VolumeBindingDecision[]): void;
  /** Virtual time in ms, for RFC 3339 condition times and the five-minute retry. */
  now?(): number;
}

export interface SchedulerOptions {
  /** Seed of the tie-breaking Rng (default 1), or an Rng. */
  rng?: Rng | number;
  profile?: Profile;
}

export interface ScheduleAllResult {
  scheduled: { pod: Pod; nodeName: string }[];
  unschedulable: { pod: Pod; message: string }[];
  preempted: { pod: Pod; nominatedNodeName: string; victims: Pod[] }[];
}

/** podMaxInUnschedulablePodsDuration */
const UNSCHEDULABLE_RETRY_MS = 5 * 60 * 1000;

interface FailedAttempt {
  podPrint: string;
  clusterPrint: string;
  at: number | undefined;
}

export class Scheduler {
  private readonly rng: Rng;
  private readonly profile: Profile;
  private readonly failed = new Map<string, FailedAttempt>();

  constructor(
    private readonly port: SchedulerPort,
    opts: SchedulerOptions = {},
  ) {
    this.rng = opts.rng instanceof Rng ? opts.rng : new Rng(opts.rng ?? 1);
    this.profile = opts.profile ?? defaultProfile;
  }

  /** Is this pod waiting for this scheduler? */
  isPending(pod: Pod): boolean {
    const spec = pod.spec;
    return (
      !spec?.nodeName &&
      (spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.profile.schedulerName &&
      !pod.metadata?.deletionTimestamp &&
      !isTerminal(pod) &&
      (spec?.schedulingGates ?? []).length === 0
    );
  }

  /** One pass over every pending pod; each bound pod counts for the ones after it. */
  scheduleAll(): ScheduleAllResult {
    const input = this.listCluster();
    const pending = sortQueue(input.pods.filter((p) => this.isPending(p)));
    const result: ScheduleAllResult = { scheduled: [], unschedulable: [], preempted: [] };
    this.forgetGone(pending);
    if (pending.length === 0) return result;
    const snapshot = buildSnapshot(input);
    let clusterPrint: string | undefined;
    const now = this.port.now?.();
    const failures: Pod[] = [];
    // Nobody reads a placement's score breakdown here: it is not kept.
    const opts = { rng: this.rng, profile: this.profile, scores: false };
    for (const pod of pending) {
      // Most passes have no failures behind them: no key is built then.
      const prior = this.failed.size === 0 ? undefined : this.failed.get(uidOf(pod));
      if (prior) {
        clusterPrint ??= clusterFingerprint(input);
        const expired = now !== undefined && prior.at !== undefined && now - prior.at >= UNSCHEDULABLE_RETRY_MS;
        if (!expired && prior.clusterPrint === clusterPrint && prior.podPrint === podFingerprint(pod)) continue;
      }
      const outcome = scheduleOne(pod, snapshot, opts);
      if (isScheduled(outcome)) {
        if (this.bind(pod, outcome.nodeName, outcome.volumeBindings, snapshot)) result.scheduled.push({ pod, nodeName: outcome.nodeName });
        else failures.push(pod);
        continue;
      }
      if (outcome.nominatedNodeName) {
        this.preempt(pod, outcome.nominatedNodeName, outcome.victims ?? [], snapshot);
        result.preempted.push({ pod, nominatedNodeName: outcome.nominatedNodeName, victims: outcome.victims ?? [] });
      }
      this.fail(pod, outcome.reason, outcome.message);
      result.unschedulable.push({ pod, message: outcome.message });
      failures.push(pod);
    }
    if (failures.length > 0) {
      // Failures wait for a change after this pass: what it bound or evicted does not count.
      const changed = result.scheduled.length > 0 || result.preempted.length > 0;
      const print = changed ? clusterFingerprint(this.listCluster()) : (clusterPrint ?? clusterFingerprint(input));
      for (const pod of failures) this.failed.set(uidOf(pod), { podPrint: podFingerprint(pod), clusterPrint: print, at: now });
    }
    return result;
  }

  private listCluster(): SnapshotInput {
    const p = this.port;
    return {
      nodes: p.listNodes(),
      pods: p.listPods(),
      pvcs: p.listPVCs?.(),
      pvs: p.listPVs?.(),
      storageClasses: p.listStorageClasses?.(),
      namespaces: p.listNamespaces?.(),
      services: p.listServices?.(),
      replicaSets: p.listReplicaSets?.(),
      statefulSets: p.listStatefulSets?.(),
      replicationControllers: p.listReplicationControllers?.(),
    };
  }

  private bind(pod: Pod, nodeName: string, volumes: VolumeBindingDecision[] | undefined, snapshot: ClusterSnapshot): boolean {
    try {
      if (volumes && volumes.length > 0) this.port.bindVolumes?.(pod, nodeName, volumes);
      this.port.bind(pod, nodeName);
    } catch (err) {
      this.fail(pod, 'SchedulerError', `Binding rejected: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
    if (this.failed.size > 0) this.failed.delete(uidOf(pod));
    snapshot.assume(podInfo(pod), nodeName);
    const ns = pod.metadata?.namespace ?? 'default';
    this.port.recordEvent(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${pod.metadata?.name ?? ''} to ${nodeName}`);
    return true;
  }

  /** prepareCandidate: mark and delete each victim, then nominate the preemptor. */
  private preempt(pod: Pod, nodeName: string, victims: Pod[], snapshot: ClusterSnapshot): void {
    const schedulerName = pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    // Without a way to delete pods there is no eviction to announce.
    for (const victim of this.port.deletePod ? victims : []) {
      this.port.setPodCondition(victim, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'PreemptionByScheduler',
        message: `${schedulerName}: preempting to accommodate a higher priority pod`,
        ...this.transitionTime(),
      });
      this.port.deletePod?.(victim);
      this.port.recordEvent(victim, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata?.uid ?? ''} on node ${nodeName}`);
    }
    this.port.setNominatedNodeName?.(pod, nodeName);
    snapshot.nominate(podInfo(pod), nodeName);
  }

  /** handleSchedulingFailure: the event every time, the condition only when it changes. */
  private fail(pod: Pod, reason: 'Unschedulable' | 'SchedulerError', message: string): void {
    this.port.recordEvent(pod, 'Warning', 'FailedScheduling', truncateMessage(message));
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status === 'False' && current.reason === reason && current.message === message) return;
    this.port.setPodCondition(pod, { type: 'PodScheduled', status: 'False', reason, message, ...this.transitionTime() });
  }

  private transitionTime(): { lastProbeTime: null; lastTransitionTime?: string } {
    const now = this.port.now?.();
    return now === undefined ? { lastProbeTime: null } : { lastProbeTime: null, lastTransitionTime: toRfc3339(now) };
  }

  private forgetGone(pending: readonly Pod[]): void {
    if (this.failed.size === 0) return;
    const live = new Set(pending.map(uidOf));
    for (const uid of this.failed.keys()) if (!live.has(uid)) this.failed.delete(uid);
  }
}

function uidOf(pod: Pod): string {
  return pod.metadata?.uid ?? `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

/** The last creationTimestamp parsed and its value: a Deployment's pods are created within a few seconds. */
let lastCreated = { text: '', ms: 0 };

const created = (p: Pod): number => {
  const text = p.metadata?.creationTimestamp;
  if (!text) return 0;
  if (text === lastCreated.text) return lastCreated.ms;
  const t = Date.parse(text);
  lastCreated = { text, ms: Number.isNaN(t) ? 0 : t };
  return lastCreated.ms;
};

/** PrioritySort: higher priority first, then older, then by namespace/name. */
export function queueOrder(a: Pod, b: Pod): number {
  const pa = a.spec?.priority ?? 0;
  const pb = b.spec?.priority ?? 0;
  if (pa !== pb) return pb - pa;
  const ta = created(a);
  const tb = created(b);
  if (ta !== tb) return ta - tb;
  const ka = `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`;
  const kb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Sorts by queueOrder, each pod's keys computed once. */
function sortQueue(pods: Pod[]): Pod[] {
  const keyed = pods.map((p) => ({ p, priority: p.spec?.priority ?? 0, t: created(p), k: `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}` }));
  keyed.sort((a, b) => b.priority - a.priority || a.t - b.t || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.p);
}

/** What of a pending pod its placement depends on (its status conditions do not count). */
function podFingerprint(pod: Pod): string {
  return JSON.stringify([pod.spec, pod.metadata?.labels, pod.status?.nominatedNodeName]);
}

/** FNV-1a over the parts of the cluster a placement depends on. */
function clusterFingerprint(input: SnapshotInput): string {
  let h = 0x811c9dc5;
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    h = Math.imul(h ^ 10, 16777619);
  };
  for (const n of input.nodes) {
    feed(JSON.stringify([n.metadata?.name, n.metadata?.labels, n.spec?.taints, n.spec?.unschedulable, n.status?.allocatable]));
  }
  for (const p of input.pods) {
    if (isTerminal(p)) continue;
    if (p.spec?.nodeName) feed(`${uidOf(p)}|${p.spec.nodeName}|${p.metadata?.deletionTimestamp ?? ''}|${JSON.stringify(p.metadata?.labels)}`);
    else if (p.status?.nominatedNodeName) feed(`${uidOf(p)}|>${p.status.nominatedNodeName}`);
  }
  for (const c of input.pvcs ?? []) feed(JSON.stringify([c.metadata?.namespace, c.metadata?.name, c.spec?.volumeName, c.status?.phase, c.metadata?.annotations]));
  for (const v of input.pvs ?? []) feed(JSON.stringify([v.metadata?.name, v.spec?.claimRef?.name, v.status?.phase]));
  for (const s of input.storageClasses ?? []) feed(JSON.stringify([s.metadata?.name, s.provisioner, s.volumeBindingMode]));
  for (const n of input.namespaces ?? []) feed(JSON.stringify([n.metadata?.name, n.metadata?.labels]));
  for (const s of input.services ?? []) feed(JSON.stringify([s.metadata?.namespace, s.metadata?.name, s.spec?.selector]));
  for (const o of [...(input.replicaSets ?? []), ...(input.statefulSets ?? []), ...(input.replicationControllers ?? [])]) {
    feed(`${o.metadata?.uid ?? o.metadata?.name ?? ''}`);
  }
  return (h >>> 0).toString(16);
}
