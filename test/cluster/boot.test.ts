import { describe, expect, it } from 'vitest';
import { World } from '../../src/cluster/world.js';
import { bootCluster } from '../../src/cluster/boot.js';
import { defaultClusterSpec } from '../../src/cluster/spec.js';

function boot() {
  const world = new World({ seed: 1 });
  const cluster = bootCluster(world, defaultClusterSpec());
  return { world, cluster, admin: cluster.admin() };
}

type Cond = { type: string; status: string; reason?: string };
const ready = (obj: Record<string, unknown>) => ((obj["status"] as { conditions?: Cond[] })?.conditions ?? []).find((c) => c.type === 'Ready')?.status;

describe('booting the default kubeadm cluster', () => {
  it('registers three Ready nodes, the control plane tainted and labelled', () => {
    const { admin } = boot();
    const nodes = admin.list('nodes');
    expect(nodes.map((n) => n.metadata.name)).toEqual(['controlplane', 'node01', 'node02']);
    expect(nodes.map((n) => ready(n))).toEqual(['True', 'True', 'True']);
    const cp = nodes[0]!;
    expect(cp.metadata.labels?.['node-role.kubernetes.io/control-plane']).toBe('');
    expect((cp['spec'] as { taints?: unknown[] }).taints).toEqual([{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }]);
  });

  it('runs the control plane as static pods with mirror pods named after the node', () => {
    const { admin } = boot();
    const pods = admin.list('pods', 'kube-system').filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror']);
    expect(pods.map((p) => p.metadata.name)).toEqual(['etcd-controlplane', 'kube-apiserver-controlplane', 'kube-controller-manager-controlplane', 'kube-scheduler-controlplane']);
    expect(pods.every((p) => (p['status'] as { phase: string }).phase === 'Running')).toBe(true);
  });

  it('creates the system namespaces and the kubernetes service at the first address of the service range', () => {
    const { admin } = boot();
    expect(admin.list('namespaces').map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect((admin.get('services', 'default', 'kubernetes')['spec'] as { clusterIP: string }).clusterIP).toBe('10.96.0.1');
  });

  it('crash-loops the scheduler when its manifest names a binary that does not exist, and heals once fixed', () => {
    const { world, cluster, admin } = boot();
    const cp = cluster.controlPlane();
    const path = '/etc/kubernetes/manifests/kube-scheduler.yaml';
    const good = cp.fs.readFile(path);
    cp.fs.writeFile(path, good.replace('- kube-scheduler\n', '- kube-schedulerr\n'));
    world.loop.advance(30);
    expect(cluster.isRunning('kube-scheduler')).toBe(false);
    const pod = admin.get('pods', 'kube-system', 'kube-scheduler-controlplane');
    const state = ((pod['status'] as { containerStatuses: { state: Record<string, { reason?: string }> }[] }).containerStatuses[0]!).state;
    expect(Object.values(state)[0]?.reason).toMatch(/CrashLoopBackOff|StartError/);
    cp.fs.writeFile(path, good);
    world.loop.advance(10);
    expect(cluster.isRunning('kube-scheduler')).toBe(true);
  });

  it('stops answering when the apiserver manifest passes an unknown flag', () => {
    const { world, cluster } = boot();
    const cp = cluster.controlPlane();
    const path = '/etc/kubernetes/manifests/kube-apiserver.yaml';
    cp.fs.writeFile(path, cp.fs.readFile(path).replace('- --allow-privileged=true\n', '- --allow-privileged=true\n    - --this-flag-does-not-exist=1\n'));
    world.loop.advance(20);
    expect(cluster.apiAvailable()).toBe(false);
    const logs = [...cp.runtime.containers.values()].filter((c) => c.name === 'kube-apiserver').flatMap((c) => c.logs.map((l) => l.line));
    expect(logs).toContain('Error: unknown flag: --this-flag-does-not-exist');
  });

  it('boots the same cluster from the same seed', () => {
    const a = boot().admin.list('pods', 'kube-system').map((p) => p.metadata.uid);
    const b = boot().admin.list('pods', 'kube-system').map((p) => p.metadata.uid);
    expect(a).toEqual(b);
  });
});
