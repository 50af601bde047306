import { describe, expect, it } from 'vitest';
import { boot, create, pod, status } from '../helpers.js';
import { run } from './run.js';

describe('ip route', () => {
  it('routes the other nodes\' pod CIDRs through the Calico tunnel, in the kernel\'s address order', async () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(10);
    // The controller-manager's node IPAM gave the CIDRs in join order.
    expect(admin.list('nodes').map((n) => `${n.metadata.name} ${(n['spec'] as { podCIDR?: string }).podCIDR}`)).toEqual(['controlplane 10.244.0.0/24', 'node01 10.244.1.0/24', 'node02 10.244.2.0/24']);
    const node = cluster.nodes.get('node01')!;
    const sandbox = [...node.runtime.sandboxes.values()].find((s) => s.podName === 'web')!;
    const lines = (await run(world, node, ['ip', 'route'])).stdout.split('\n');
    expect(lines[0]).toBe('default via 192.168.100.1 dev eth0 proto dhcp src 192.168.100.3 metric 100 ');
    expect(lines[1]).toBe('10.244.0.0/24 via 192.168.100.2 dev tunl0 proto bird onlink ');
    expect(lines[2]).toBe('blackhole 10.244.1.0/24 proto bird ');
    expect(lines).toContain(`${status(admin, 'web').podIP} dev cali${sandbox.id.slice(0, 11)} scope link `);
    expect(lines.slice(-4)).toEqual(['10.244.2.0/24 via 192.168.100.4 dev tunl0 proto bird onlink ', '192.168.100.0/24 dev eth0 proto kernel scope link src 192.168.100.3 metric 100 ', '192.168.100.1 dev eth0 proto dhcp scope link src 192.168.100.3 metric 100 ', '']);
  });

  it('routes through flannel.1 and the cni0 bridge with flannel, and keeps them while the apiserver is down', async () => {
    const { world, cluster } = boot({ cni: 'flannel' });
    const node = cluster.nodes.get('node02')!;
    const expected =
      'default via 192.168.100.1 dev eth0 proto dhcp src 192.168.100.4 metric 100 \n' +
      '10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink \n' +
      '10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink \n' +
      '10.244.2.0/24 dev cni0 proto kernel scope link src 10.244.2.1 \n' +
      '192.168.100.0/24 dev eth0 proto kernel scope link src 192.168.100.4 metric 100 \n' +
      '192.168.100.1 dev eth0 proto dhcp scope link src 192.168.100.4 metric 100 \n';
    expect((await run(world, node, ['ip', 'route'])).stdout).toBe(expected);
    cluster.controlPlane().fs.rename('/etc/kubernetes/manifests/kube-apiserver.yaml', '/root/kube-apiserver.yaml');
    world.loop.advance(40);
    expect(cluster.apiAvailable()).toBe(false);
    expect((await run(world, node, ['ip', 'route'])).stdout).toBe(expected);
  });
});
