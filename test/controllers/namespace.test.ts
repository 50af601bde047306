import { describe, expect, it } from 'vitest';
import { deployment, harness, statusOf } from './harness.js';

const conds = (o: unknown) => Object.fromEntries((statusOf<{ conditions?: { type: string; status: string; reason: string; message: string }[] }>(o as never).conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));

describe('namespace controller', () => {
  it('deletes the content of a terminating namespace, then removes the kubernetes finalizer so it goes', () => {
    const h = harness({ namespaces: ['default', 'shop'] });
    h.create('deployments.apps', { ...deployment('web', 2), metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } } });
    h.markPodsRunning({ namespace: 'shop' });
    h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' } });
    h.delete('namespaces', '', 'shop');
    const ns = h.get('namespaces', '', 'shop');
    expect(statusOf<{ phase: string }>(ns).phase).toBe('Terminating');
    expect(conds(ns)).toEqual({
      NamespaceDeletionDiscoveryFailure: 'False ResourcesDiscovered: All resources successfully discovered',
      NamespaceDeletionGroupVersionParsingFailure: 'False ParsedGroupVersions: All legacy kube types successfully parsed',
      NamespaceDeletionContentFailure: 'False ContentDeleted: All content successfully deleted, may be waiting on finalization',
      NamespaceContentRemaining: 'True SomeResourcesRemain: Some resources are remaining: pods. has 2 resource instances',
      NamespaceFinalizersRemaining: 'False ContentHasNoFinalizers: All content-preserving finalizers finished',
    });
    expect(h.list('configmaps', 'shop')).toEqual([]);
    h.finishTerminating('shop');
    expect(h.get('namespaces', '', 'shop')).toBeUndefined();
  });

  it('waits for finalizers on content and names them in NamespaceFinalizersRemaining', () => {
    const h = harness({ namespaces: ['default', 'data'] });
    h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'data', finalizers: ['example.com/keep'] } });
    h.delete('namespaces', '', 'data');
    expect(conds(h.get('namespaces', '', 'data')).NamespaceFinalizersRemaining).toBe('True SomeFinalizersRemain: Some content in the namespace has finalizers remaining: example.com/keep in 1 resource instances');
    h.patch('configmaps', 'data', 'held', { metadata: { finalizers: null } });
    expect(h.get('namespaces', '', 'data')).toBeUndefined();
  });
});

describe('service account controller and root CA publisher', () => {
  it('creates the default ServiceAccount and kube-root-ca.crt in every namespace and restores them', () => {
    const h = harness({ settings: { rootCaPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' } });
    h.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    expect(h.get('serviceaccounts', 'team', 'default')).toBeDefined();
    const cm = h.get('configmaps', 'team', 'kube-root-ca.crt')!;
    expect(cm['data']).toEqual({ 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' });
    expect(cm.metadata.annotations?.['kubernetes.io/description']).toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver/);
    h.delete('serviceaccounts', 'team', 'default');
    expect(h.get('serviceaccounts', 'team', 'default')).toBeDefined();
    h.patch('configmaps', 'team', 'kube-root-ca.crt', { data: { 'ca.crt': 'tampered' } });
    expect(h.get('configmaps', 'team', 'kube-root-ca.crt')!['data']).toEqual({ 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' });
  });
});
