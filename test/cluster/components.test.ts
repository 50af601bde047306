import { describe, expect, it } from 'vitest';
import { boot } from '../node/helpers.js';
import type { Cluster } from '../../src/cluster/cluster.js';

function edit(cluster: Cluster, file: string, from: string, to: string): () => void {
  const cp = cluster.controlPlane();
  const path = `/etc/kubernetes/manifests/${file}`;
  const good = cp.fs.readFile(path);
  if (!good.includes(from)) throw new Error(`${from} not in ${file}`);
  cp.fs.writeFile(path, good.replace(from, to));
  return () => cp.fs.writeFile(path, good);
}

function logsOf(cluster: Cluster, name: string): string[] {
  const cp = cluster.controlPlane();
  return [...cp.runtime.containers.values()].filter((c) => c.name === name).sort((a, b) => b.createdAt - a.createdAt).slice(0, 1).flatMap((c) => cp.runtime.readLogs(c, cluster.world.clock.now()).map((l) => l.line));
}

describe('control-plane components break on bad manifests and heal when fixed', () => {
  it('the scheduler cannot find its kubeconfig', () => {
    const { world, cluster } = boot();
    const restore = edit(cluster, 'kube-scheduler.yaml', '- --kubeconfig=/etc/kubernetes/scheduler.conf', '- --kubeconfig=/etc/kubernetes/scheduler.config');
    world.loop.advance(15);
    expect(cluster.isRunning('kube-scheduler')).toBe(false);
    expect(logsOf(cluster, 'kube-scheduler')[0]).toMatch(/^E0101 09:00:\d\d\.\d{6}       1 run\.go:72\] "command failed" err="stat \/etc\/kubernetes\/scheduler\.config: no such file or directory"$/);
    restore();
    world.loop.advance(30);
    expect(cluster.isRunning('kube-scheduler')).toBe(true);
  });

  it('the apiserver cannot reach etcd on a wrong port', () => {
    const { world, cluster } = boot();
    const restore = edit(cluster, 'kube-apiserver.yaml', '--etcd-servers=https://127.0.0.1:2379', '--etcd-servers=https://127.0.0.1:2380');
    world.loop.advance(10);
    expect(cluster.apiAvailable()).toBe(false);
    expect(logsOf(cluster, 'kube-apiserver')[0]).toContain('grpc: addrConn.createTransport failed to connect to {Addr: "127.0.0.1:2380", ServerName: "127.0.0.1:2380", }');
    restore();
    world.loop.advance(30);
    expect(cluster.apiAvailable()).toBe(true);
  });

  it('the apiserver listens on the port its manifest says', () => {
    const { world, cluster } = boot();
    const cp = cluster.controlPlane();
    edit(cluster, 'kube-apiserver.yaml', '--secure-port=6443', '--secure-port=6444');
    world.loop.advance(10);
    expect(cluster.world.network.connect(cp.ip, 6443).ok).toBe(false);
    expect(cluster.world.network.connect(cp.ip, 6444).ok).toBe(true);
  });

  it('rejects a service range that is too large', () => {
    const { world, cluster } = boot();
    const restore = edit(cluster, 'kube-apiserver.yaml', '--service-cluster-ip-range=10.96.0.0/12', '--service-cluster-ip-range=10.0.0.0/8');
    world.loop.advance(10);
    expect(cluster.apiAvailable()).toBe(false);
    expect(logsOf(cluster, 'kube-apiserver')).toEqual([expect.stringMatching(/run\.go:72\] "command failed" err="specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12"$/)]);
    restore();
    world.loop.advance(30);
    expect(cluster.apiAvailable()).toBe(true);
  });

  it('a misspelt image tag cannot be pulled', () => {
    const { world, cluster, admin } = boot();
    edit(cluster, 'kube-controller-manager.yaml', 'kube-controller-manager:v1.33.2', 'kube-controller-manager:v1.33.22');
    world.loop.advance(10);
    expect(cluster.isRunning('kube-controller-manager')).toBe(false);
    const st = (admin.get('pods', 'kube-system', 'kube-controller-manager-controlplane')['status'] as { containerStatuses: { state: { waiting?: { reason: string; message: string } } }[] }).containerStatuses[0]!.state.waiting!;
    expect(st.reason).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    expect(st.message).toContain('failed to resolve reference "registry.k8s.io/kube-controller-manager:v1.33.22": registry.k8s.io/kube-controller-manager:v1.33.22: not found');
  });

  it('kube-proxy fails on a broken configuration file', () => {
    const { world, cluster, admin } = boot();
    const cm = admin.get('configmaps', 'kube-system', 'kube-proxy');
    admin.update('configmaps', { ...cm, data: { ...(cm['data'] as Record<string, string>), 'config.conf': 'kind: KubeProxyConfiguration\nmode: userspace\n' } });
    const ds = admin.get('daemonsets.apps', 'kube-system', 'kube-proxy');
    const t = (ds['spec'] as { template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> } }).template;
    admin.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kube-proxy-x', namespace: 'kube-system', labels: t.metadata.labels }, spec: { ...structuredClone(t.spec), nodeName: 'node01' } });
    world.loop.advance(5);
    const node = cluster.nodes.get('node01')!;
    const rec = node.kubelet.container('kube-system', 'kube-proxy-x', 'kube-proxy')!;
    expect(node.runtime.readLogs(rec, world.clock.now()).map((l) => l.line)).toEqual([expect.stringContaining('"command failed" err="invalid proxy mode \\"userspace\\""')]);
  });
});
