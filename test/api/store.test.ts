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

  it('lists the newest object of every name after any mix of writes between lists', () => {
    const s = new Store();
    const model = new Map<string, number>();
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let step = 0; step < 4000; step++) {
      const name = `pod-${rand(60).toString(36)}${rand(3) ? '' : '-x'}`;
      const op = rand(10);
      if (op < 5 && model.has(name)) {
        model.set(name, step);
        s.update('configmaps', cm(name, { v: String(step) }));
      } else if (op < 7 && !model.has(name)) {
        model.set(name, step);
        s.create('configmaps', cm(name, { v: String(step) }));
      } else if (op === 7 && model.has(name)) {
        model.delete(name);
        s.delete('configmaps', 'default', name);
      } else if (op >= 8) {
        const expected = [...model].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, v]) => `${n}=${v}`);
        expect(s.list('configmaps', 'default').map((o) => `${o.metadata.name}=${(o['data'] as { v: string }).v}`)).toEqual(expected);
      }
    }
  });

  it('hands out lists that later writes leave alone, and goes namespace by namespace across all', () => {
    const s = new Store();
    for (const n of ['c', 'a', 'b']) s.create('configmaps', cm(n, { v: '1' }));
    const held = s.list('configmaps', 'default');
    s.update('configmaps', cm('b', { v: '2' }));
    expect(s.list('configmaps', 'default').map((o) => o['data'])).toEqual([{ v: '1' }, { v: '2' }, { v: '1' }]);
    expect(held.map((o) => o['data'])).toEqual([{ v: '1' }, { v: '1' }, { v: '1' }]);
    s.create('configmaps', { ...cm('a'), metadata: { name: 'a', namespace: 'kube-system' } });
    expect(s.list('configmaps').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['default/a', 'default/b', 'default/c', 'kube-system/a']);
  });
});
