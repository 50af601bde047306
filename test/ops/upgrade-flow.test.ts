import { describe, expect, it } from 'vitest';
import { bootOps, type OpsWorld } from './helpers.js';
import { kubectlProgram } from '../../src/kubectl/index.js';

function kubeletVersions(t: OpsWorld): Record<string, string> {
  return Object.fromEntries(t.cluster.admin().list('nodes').map((n) => [n.metadata.name, (n['status'] as { nodeInfo: { kubeletVersion: string } }).nodeInfo.kubeletVersion]));
}

function cordon(t: OpsWorld, node: string, unschedulable: boolean): void {
  t.cluster.admin().patch('nodes', '', node, 'merge', { spec: { unschedulable } });
}

/** What `systemctl daemon-reload && systemctl restart kubelet` does to the unit. */
function restartKubelet(t: OpsWorld, node: string): void {
  const n = t.node(node);
  n.systemd.stop('kubelet');
  n.systemd.start('kubelet');
  t.world.loop.advance(20);
}

async function ok(t: OpsWorld, line: string, host = 'controlplane'): Promise<string> {
  const r = await t.sh(line, host);
  expect(r.status, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
  return r.stdout;
}

describe('the CKA cluster upgrade, end to end', () => {
  it('upgrades the control plane and a worker to the latest patch, with the versions following each step', async () => {
    const t = bootOps();
    t.cp.programs.install('kubectl', '/usr/bin/kubectl', kubectlProgram(t.world));
    cordon(t, 'controlplane', true);
    await ok(t, 'apt-mark unhold kubeadm && apt-get update && apt-get install -y kubeadm=1.33.7-1.1 && apt-mark hold kubeadm');
    expect(await ok(t, 'kubeadm version -o short')).toBe('v1.33.7\n');
    expect(await ok(t, 'kubeadm upgrade plan')).toContain('\tkubeadm upgrade apply v1.33.7\n');
    await ok(t, 'kubeadm upgrade apply v1.33.7 -y');
    expect((await ok(t, 'kubectl version --kubeconfig /etc/kubernetes/admin.conf')).split('\n')[2]).toBe('Server Version: v1.33.7');
    expect(kubeletVersions(t)['controlplane']).toBe('v1.33.2');

    await ok(t, 'apt-mark unhold kubelet kubectl && apt-get install -y kubelet=1.33.7-1.1 kubectl=1.33.7-1.1 && apt-mark hold kubelet kubectl');
    expect(await ok(t, 'kubectl version --client')).toBe('Client Version: v1.33.7\nKustomize Version: v5.6.0\n');
    expect(kubeletVersions(t)['controlplane']).toBe('v1.33.2');
    restartKubelet(t, 'controlplane');
    cordon(t, 'controlplane', false);
    expect(kubeletVersions(t)).toEqual({ controlplane: 'v1.33.7', node01: 'v1.33.2', node02: 'v1.33.2' });

    cordon(t, 'node01', true);
    await ok(t, 'apt-mark unhold kubeadm && apt-get install -y kubeadm=1.33.7-1.1 && apt-mark hold kubeadm', 'node01');
    await ok(t, 'kubeadm upgrade node', 'node01');
    await ok(t, 'apt-get install -y --allow-change-held-packages kubelet=1.33.7-1.1 kubectl=1.33.7-1.1', 'node01');
    restartKubelet(t, 'node01');
    cordon(t, 'node01', false);
    expect(kubeletVersions(t)).toEqual({ controlplane: 'v1.33.7', node01: 'v1.33.7', node02: 'v1.33.2' });
    expect(t.cluster.apiAvailable()).toBe(true);
  }, 60_000);

  it('upgrades to the next minor version after switching the package repository', async () => {
    const t = bootOps();
    const list = '/etc/apt/sources.list.d/kubernetes.list';
    // Before the switch, the v1.34 packages cannot be found.
    const missing = await t.sh('apt-get install -y --allow-change-held-packages kubeadm=1.34.3-1.1');
    expect(missing.stderr).toBe("E: Version '1.34.3-1.1' for 'kubeadm' was not found\n");
    t.cp.fs.writeFile(list, t.cp.fs.readFile(list).replace('/v1.33/', '/v1.34/'));
    await ok(t, 'apt-get update');
    await ok(t, 'apt-get install -y --allow-change-held-packages kubeadm=1.34.3-1.1');
    const plan = await ok(t, 'kubeadm upgrade plan');
    expect(plan).toContain('Upgrade to the latest version in the v1.33 series:\n');
    expect(plan).toContain('Upgrade to the latest stable version:\n');
    expect(plan).toContain('etcd                      controlplane   3.5.21-0   3.6.5-0\n');
    await ok(t, 'kubeadm upgrade apply v1.34.3 -y');
    expect(t.cp.fs.readFile('/etc/kubernetes/manifests/kube-apiserver.yaml')).toContain('image: registry.k8s.io/kube-apiserver:v1.34.3\n');
    expect(t.cp.fs.readFile('/etc/kubernetes/manifests/etcd.yaml')).toContain('image: registry.k8s.io/etcd:3.6.5-0\n');
    const dns = t.cluster.admin().get('deployments.apps', 'kube-system', 'coredns');
    expect(JSON.stringify(dns['spec'])).toContain('registry.k8s.io/coredns/coredns:v1.12.1');
    await ok(t, 'apt-get install -y --allow-change-held-packages kubelet=1.34.3-1.1');
    restartKubelet(t, 'controlplane');
    expect(kubeletVersions(t)['controlplane']).toBe('v1.34.3');
    // The cluster still works on the new control plane.
    t.cluster.admin().create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'after-upgrade' } });
    expect(t.cluster.admin().find('namespaces', '', 'after-upgrade')).toBeDefined();
  }, 60_000);
});
