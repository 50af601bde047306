import { describe, expect, it } from 'vitest';
import { appModel } from '../../../src/node/apps/index.js';
import { resolveImage } from '../../../src/node/images.js';
import { ContainerFs } from '../../../src/node/container-fs.js';
import { VirtualFS } from '../../../src/vfs/fs.js';
import { populateRootfs } from '../../../src/node/apps/rootfs.js';
import type { NetClient } from '../../../src/node/net/types.js';
import type { KObject } from '../../../src/api/types.js';

const T0 = Date.parse('2026-01-01T09:00:00Z');

const offline: NetClient = {
  sourceIp: '10.244.1.5',
  nameserver: '10.96.0.10',
  search: [],
  resolve: (name) => ({ ok: false, name, error: 'NXDOMAIN', server: '10.96.0.10' }),
  dial: (ip, port) => ({ ok: false, ip, port, error: 'refused' }),
};

/** The stderr lines an nginx container of `img` writes when started at `start`. */
function nginxStart(img: string, start: number): string[] {
  const r = resolveImage(img);
  if (!r.ok) throw new Error(r.message);
  const root = new VirtualFS();
  populateRootfs(root, r.image);
  const fs = new ContainerFs(root, []);
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } } as KObject;
  const plan = appModel({ nodeName: 'n', nodeIp: '1.1.1.1', fs: new VirtualFS(), pod, container: { name: 'c', image: img }, attempt: 0, now: start, image: r.image, env: new Map(Object.entries(r.image.env)), containerFs: () => fs })!;
  const lines: string[] = [];
  plan.live!({ start, fs: () => fs, net: () => offline, log: (_at, stream, line) => stream === 'stderr' && lines.push(line) });
  return lines;
}

describe('nginx start-up lines', () => {
  it('carry the time and version of each start, whatever started just before', () => {
    const first = nginxStart('nginx:1.27', T0 + 400);
    expect(first[0]).toBe('2026/01/01 09:00:00 [notice] 1#1: using the "epoll" event method');
    expect(first[1]).toBe('2026/01/01 09:00:00 [notice] 1#1: nginx/1.27.5');
    expect(first).toHaveLength(8);
    // Same second, another version.
    expect(nginxStart('nginx:1.28', T0 + 900)[1]).toMatch(/^2026\/01\/01 09:00:00 \[notice\] 1#1: nginx\/1\.28\./);
    // A later second, the first version again.
    const later = nginxStart('nginx:1.27', T0 + 61_000);
    expect(later[1]).toBe('2026/01/01 09:01:01 [notice] 1#1: nginx/1.27.5');
    expect(later[7]).toBe('2026/01/01 09:01:01 [notice] 1#1: start worker process 30');
    // Back to the first second.
    expect(nginxStart('nginx:1.27', T0)).toEqual(first);
  });
});

describe('container output lines', () => {
  it('split each write as written, repeated, alternating and unfinished texts alike', () => {
    const r = resolveImage('busybox:1.36');
    if (!r.ok) throw new Error(r.message);
    const root = new VirtualFS();
    populateRootfs(root, r.image);
    const fs = new ContainerFs(root, []);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } } as KObject;
    const script = "for i in 1 2; do printf 'ab\\n'; printf 'cd\\n'; printf 'ab\\nx'; printf 'cd\\n'; done; printf 'ab\\n'; printf 'tail'";
    const plan = appModel({ nodeName: 'n', nodeIp: '1.1.1.1', fs: new VirtualFS(), pod, container: { name: 'c', image: 'busybox:1.36', command: ['sh', '-c', script] }, attempt: 0, now: T0, image: r.image, env: new Map(Object.entries(r.image.env)), containerFs: () => fs })!;
    const lines: string[] = [];
    plan.live!({ start: T0, fs: () => fs, net: () => offline, log: (_at, _stream, line) => lines.push(line) });
    expect(lines).toEqual(['ab', 'cd', 'ab', 'xcd', 'ab', 'cd', 'ab', 'xcd', 'ab', 'tail']);
  });
});
