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
});
