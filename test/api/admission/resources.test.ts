import { describe, expect, it } from 'vitest';
import { harness, pod } from '../kinds/helpers.js';

const limitRange = (limits: unknown[]) => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits } });
const quota = (name: string, hard: Record<string, string>, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard, ...extra } });
const ctr = (name: string, resources?: Record<string, unknown>) => ({ name, image: 'nginx', ...(resources ? { resources } : {}) });

describe('LimitRanger', () => {
  it('fills requests and limits from the LimitRange and records what it set', () => {
    const h = harness();
    h.create('limitranges', limitRange([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } }]));
    const p = h.create('pods', pod('p', { containers: [ctr('nginx', { limits: { memory: '128Mi' } })] })) as any;
    expect(p.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(p.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu request for container nginx; cpu limit for container nginx');
    expect(p.status.qosClass).toBe('Burstable');
  });

  it('enforces max and min with the plugin messages', () => {
    const h = harness();
    h.create('limitranges', limitRange([{ type: 'Container', max: { cpu: '500m' }, min: { memory: '64Mi' }, default: { cpu: '200m' } }]));
    expect(h.error(() => h.create('pods', pod('p', { containers: [ctr('c', { limits: { cpu: '1', memory: '128Mi' } })] }))).message).toBe(
      'pods "p" is forbidden: maximum cpu usage per Container is 500m, but limit is 1',
    );
    expect(h.error(() => h.create('pods', pod('q', { containers: [ctr('c', { limits: { cpu: '1' }, requests: { memory: '32Mi' } })] }))).message).toBe(
      'pods "q" is forbidden: [minimum memory usage per Container is 64Mi, but request is 32Mi, maximum cpu usage per Container is 500m, but limit is 1]',
    );
  });

  it('checks claims against PersistentVolumeClaim limits', () => {
    const h = harness();
    h.create('limitranges', limitRange([{ type: 'PersistentVolumeClaim', max: { storage: '2Gi' } }]));
    const e = h.error(() => h.create('persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'big' }, spec: { storageClassName: '', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } } }));
    expect(e.message).toBe('persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi');
  });
});

describe('ResourceQuota admission', () => {
  it('requires compute resources when a quota limits them', () => {
    const h = harness();
    h.create('resourcequotas', quota('q', { 'limits.cpu': '2', 'limits.memory': '1Gi' }));
    const e = h.error(() => h.create('pods', pod('p', { containers: [ctr('nginx'), ctr('sidecar', { limits: { cpu: '100m' } })] })));
    expect(e.message).toBe('pods "p" is forbidden: failed quota: q: must specify limits.cpu for: nginx; limits.memory for: nginx,sidecar');
  });

  it('refuses what would exceed the quota, counting what already runs', () => {
    const h = harness();
    h.create('resourcequotas', quota('compute-quota', { 'limits.cpu': '1', 'requests.memory': '1Gi' }));
    expect(h.error(() => h.create('pods', pod('a', { containers: [ctr('c', { limits: { cpu: '2' }, requests: { memory: '64Mi' } })] }))).message).toBe(
      'pods "a" is forbidden: exceeded quota: compute-quota, requested: limits.cpu=2, used: limits.cpu=0, limited: limits.cpu=1',
    );
    h.create('pods', pod('b', { containers: [ctr('c', { limits: { cpu: '600m', memory: '512Mi' } })] }));
    expect(h.error(() => h.create('pods', pod('c', { containers: [ctr('c', { limits: { cpu: '500m', memory: '768Mi' } })] }))).message).toBe(
      'pods "c" is forbidden: exceeded quota: compute-quota, requested: limits.cpu=500m,requests.memory=768Mi, used: limits.cpu=600m,requests.memory=512Mi, limited: limits.cpu=1,requests.memory=1Gi',
    );
  });

  it('counts objects', () => {
    const h = harness();
    h.create('resourcequotas', quota('counts', { pods: '1', 'count/configmaps': '1', services: '1' }));
    h.create('pods', pod('a', { containers: [ctr('c')] }));
    expect(h.error(() => h.create('pods', pod('b', { containers: [ctr('c')] }))).message).toBe('pods "b" is forbidden: exceeded quota: counts, requested: pods=1, used: pods=1, limited: pods=1');
    h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' } });
    expect(h.error(() => h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two' } })).message).toBe(
      'configmaps "two" is forbidden: exceeded quota: counts, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1',
    );
  });

  it('ignores finished pods and applies only matching scopes', () => {
    const h = harness();
    h.create('resourcequotas', quota('be', { pods: '1' }, { scopes: ['BestEffort'] }));
    h.create('pods', pod('a', { containers: [ctr('c')] }));
    h.create('pods', pod('burstable', { containers: [ctr('c', { requests: { cpu: '100m' } })] }));
    expect(h.error(() => h.create('pods', pod('b', { containers: [ctr('c')] }))).message).toContain('exceeded quota: be, requested: pods=1, used: pods=1, limited: pods=1');
    const a = h.get('pods', 'a') as any;
    h.update('pods', { ...a, status: { ...a.status, phase: 'Succeeded' } }, 'default', 'status');
    expect(h.create('pods', pod('b', { containers: [ctr('c')] }))).toBeDefined();
  });
});
