import { describe, expect, it } from 'vitest';
import { imageLocality, normalizedImageName } from '../../../src/scheduler/plugins/imageLocality.js';
import { cycle, node, pod, snapshotOf } from '../fixtures.js';

const MB = 1024 * 1024;

describe('ImageLocality', () => {
  it.each([
    ['nginx', 'nginx:latest'],
    ['nginx:1.27', 'nginx:1.27'],
    ['registry:5000/team/app', 'registry:5000/team/app:latest'],
  ])('%s is looked up as %s', (image, normalized) => {
    expect(normalizedImageName(image)).toBe(normalized);
  });

  it('scores a node holding a big image above one that does not, discounted by how many nodes have it', () => {
    const image = { names: ['docker.io/library/app:1.0', 'app:1.0'], sizeBytes: 500 * MB };
    const nodes = [node('has', { images: [image] }), node('lacks'), node('also', { images: [image] })];
    const snap = snapshotOf(nodes);
    const ctx = cycle(pod('p', { image: 'app:1.0' }), snap);
    // 500MB seen on 2 of 3 nodes counts 333MB: (333 - 23) / (1000 - 23) of 100.
    expect(snap.nodeInfos.map((n) => imageLocality.score!(ctx, n))).toEqual([31, 0, 31]);
  });

  it('images under 23MB earn nothing', () => {
    const snap = snapshotOf([node('has', { images: [{ names: ['busybox:latest'], sizeBytes: 4 * MB }] })]);
    expect(imageLocality.score!(cycle(pod('p', { image: 'busybox' }), snap), snap.get('has')!)).toBe(0);
  });

  it('pods of one pass are scored for their own images (equal lists are worked out once)', () => {
    const app = { names: ['app:1.0'], sizeBytes: 500 * MB };
    const db = { names: ['db:2'], sizeBytes: 800 * MB };
    const snap = snapshotOf([node('a', { images: [app] }), node('b', { images: [db] })]);
    const scoresOf = (image: string, init?: string): number[] => {
      const p = pod('p', { image });
      if (init) p.spec!.initContainers = [{ name: 'init', image: init }];
      const ctx = cycle(p, snap);
      return snap.nodeInfos.map((n) => imageLocality.score!(ctx, n));
    };
    expect(scoresOf('app:1.0')).toEqual([23, 0]);
    expect(scoresOf('db:2')).toEqual([0, 38]);
    expect(scoresOf('app:1.0', 'db:2')).toEqual([11, 19]);
    expect(scoresOf('app:1.0')).toEqual([23, 0]);
  });
});
