import { describe, expect, it } from 'vitest';
import { Store } from '../../src/api/store.js';

const cm = (name: string, data: string, namespace = 'default') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { v: data } });
const names = (store: Store, ns?: string) => store.list('configmaps', ns).map((o) => `${o.metadata.name}=${(o['data'] as { v: string }).v}`);

describe('Store lists', () => {
  it('lists in name order with each object as last written, across updates, creates and deletes', () => {
    const store = new Store();
    for (const n of ['c', 'a', 'b']) store.create('configmaps', cm(n, '1'));
    expect(names(store)).toEqual(['a=1', 'b=1', 'c=1']);
    // Updates between lists land at their own name's place.
    store.update('configmaps', cm('b', '2'));
    const held = store.list('configmaps', 'default');
    store.update('configmaps', cm('c', '2'));
    store.update('configmaps', cm('b', '3'));
    expect(names(store, 'default')).toEqual(['a=1', 'b=3', 'c=2']);
    // A list handed out earlier is the caller's own: later writes do not change it.
    expect(held.map((o) => (o['data'] as { v: string }).v)).toEqual(['1', '2', '1']);
    // A new name, then updates: positions after it have shifted.
    store.create('configmaps', cm('ab', '1'));
    store.update('configmaps', cm('c', '4'));
    expect(names(store, 'default')).toEqual(['a=1', 'ab=1', 'b=3', 'c=4']);
    store.update('configmaps', cm('b', '5'));
    expect(names(store, 'default')).toEqual(['a=1', 'ab=1', 'b=5', 'c=4']);
    // A deleted name, then an update after it.
    store.delete('configmaps', 'default', 'a');
    store.update('configmaps', cm('c', '6'));
    expect(names(store, 'default')).toEqual(['ab=1', 'b=5', 'c=6']);
    // Namespaces keep their own order; the cluster-wide list goes namespace by namespace.
    store.create('configmaps', cm('a', '1', 'kube-system'));
    store.update('configmaps', cm('a', '2', 'kube-system'));
    expect(names(store)).toEqual(['ab=1', 'b=5', 'c=6', 'a=2']);
  });
});
