import { describe, expect, it } from 'vitest';
import { boot, create, events, pod } from '../helpers.js';

describe('graceful termination', () => {
  it('waits out the grace period for a shell that ignores SIGTERM', () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('sleeper', 'node01', [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] }], { terminationGracePeriodSeconds: 20 }));
    world.loop.advance(5);
    const rec = cluster.nodes.get('node01')!.kubelet.container('default', 'sleeper', 'c')!;
    admin.delete('pods', 'default', 'sleeper');
    world.loop.advance(10);
    expect(admin.find('pods', 'default', 'sleeper')?.metadata.deletionTimestamp).toBeDefined();
    expect(events(admin, 'sleeper')).toContain('Killing: Stopping container c');
    world.loop.advance(11);
    expect(admin.find('pods', 'default', 'sleeper')).toBeUndefined();
    expect([rec.exitCode, rec.reason]).toEqual([137, 'Error']);
  });

  it('lets nginx stop at once', () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(5);
    const rec = cluster.nodes.get('node01')!.kubelet.container('default', 'web', 'nginx')!;
    admin.delete('pods', 'default', 'web');
    world.loop.settle();
    expect(admin.find('pods', 'default', 'web')).toBeUndefined();
    expect([rec.exitCode, rec.reason]).toEqual([0, 'Completed']);
  });

  it('releases the pod address for later pods', () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('a', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(5);
    admin.delete('pods', 'default', 'a');
    world.loop.advance(2);
    expect(cluster.nodes.get('node01')!.runtime.sandboxes.size).toBeGreaterThan(0);
    expect([...cluster.nodes.get('node01')!.runtime.sandboxes.values()].every((s) => s.state === 'notready' || s.podName !== 'a')).toBe(true);
  });
});
