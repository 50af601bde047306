import { describe, expect, it } from 'vitest';
import { Store } from '../../src/api/store.js';
import type { KObject } from '../../src/api/types.js';

const cm = (name: string, data: Record<string, string> = {}): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data });
const names = (s: Store) => s.list('configmaps', 'default').map((o) => o.metadata.name);

describe('Store', () => {
  it('lists in name order whatever the order of creates, updates and deletes between lists', () => {
    const s = new Store();
    s.create('configmaps', cm('m'));
    expect(names(s)).toEqual(['m']);
    s.create('configmaps', cm('z'));
    s.create('configmaps', cm('a'));
    expect(names(s)).toEqual(['a', 'm', 'z']);
    s.update('configmaps', { ...cm('m', { k: 'v' }) });
    expect(s.list('configmaps', 'default').map((o) => o['data'])).toEqual([{}, { k: 'v' }, {}]);
    s.delete('configmaps', 'default', 'a');
    s.create('configmaps', cm('b'));
    expect(names(s)).toEqual(['b', 'm', 'z']);
    expect(s.list('configmaps').map((o) => o.metadata.name)).toEqual(['b', 'm', 'z']);
  });
});
