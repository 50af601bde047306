import { describe, expect, it } from 'vitest';
import { ContainerRuntime } from '../../src/node/runtime.js';
import { Rng } from '../../src/util/rng.js';
import { resolveImage } from '../../src/node/images.js';

describe('container runtime ids', () => {
  it('are 64 hex digits drawn as rng.string would draw them (seeded ids stay what they were)', () => {
    const runtime = new ContainerRuntime(new Rng(42));
    const oracle = new Rng(42);
    for (let i = 0; i < 5; i++) {
      const id = runtime.newId();
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(id).toBe(oracle.string(64, '0123456789abcdef'));
    }
  });
});

describe('container runtime images', () => {
  it('find an image by any reference naming it, each reference by its own name, an invalid one never', () => {
    const runtime = new ContainerRuntime(new Rng(1));
    const info = (ref: string) => {
      const r = resolveImage(ref);
      if (!r.ok) throw new Error(r.message);
      return r.image;
    };
    runtime.addImage(info('nginx:1.27'), 0);
    expect(runtime.image('nginx')).toBeUndefined();
    runtime.addImage(info('nginx'), 0);
    for (const ref of ['nginx:1.27', 'docker.io/library/nginx:1.27', 'library/nginx:1.27']) expect(runtime.image(ref)?.info.fullName).toBe('docker.io/library/nginx:1.27');
    for (const ref of ['nginx', 'nginx:latest', 'docker.io/library/nginx']) expect(runtime.image(ref)?.info.fullName).toBe('docker.io/library/nginx:latest');
    // Asked twice: the second answer comes from the memo of parsed references.
    expect(runtime.image('Nginx:1.27')).toBeUndefined();
    expect(runtime.image('Nginx:1.27')).toBeUndefined();
    expect(runtime.image('busybox:1.36')).toBeUndefined();
    runtime.removeImage('nginx:1.27');
    expect(runtime.image('nginx:1.27')).toBeUndefined();
  });
});

describe('container runtime logs', () => {
  it("keep each container's own lines, times and streams when containers write the same text", () => {
    const runtime = new ContainerRuntime(new Rng(1));
    const container = (name: string) => runtime.createContainer({ name, sandboxId: 's', podUid: name, podName: name, podNamespace: 'default', image: 'nginx', imageRef: 'docker.io/library/nginx:latest', imageId: 'sha256:1', imageDigest: 'sha256:2', attempt: 0, createdAt: 0, argv: [], env: [], mounts: [], listens: [] });
    const [a, b, c] = [container('a'), container('b'), container('c')];
    for (const r of [a, b]) {
      runtime.appendLog(r, 1000, 'ready');
      runtime.appendLog(r, 1000, 'ready', 'stderr');
    }
    runtime.appendLog(c, 1000, 'ready', 'stderr');
    runtime.appendLog(c, 2000, 'ready');
    runtime.appendLog(a, 2000, 'more');
    const seen = (r: typeof a) => runtime.readLogs(r, 3000).map((l) => `${l.at} ${l.stream} ${l.line}`);
    expect(seen(a)).toEqual(['1000 stdout ready', '1000 stderr ready', '2000 stdout more']);
    expect(seen(b)).toEqual(['1000 stdout ready', '1000 stderr ready']);
    expect(seen(c)).toEqual(['1000 stderr ready', '2000 stdout ready']);
  });
});
