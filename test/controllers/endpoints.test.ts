import { describe, expect, it } from 'vitest';
import { bareP, harness, podTemplate, replicaSet, type Harness } from './harness.js';

function service(name: string, extra: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, labels: { app: name } }, spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' }], ...extra } };
}

function webPods(h: Harness, n: number): void {
  const rs = replicaSet('web', n);
  rs.spec.template = podTemplate({ app: 'web' }, { containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }] }] }) as typeof rs.spec.template;
  h.create('replicasets.apps', rs);
}

const slices = (h: Harness) => h.list('endpointslices.discovery.k8s.io', 'default');

describe('Endpoints controller', () => {
  it('lists ready pods as addresses and others as notReadyAddresses, with named target ports resolved', () => {
    const h = harness();
    webPods(h, 2);
    const [a, b] = h.podNames();
    h.markPodsRunning({ names: [a!] });
    h.markPodsRunning({ names: [b!], ready: false });
    h.create('services', service('web'));
    const ep = h.get('endpoints', 'default', 'web')!;
    const pa = h.get('pods', 'default', a!)!;
    expect(ep.metadata.labels).toEqual({ app: 'web' });
    expect(ep['subsets']).toEqual([
      {
        addresses: [{ ip: (pa['status'] as { podIP: string }).podIP, nodeName: 'node01', targetRef: { kind: 'Pod', namespace: 'default', name: a, uid: pa.metadata.uid } }],
        notReadyAddresses: [expect.objectContaining({ targetRef: expect.objectContaining({ name: b }) })],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    h.markPodsRunning({ names: [b!] });
    expect((h.get('endpoints', 'default', 'web')!['subsets'] as { addresses: unknown[]; notReadyAddresses?: unknown[] }[])[0]).toMatchObject({ addresses: [{}, {}] });
  });

  it('publishes not-ready pods when publishNotReadyAddresses is set and labels headless services', () => {
    const h = harness();
    webPods(h, 1);
    h.markPodsRunning({ ready: false });
    h.create('services', service('web', { publishNotReadyAddresses: true, clusterIP: 'None' }));
    const ep = h.get('endpoints', 'default', 'web')!;
    expect(ep.metadata.labels).toEqual({ app: 'web', 'service.kubernetes.io/headless': '' });
    expect((ep['subsets'] as { addresses: unknown[] }[])[0]!.addresses).toHaveLength(1);
  });

  it('leaves the Endpoints of a service without selector alone, and deletes Endpoints with their service', () => {
    const h = harness();
    h.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'external' }, spec: { ports: [{ port: 5432, protocol: 'TCP' }] } });
    h.create('endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external' }, subsets: [{ addresses: [{ ip: '192.168.1.50' }], ports: [{ port: 5432 }] }] });
    h.settle();
    expect(h.get('endpoints', 'default', 'external')!['subsets']).toEqual([{ addresses: [{ ip: '192.168.1.50' }], ports: [{ port: 5432 }] }]);
    expect(slices(h)).toEqual([]);
    h.delete('services', 'default', 'external');
    expect(h.get('endpoints', 'default', 'external')).toBeUndefined();
  });

  it('drops a pod relabelled out of the selector from Endpoints and slices, and takes it back', () => {
    const h = harness();
    h.create('services', service('web', { ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }] }));
    h.create('pods', bareP('solo', { app: 'web' }));
    h.markPodsRunning({ names: ['solo'] });
    const addresses = () => ((h.get('endpoints', 'default', 'web')!['subsets'] as { addresses?: unknown[] }[] | undefined)?.[0]?.addresses ?? []).length;
    const sliced = () => slices(h).flatMap((s) => (s['endpoints'] as unknown[] | null) ?? []).length;
    expect([addresses(), sliced()]).toEqual([1, 1]);
    h.patch('pods', 'default', 'solo', { metadata: { labels: { app: 'debug' } } });
    expect([addresses(), sliced()]).toEqual([0, 0]);
    h.patch('pods', 'default', 'solo', { metadata: { labels: { app: 'web' } } });
    expect([addresses(), sliced()]).toEqual([1, 1]);
  });

  it('drops terminating pods and restores hand-edited Endpoints', () => {
    const h = harness();
    webPods(h, 1);
    h.markPodsRunning();
    h.create('services', service('web'));
    h.patch('endpoints', 'default', 'web', { subsets: null });
    expect(h.get('endpoints', 'default', 'web')!['subsets']).toHaveLength(1);
    const name = h.podNames()[0]!;
    h.delete('pods', 'default', name);
    expect(h.get('pods', 'default', name)!.metadata.deletionTimestamp).toBeDefined();
    expect(h.get('endpoints', 'default', 'web')!['subsets']).toBeUndefined();
  });
});

describe('EndpointSlice controller', () => {
  it('creates <service>-xxxxx slices labelled for the service with endpoint conditions', () => {
    const h = harness();
    webPods(h, 2);
    h.markPodsRunning();
    h.create('services', service('web'));
    const [slice] = slices(h);
    expect(slice!.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice!.metadata.labels).toEqual({ app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'web', controller: true });
    expect(slice!['addressType']).toBe('IPv4');
    expect(slice!['ports']).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const eps = slice!['endpoints'] as { conditions: unknown; nodeName: string; targetRef: { kind: string } }[];
    expect(eps).toHaveLength(2);
    expect(eps[0]).toMatchObject({ conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node01', targetRef: { kind: 'Pod' } });
  });

  it('keeps a terminating pod as serving but not ready', () => {
    const h = harness();
    webPods(h, 1);
    h.markPodsRunning();
    h.create('services', service('web'));
    const name = h.podNames()[0]!;
    h.delete('pods', 'default', name);
    const eps = slices(h)[0]!['endpoints'] as { conditions: unknown; targetRef: { name: string } }[];
    expect(eps.find((e) => e.targetRef.name === name)?.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('keeps one empty placeholder slice for a service with no endpoints', () => {
    const h = harness();
    h.create('services', service('web'));
    const all = slices(h);
    expect(all).toHaveLength(1);
    expect(all[0]!['endpoints']).toEqual([]);
    expect(all[0]!['ports']).toBeUndefined();
  });

  it('removes the slices with the service through their owner reference', () => {
    const h = harness();
    webPods(h, 1);
    h.markPodsRunning();
    h.create('services', service('web'));
    h.delete('services', 'default', 'web');
    expect(slices(h)).toEqual([]);
  });
});
