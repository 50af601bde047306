import { describe, expect, it } from 'vitest';
import { ContainerFs, OverlayLayers } from '../../src/node/container-fs.js';
import { VirtualFS } from '../../src/vfs/fs.js';

describe("a container's view of its image layer", () => {
  const image = new VirtualFS();
  image.writeFile('/etc/nginx/conf.d/default.conf', 'server {}\n', { parents: true });
  image.writeFile('/etc/nginx-extra/x', 'x\n', { parents: true });
  image.writeFile('/etc/hosts', '', { parents: true });
  const view = (mounts: string[], seeded: string[] = [], change?: (fs: ContainerFs) => void) => {
    const layers = new OverlayLayers(new VirtualFS(), image);
    if (seeded.length) layers.seed(seeded, () => seeded.map(() => 'seeded\n'));
    const fs = new ContainerFs(layers, mounts.map((path) => ({ path, fs: new VirtualFS(), base: '/', readOnly: false })));
    change?.(fs);
    return fs;
  };

  it("is the image's own for a directory nothing is mounted over, at, inside or above, and the container did not touch", () => {
    expect(view([]).imageLayerFor('/etc/nginx')).toBe(image);
    expect(view(['/etc/nginx-extra', '/var/run/secrets/kubernetes.io/serviceaccount', '/etc/nginxx']).imageLayerFor('/etc/nginx')).toBe(image);
    expect(view([], ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf']).imageLayerFor('/etc/nginx')).toBe(image);
    for (const m of ['/etc/nginx', '/etc/nginx/conf.d', '/etc', '/']) expect(view([m]).imageLayerFor('/etc/nginx')).toBeUndefined();
    expect(view([], ['/etc/nginx/conf.d/x.conf']).imageLayerFor('/etc/nginx')).toBeUndefined();
    expect(view([], ['/etc/hosts']).imageLayerFor('/')).toBeUndefined();
    expect(view([], [], (fs) => fs.write('/etc/nginx/conf.d/default.conf', 'server { listen 81; }\n')).imageLayerFor('/etc/nginx')).toBeUndefined();
    expect(view([], [], (fs) => fs.remove('/etc/nginx/conf.d/default.conf')).imageLayerFor('/etc/nginx')).toBeUndefined();
    expect(view([], [], (fs) => fs.remove('/etc/nginx-extra', true)).imageLayerFor('/etc/nginx')).toBe(image);
    expect(view([], [], (fs) => fs.write('/etc/nginx-extra/y', 'y\n')).imageLayerFor('/etc/nginx')).toBe(image);
  });
});
