/**
 * kube-scheduler wired to its cluster: the scheduling library (src/scheduler) reading and
 * writing through the API as system:kube-scheduler, run by the loop whenever pods, nodes or
 * storage change, and every five minutes while something stays unschedulable.
 */
import type { Node, Pod, PersistentVolume, PersistentVolumeClaim, Namespace, Service, ReplicationController } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { SYSTEM_USERS } from '../../api/auth.js';
import { ApiError } from '../../api/errors.js';
import { EventRecorder } from '../../api/events.js';
import { clone, type KObject } from '../../api/types.js';
import type { WatchEvent } from '../../api/store.js';
import { Scheduler, type SchedulerPort } from '../../scheduler/index.js';
import type { Cluster } from '../cluster.js';
import type { Reconciler } from '../runloop.js';

const WATCHED = new Set(['nodes', 'persistentvolumeclaims', 'persistentvolumes', 'storageclasses.storage.k8s.io', 'namespaces']);

/** Terminal pods no longer hold their node's resources or ports. */
function terminal(o?: KObject): boolean {
  const phase = (o?.['status'] as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function matters(e: WatchEvent): boolean {
  if (WATCHED.has(e.resource)) return true;
  if (e.resource !== 'pods') return false;
  const spec = e.object['spec'] as { nodeName?: string };
  if (!spec?.nodeName || e.type === 'DELETED') return true;
  // A bound pod changes what fits only by ending (or by being bound: ADDED with a node).
  return e.type === 'ADDED' || terminal(e.object) !== terminal(e.old);
}

export function schedulerReconcilers(cluster: Cluster): Reconciler[] {
  const client = cluster.client(SYSTEM_USERS.scheduler);
  const recorder = new EventRecorder(client, { component: 'default-scheduler' });
  const store = () => cluster.api.store;
  const list = <T>(resource: string) => store().list(resource) as unknown as T[];
  const port: SchedulerPort = {
    listNodes: () => list<Node>('nodes'),
    listPods: () => list<Pod>('pods'),
    listPVCs: () => list<PersistentVolumeClaim>('persistentvolumeclaims'),
    listPVs: () => list<PersistentVolume>('persistentvolumes'),
    listStorageClasses: () => list<StorageClass>('storageclasses.storage.k8s.io'),
    listNamespaces: () => list<Namespace>('namespaces'),
    listServices: () => list<Service>('services'),
    listReplicaSets: () => list<ReplicaSet>('replicasets.apps'),
    listStatefulSets: () => list<StatefulSet>('statefulsets.apps'),
    listReplicationControllers: () => list<ReplicationController>('replicationcontrollers'),
    bind: (pod, nodeName) => void cluster.api.bind(client.user, pod.metadata!.namespace!, pod.metadata!.name!, nodeName),
    recordEvent: (pod, type, reason, message) => recorder.record(pod as KObject, type, reason, message),
    setPodCondition: (pod, condition) => {
      const current = store().get('pods', pod.metadata!.namespace!, pod.metadata!.name!);
      if (!current) return;
      const next = clone(current) as KObject;
      const status = (next['status'] ??= {}) as { conditions?: { type: string }[] };
      status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), { lastProbeTime: null, ...condition }];
      ignoreConflicts(() => client.updateStatus('pods', next));
    },
    setNominatedNodeName: (pod, nodeName) => ignoreConflicts(() => client.patch('pods', pod.metadata!.namespace!, pod.metadata!.name!, 'merge', { status: { nominatedNodeName: nodeName } }, { subresource: 'status' })),
    deletePod: (pod) => ignoreConflicts(() => client.delete('pods', pod.metadata!.namespace!, pod.metadata!.name!)),
    bindVolumes: (_pod, nodeName, decisions) => {
      for (const d of decisions) {
        if (d.volumeName) {
          const pvc = store().get('persistentvolumeclaims', d.namespace, d.claimName);
          ignoreConflicts(() => client.patch('persistentvolumes', '', d.volumeName!, 'merge', { spec: { claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: d.namespace, name: d.claimName, uid: pvc?.metadata.uid } } }));
        } else {
          ignoreConflicts(() => client.patch('persistentvolumeclaims', d.namespace, d.claimName, 'merge', { metadata: { annotations: { 'volume.kubernetes.io/selected-node': d.provisionOnNode ?? nodeName } } }));
        }
      }
    },
    now: () => cluster.world.clock.now(),
  };
  const scheduler = new Scheduler(port, { rng: cluster.rng.fork('scheduler') });
  return [
    {
      name: 'schedule',
      watches: [...WATCHED, 'pods'],
      keysFor: (e) => (matters(e) ? ['all'] : []),
      resyncKeys: () => ['all'],
      reconcile: () => {
        const result = scheduler.scheduleAll();
        return result.unschedulable.length > 0 ? { requeueAfter: 300 } : undefined;
      },
    },
  ];
}

function ignoreConflicts(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}
