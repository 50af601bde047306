import { describe, expect, it } from 'vitest';
import { harness, podTemplate, specOf, statusOf, type Harness } from './harness.js';

const STS = 'statefulsets.apps';

function statefulSet(name: string, replicas: number, extra: { parallel?: boolean; partition?: number; claims?: boolean; image?: string } = {}) {
  const labels = { app: name };
  const template = podTemplate(labels);
  if (extra.image) template.spec.containers[0]!.image = extra.image;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      replicas,
      serviceName: 'nginx',
      selector: { matchLabels: labels },
      template,
      podManagementPolicy: extra.parallel ? 'Parallel' : 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: extra.partition ?? 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      ...(extra.claims
        ? { volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' } }] }
        : {}),
    },
  };
}

const live = (h: Harness) =>
  h
    .pods()
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();

function readyAll(h: Harness): void {
  for (let i = 0; i < 10; i++) if (h.markPodsRunning() === 0) break;
}

describe('StatefulSet controller', () => {
  it('creates ordinal pods one at a time, each after its predecessor is Running and Ready', () => {
    const h = harness();
    h.create(STS, statefulSet('web', 3));
    expect(live(h)).toEqual(['web-0']);
    h.markPodsRunning({ ready: false });
    expect(live(h)).toEqual(['web-0']);
    h.markPodsRunning();
    expect(live(h)).toEqual(['web-0', 'web-1']);
    h.markPodsRunning();
    expect(live(h)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(h.events('web')).toEqual(['SuccessfulCreate: create Pod web-0 in StatefulSet web successful', 'SuccessfulCreate: create Pod web-1 in StatefulSet web successful', 'SuccessfulCreate: create Pod web-2 in StatefulSet web successful']);
  });

  it('gives pods their identity: pod-name and pod-index labels, revision hash, hostname and subdomain', () => {
    const h = harness();
    h.create(STS, statefulSet('web', 1));
    const pod = h.get('pods', 'default', 'web-0')!;
    const status = statusOf<{ updateRevision: string }>(h.get(STS, 'default', 'web'));
    expect(pod.metadata.labels).toEqual({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': status.updateRevision });
    expect(status.updateRevision).toMatch(/^web-[bcdf4-9]+$/);
    expect(specOf<{ hostname: string; subdomain: string }>(pod)).toMatchObject({ hostname: 'web-0', subdomain: 'nginx' });
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true });
  });

  it('creates a claim per volumeClaimTemplate before each pod and keeps it when the set scales down', () => {
    const h = harness();
    h.create(STS, statefulSet('web', 2, { claims: true }));
    readyAll(h);
    const pvcs = h.list('persistentvolumeclaims', 'default');
    expect(pvcs.map((c) => c.metadata.name)).toEqual(['www-web-0', 'www-web-1']);
    expect(pvcs[0]!.metadata.labels).toEqual({ app: 'web' });
    expect(specOf<{ volumes: unknown[] }>(h.get('pods', 'default', 'web-1')).volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }]);
    expect(h.events('web').slice(0, 2)).toEqual(['SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success', 'SuccessfulCreate: create Pod web-0 in StatefulSet web successful']);
    h.patch(STS, 'default', 'web', { spec: { replicas: 1 } });
    h.finishTerminating();
    expect(live(h)).toEqual(['web-0']);
    expect(h.list('persistentvolumeclaims', 'default')).toHaveLength(2);
  });

  it('scales down from the highest ordinal, one pod at a time', () => {
    const h = harness();
    h.create(STS, statefulSet('web', 3));
    readyAll(h);
    h.patch(STS, 'default', 'web', { spec: { replicas: 1 } });
    expect(h.pods().filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual(['web-2']);
    h.finishTerminating();
    expect(h.pods().filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual(['web-1']);
    h.finishTerminating();
    expect(live(h)).toEqual(['web-0']);
    expect(h.events('web').slice(-2)).toEqual(['SuccessfulDelete: delete Pod web-2 in StatefulSet web successful', 'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful']);
  });

  it('Parallel creates every pod at once', () => {
    const h = harness();
    h.create(STS, statefulSet('web', 3, { parallel: true }));
    expect(live(h)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('rolls out from the highest ordinal down to the partition', () => {
    const h = harness();
    h.create(STS, statefulSet('web', 3, { partition: 1 }));
    readyAll(h);
    const first = statusOf<{ currentRevision: string }>(h.get(STS, 'default', 'web')).currentRevision;
    const template = structuredClone(specOf<{ template: { spec: { containers: { image: string }[] } } }>(h.get(STS, 'default', 'web')).template);
    template.spec.containers[0]!.image = 'nginx:1.28';
    h.patch(STS, 'default', 'web', { spec: { template } });
    expect(h.pods().filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual(['web-2']);
    h.finishTerminating();
    readyAll(h);
    h.finishTerminating();
    readyAll(h);
    const status = statusOf<{ currentRevision: string; updateRevision: string; updatedReplicas: number; currentReplicas: number }>(h.get(STS, 'default', 'web'));
    const rev = (n: string) => h.get('pods', 'default', n)!.metadata.labels?.['controller-revision-hash'];
    expect([rev('web-0'), rev('web-1'), rev('web-2')]).toEqual([first, status.updateRevision, status.updateRevision]);
    expect(status).toMatchObject({ currentRevision: first, updatedReplicas: 2, currentReplicas: 1 });
    expect(h.list('controllerrevisions.apps').map((r) => r['revision']).sort()).toEqual([1, 2]);
  });

  it('completes the rolling update and records the new current revision', () => {
    const h = harness();
    h.create(STS, statefulSet('web', 2));
    readyAll(h);
    const template = structuredClone(specOf<{ template: { spec: { containers: { image: string }[] } } }>(h.get(STS, 'default', 'web')).template);
    template.spec.containers[0]!.image = 'nginx:1.28';
    h.patch(STS, 'default', 'web', { spec: { template } });
    for (let i = 0; i < 4; i++) {
      h.finishTerminating();
      readyAll(h);
    }
    const status = statusOf(h.get(STS, 'default', 'web'));
    expect(status).toEqual({
      observedGeneration: 2,
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
      currentRevision: (status as { updateRevision: string }).updateRevision,
      updateRevision: (status as { updateRevision: string }).updateRevision,
      collisionCount: 0,
    });
  });

  it('recreates a failed pod with a RecreatingFailedPod warning', () => {
    const h = harness();
    h.create(STS, statefulSet('web', 1));
    const uid = h.get('pods', 'default', 'web-0')!.metadata.uid;
    h.finishPod('default', 'web-0', 'Failed');
    expect(h.events('web')).toContain('RecreatingFailedPod: StatefulSet default/web is recreating failed Pod web-0');
    expect(h.get('pods', 'default', 'web-0')!.metadata.uid).not.toBe(uid);
  });
});
