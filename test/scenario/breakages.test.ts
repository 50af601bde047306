import { describe, expect, it } from 'vitest';
import { World } from '../../src/cluster/world.js';
import { bootCluster } from '../../src/cluster/boot.js';
import { defaultClusterSpec } from '../../src/cluster/spec.js';
import { defaultBootHooks } from '../../src/cluster/assemble.js';
import { applyBreakage, BreakageError, type BreakageContext } from '../../src/scenario/breakages.js';
import type { Breakage } from '../../src/scenario/types.js';
import { parseYaml } from '../../src/util/yaml.js';

function setup() {
  const world = new World({ seed: 3 });
  const cluster = bootCluster(world, defaultClusterSpec(), defaultBootHooks());
  const ctx: BreakageContext = { world, cluster, clusters: new Map([[cluster.name, cluster]]) };
  const cp = cluster.controlPlane();
  const admin = cluster.admin();
  const apply = (b: Breakage) => applyBreakage(b, ctx);
  return { world, cluster, cp, admin, apply };
}

function errorOf(fn: () => void): BreakageError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BreakageError) return e;
    throw e;
  }
  throw new Error('expected a BreakageError');
}

describe('breakage catalogue', () => {
  it('file: sets a YAML field, replaces text, appends, and deletes', () => {
    const { cp, apply } = setup();
    apply({ file: { host: 'controlplane', path: '/var/lib/kubelet/config.yaml', set: { clusterDomain: 'cluster.lokal' } } });
    expect((parseYaml(cp.fs.readFile('/var/lib/kubelet/config.yaml')) as { clusterDomain: string }).clusterDomain).toBe('cluster.lokal');
    apply({ file: { host: 'controlplane', path: '/etc/hosts', replace: [{ from: 'localhost', to: 'localhorst' }], append: '# edited\n' } });
    expect(cp.fs.readFile('/etc/hosts')).toMatch(/^127\.0\.0\.1 localhorst\n[\s\S]*# edited\n$/);
    apply({ file: { host: 'controlplane', path: '/etc/kubernetes/scheduler.conf', delete: true } });
    expect(cp.fs.exists('/etc/kubernetes/scheduler.conf')).toBe(false);
  });

  it('file: refuses a target that does not exist, naming the field', () => {
    const { apply } = setup();
    const e = errorOf(() => apply({ file: { host: 'controlplane', path: '/etc/nope.yaml', append: 'x' } }));
    expect([e.message, e.field]).toEqual(['/etc/nope.yaml does not exist on controlplane', 'path']);
  });

  it('staticPod: renames the binary and the scheduler stops', () => {
    const { world, cluster, apply } = setup();
    apply({ staticPod: { node: 'controlplane', component: 'kube-scheduler', set: { 'command[0]': 'kube-schedulerr' } } });
    world.loop.advance(20);
    expect(cluster.isRunning('kube-scheduler')).toBe(false);
  });

  it('staticPod: sets, adds and removes flags', () => {
    const { cp, apply } = setup();
    apply({ staticPod: { node: 'controlplane', component: 'kube-apiserver', flags: { 'secure-port': '6444', 'audit-log-path': '/var/log/audit.log', 'allow-privileged': null } } });
    const pod = parseYaml(cp.fs.readFile('/etc/kubernetes/manifests/kube-apiserver.yaml')) as { spec: { containers: { command: string[] }[] } };
    const cmd = pod.spec.containers[0]!.command;
    expect(cmd).toContain('--secure-port=6444');
    expect(cmd).toContain('--audit-log-path=/var/log/audit.log');
    expect(cmd.some((a) => a.startsWith('--allow-privileged'))).toBe(false);
  });

  it('service: stops and disables the kubelet', () => {
    const { cluster, apply } = setup();
    apply({ service: { node: 'node01', unit: 'kubelet', disable: true } });
    const systemd = cluster.nodes.get('node01')!.systemd;
    expect([systemd.isActive('kubelet'), systemd.enablement('kubelet')]).toEqual([false, 'disabled']);
  });

  it('object: sets a field through the API and deletes objects', () => {
    const { admin, apply } = setup();
    admin.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { mode: 'prod' } });
    apply({ object: { kind: 'ConfigMap', name: 'app', set: { 'data.mode': 'debug' } } });
    expect((admin.get('configmaps', 'default', 'app')['data'] as { mode: string }).mode).toBe('debug');
    apply({ object: { kind: 'ConfigMap', name: 'app', delete: true } });
    expect(admin.find('configmaps', 'default', 'app')).toBeUndefined();
  });

  it('node: taints and cordons a node', () => {
    const { admin, apply } = setup();
    apply({ node: { name: 'node02', taints: [{ key: 'maintenance', effect: 'NoSchedule' }], cordon: true } });
    const spec = admin.get('nodes', '', 'node02')['spec'] as { unschedulable?: boolean; taints?: { key: string }[] };
    expect(spec.unschedulable).toBe(true);
    expect(spec.taints?.map((t) => t.key)).toContain('maintenance');
  });

  it('cni: rewrites the IPAM range and removes a plugin binary', () => {
    const { cluster, apply } = setup();
    apply({ cni: { node: 'node01', range: '10.250.0.0/16', removeBinary: 'portmap' } });
    const node = cluster.nodes.get('node01')!;
    expect(JSON.parse(node.fs.readFile('/etc/cni/net.d/10-calico.conflist')).plugins[0].ipam.ipv4_pools).toEqual(['10.250.0.0/16']);
    expect(node.fs.exists('/opt/cni/bin/portmap')).toBe(false);
    expect(cluster.nodes.get('node02')!.fs.exists('/opt/cni/bin/portmap')).toBe(true);
  });

  it('kubeconfig: points the candidate at the wrong port', () => {
    const { world, apply } = setup();
    apply({ kubeconfig: { host: 'terminal', path: '/home/candidate/.kube/config', server: 'https://controlplane:6444' } });
    expect(world.workstation.fs.readFile('/home/candidate/.kube/config')).toContain('server: https://controlplane:6444');
  });

  it('rbac: removes the rules that grant a verb', () => {
    const { admin, apply } = setup();
    admin.create('roles.rbac.authorization.k8s.io', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'developer', namespace: 'default' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }, { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] }],
    });
    apply({ rbac: { kind: 'Role', namespace: 'default', name: 'developer', removeRule: { verbs: ['list'] } } });
    expect(admin.get('roles.rbac.authorization.k8s.io', 'default', 'developer')['rules']).toEqual([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] }]);
  });

  it('certificate: explains that it needs the PKI when no reissuer is wired', () => {
    const { apply } = setup();
    const e = errorOf(() => apply({ certificate: { host: 'controlplane', path: '/etc/kubernetes/pki/apiserver.crt', expired: true } }));
    expect(e.message).toMatch(/PKI/);
  });
});
