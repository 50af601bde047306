import { describe, expect, it } from 'vitest';
import { boot, create, events, pod, status } from '../helpers.js';
import type { ApiClient } from '../../../src/api/client.js';

type Rejected = { phase?: string; reason?: string; message?: string };

function rejected(admin: ApiClient, name: string): Rejected {
  const s = status(admin, name) as Rejected;
  return { phase: s.phase, reason: s.reason, message: s.message };
}

function podsOn(admin: ApiClient, node: string): number {
  return admin.list('pods').filter((p) => (p['spec'] as { nodeName?: string }).nodeName === node && !['Succeeded', 'Failed'].includes(String((p['status'] as { phase?: string } | undefined)?.phase))).length;
}

describe('the kubelet admits a pod only if it fits', () => {
  it('rejects a pod beyond maxPods from its configuration with OutOfpods', () => {
    const { world, cluster, admin } = boot();
    const node = cluster.nodes.get('node01')!;
    const path = '/var/lib/kubelet/config.yaml';
    node.fs.writeFile(path, node.fs.readFile(path).replace('memorySwap: {}\n', 'maxPods: 6\nmemorySwap: {}\n'));
    node.systemd.restart('kubelet');
    world.loop.advance(10);
    const capacity = (admin.get('nodes', '', 'node01')['status'] as { capacity: { pods: string }; allocatable: { pods: string } });
    expect([capacity.capacity.pods, capacity.allocatable.pods]).toEqual(['6', '6']);
    const running = podsOn(admin, 'node01');
    for (let i = running; i < 6; i++) create(admin, pod(`p${i}`, 'node01', [{ name: 'c', image: 'busybox', command: ['sleep', '1d'] }]));
    world.loop.advance(5);
    create(admin, pod('extra', 'node01', [{ name: 'c', image: 'busybox', command: ['sleep', '1d'] }]));
    world.loop.advance(5);
    expect(rejected(admin, 'extra')).toEqual({ phase: 'Failed', reason: 'OutOfpods', message: "Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: 6, capacity: 6" });
    expect(events(admin, 'extra')).toContain("OutOfpods: Node didn't have enough resource: pods, requested: 1, used: 6, capacity: 6");
    expect(cluster.nodes.get('node01')!.kubelet.worker('default', 'extra')).toBeUndefined();
  });

  it('rejects a second pod on the same host port, but not on another protocol or address', () => {
    const { world, admin } = boot();
    const withPort = (name: string, port: Record<string, unknown>) => pod(name, 'node01', [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, ...port }] }]);
    create(admin, withPort('first', { hostPort: 8080 }));
    world.loop.advance(5);
    create(admin, withPort('second', { hostPort: 8080 }));
    create(admin, withPort('udp', { hostPort: 8080, protocol: 'UDP' }));
    world.loop.advance(5);
    expect(rejected(admin, 'second')).toEqual({ phase: 'Failed', reason: 'NodePorts', message: "Pod was rejected: Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports" });
    expect(status(admin, 'udp').phase).toBe('Running');
    expect(status(admin, 'first').phase).toBe('Running');
  });

  it('rejects cpu beyond the allocatable, and a node selector the node does not match', () => {
    const { world, admin } = boot();
    create(admin, pod('big', 'node02', [{ name: 'c', image: 'busybox', command: ['sleep', '1d'], resources: { requests: { cpu: '3' } } }]));
    create(admin, pod('picky', 'node02', [{ name: 'c', image: 'busybox', command: ['sleep', '1d'] }], { nodeSelector: { disktype: 'ssd' } }));
    world.loop.advance(5);
    const big = rejected(admin, 'big');
    expect(big.reason).toBe('OutOfcpu');
    expect(big.message).toMatch(/^Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: \d+, capacity: 2000$/);
    expect(rejected(admin, 'picky')).toEqual({ phase: 'Failed', reason: 'NodeAffinity', message: "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector" });
  });

  it('counts the cpu and memory of the pods it runs and that have not ended, as they are now', () => {
    const { world, admin } = boot();
    const sleeper = (name: string, cpu: string, memory: string, spec: Record<string, unknown> = {}, command = ['sleep', '1d']) =>
      pod(name, 'node02', [{ name: 'c', image: 'busybox', command, resources: { requests: { cpu, memory } } }], spec);
    create(admin, sleeper('a', '500m', '100Mi'));
    create(admin, sleeper('b', '300m', '200Mi'));
    create(admin, sleeper('done', '400m', '300Mi', { restartPolicy: 'Never' }, ['true']));
    world.loop.advance(5);
    expect(status(admin, 'done').phase).toBe('Succeeded');
    // What the node's other (system) pods request, from the API: the pods that have not ended.
    const live = admin.list('pods').filter((p) => (p['spec'] as { nodeName?: string }).nodeName === 'node02' && !['Succeeded', 'Failed'].includes(String((p['status'] as { phase?: string }).phase)));
    const milli = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
    const used = live.reduce((sum, p) => sum + ((p['spec'] as { containers: { resources?: { requests?: { cpu?: string } } }[] }).containers.reduce((s, c) => s + milli(c.resources?.requests?.cpu ?? '0'), 0)), 0);
    expect(live.map((p) => p.metadata.name)).toEqual(expect.arrayContaining(['a', 'b']));
    create(admin, sleeper('big', '1900m', '1Mi'));
    world.loop.advance(5);
    expect(rejected(admin, 'big').message).toBe(`Pod was rejected: Node didn't have enough resource: cpu, requested: 1900, used: ${used}, capacity: 2000`);
    // b goes: its cpu is free again for a pod that fits beside what is left.
    admin.delete('pods', 'default', 'b', { gracePeriodSeconds: 0 });
    world.loop.advance(5);
    create(admin, sleeper('fits', `${2000 - used + 300}m`, '1Mi'));
    world.loop.advance(5);
    expect(status(admin, 'fits').phase).toBe('Running');
  });
});
