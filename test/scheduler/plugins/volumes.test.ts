import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { kubeadmNodes, node, placement, pod, running, schedule } from '../fixtures.js';

const NOT_HELPFUL_3 = 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';

const withClaim = (p: Pod, claimName = 'data'): Pod => {
  p.spec!.volumes = [{ name: 'data', persistentVolumeClaim: { claimName } }];
  return p;
};

function claim(name: string, o: { class?: string; volumeName?: string; bound?: boolean; modes?: string[]; size?: string; selectedNode?: string } = {}): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-pvc-${name}`,
      annotations: {
        ...(o.bound ? { 'pv.kubernetes.io/bind-completed': 'yes' } : {}),
        ...(o.selectedNode ? { 'volume.kubernetes.io/selected-node': o.selectedNode } : {}),
      },
    },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: o.size ?? '1Gi' } },
      storageClassName: o.class ?? '',
      ...(o.volumeName ? { volumeName: o.volumeName } : {}),
    },
    status: { phase: o.bound ? 'Bound' : 'Pending' },
  };
}

function volume(name: string, o: { class?: string; size?: string; hostname?: string; zone?: string; claim?: string } = {}): PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(o.zone ? { labels: { 'topology.kubernetes.io/zone': o.zone } } : {}) },
    spec: {
      capacity: { storage: o.size ?? '1Gi' },
      accessModes: ['ReadWriteOnce'],
      storageClassName: o.class ?? '',
      ...(o.hostname
        ? { local: { path: '/mnt/disk' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [o.hostname] }] }] } } }
        : {}),
      ...(o.claim ? { claimRef: { name: o.claim, namespace: 'default' } } : {}),
    },
    status: { phase: o.claim ? 'Bound' : 'Available' },
  };
}

const localStorage: StorageClass = { metadata: { name: 'local-storage' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' };
const localPath: StorageClass = { metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };

describe('volumes: the messages a pod with claims gets', () => {
  it.each<[string, Pod, Partial<{ pvcs: PersistentVolumeClaim[]; pvs: PersistentVolume[]; storageClasses: StorageClass[] }>, string]>([
    ['a claim that does not exist stops the pod before any node', withClaim(pod('db')), {}, `0/3 nodes are available: persistentvolumeclaim "data" not found. ${NOT_HELPFUL_3}`],
    ['an unbound claim of an Immediate class waits for the PV controller', withClaim(pod('db')), { pvcs: [claim('data')] }, `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL_3}`],
    [
      'a claim being deleted says so',
      withClaim(pod('db')),
      { pvcs: [{ ...claim('data', { bound: true, volumeName: 'pv1' }), metadata: { ...claim('data').metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }] },
      `0/3 nodes are available: persistentvolumeclaim "data" is being deleted. ${NOT_HELPFUL_3}`,
    ],
    [
      'a bound claim whose PV is gone names the PV',
      withClaim(pod('db')),
      { pvcs: [claim('data', { bound: true, volumeName: 'pv-gone' })] },
      `0/3 nodes are available: persistentvolume "pv-gone" not found. ${NOT_HELPFUL_3}`,
    ],
    [
      'a WaitForFirstConsumer claim with no PV to take and no provisioner',
      withClaim(pod('db')),
      { pvcs: [claim('data', { class: 'local-storage' })], storageClasses: [localStorage] },
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    ],
    [
      'a bound PV pinned by zone to where no worker is',
      withClaim(pod('db')),
      { pvcs: [claim('data', { bound: true, volumeName: 'pv1' })], pvs: [{ ...volume('pv1', { claim: 'data' }), spec: { ...volume('pv1').spec, claimRef: { name: 'data', namespace: 'default' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['nvme'] }] }] } } } }] },
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    ],
  ])('%s', (_name, p, extra, message) => {
    expect(placement(schedule(p, kubeadmNodes(), [], extra))).toBe(message);
  });

  it('a bound local PV takes the pod to its node; the others did not satisfy VolumeBinding', () => {
    const extra = { pvcs: [claim('data', { bound: true, volumeName: 'pv1', class: 'local-storage' })], pvs: [volume('pv1', { class: 'local-storage', hostname: 'node02', claim: 'data' })], storageClasses: [localStorage] };
    expect(placement(schedule(withClaim(pod('db')), kubeadmNodes(), [], extra))).toBe('node02');
    const full = [running('hog', 'node02', { cpu: '2' })];
    expect(placement(schedule(withClaim(pod('db', { cpu: '1' })), kubeadmNodes(), full, extra))).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn\'t satisfy plugin(s) [VolumeBinding]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('WaitForFirstConsumer picks the smallest fitting Available PV on a node its affinity admits, to be bound', () => {
    const extra = {
      pvcs: [claim('data', { class: 'local-storage', size: '5Gi' })],
      pvs: [volume('big', { class: 'local-storage', size: '50Gi', hostname: 'node01' }), volume('small', { class: 'local-storage', size: '10Gi', hostname: 'node02' }), volume('tiny', { class: 'local-storage', size: '1Gi', hostname: 'node01' })],
      storageClasses: [localStorage],
    };
    const r = schedule(withClaim(pod('db')), kubeadmNodes(), [], extra);
    // Both workers can host it: node01 with "big", node02 with "small".
    expect('nodeName' in r && ['node01', 'node02'].includes(r.nodeName)).toBe(true);
    if ('nodeName' in r) {
      expect(r.volumeBindings).toEqual([{ namespace: 'default', claimName: 'data', volumeName: r.nodeName === 'node01' ? 'big' : 'small' }]);
    }
  });

  it('WaitForFirstConsumer with a provisioner provisions on the chosen node', () => {
    const extra = { pvcs: [claim('data', { class: 'local-path' })], storageClasses: [localPath] };
    const r = schedule(withClaim(pod('db', { nodeSelector: { 'kubernetes.io/hostname': 'node02' } })), kubeadmNodes(), [], extra);
    expect(r).toMatchObject({ nodeName: 'node02', volumeBindings: [{ namespace: 'default', claimName: 'data', provisionOnNode: 'node02' }] });
  });

  it('a claim already provisioned for one node keeps the pod there', () => {
    const extra = { pvcs: [claim('data', { class: 'local-path', selectedNode: 'node01' })], storageClasses: [localPath] };
    expect(placement(schedule(withClaim(pod('db')), kubeadmNodes(), [], extra))).toBe('node01');
  });

  it('a ReadWriteOncePod claim in use by another pod blocks every node', () => {
    const extra = { pvcs: [claim('data', { bound: true, volumeName: 'pv1', modes: ['ReadWriteOncePod'] })], pvs: [volume('pv1', { claim: 'data' })] };
    const user = withClaim(running('first', 'node01'));
    expect(placement(schedule(withClaim(pod('second')), kubeadmNodes(), [user], extra))).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('a PV labelled with a zone keeps the pod in that zone', () => {
    const nodes = [node('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }), node('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } })];
    const extra = { pvcs: [claim('data', { bound: true, volumeName: 'pv1' })], pvs: [volume('pv1', { zone: 'b', claim: 'data' })] };
    expect(placement(schedule(withClaim(pod('db')), nodes, [], extra))).toBe('b1');
    const onlyA = [nodes[0]!];
    expect(placement(schedule(withClaim(pod('db')), onlyA, [], extra))).toBe(
      '0/1 nodes are available: 1 node(s) had no available volume zone. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });
});
