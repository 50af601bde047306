import { describe, expect, it } from 'vitest';
import { boot, create, events, journal, pod, status } from '../helpers.js';

const ready = (admin: ReturnType<typeof boot>['admin'], node: string) => ((admin.get('nodes', '', node)['status'] as { conditions: { type: string; status: string; message: string }[] }).conditions.find((c) => c.type === 'Ready')!);

describe('the kubelet reads its configuration at every start', () => {
  it('fails without its config file, retries every 10 s, and heals once restored', () => {
    const { world, cluster } = boot();
    const node = cluster.nodes.get('node01')!;
    const good = node.fs.readFile('/var/lib/kubelet/config.yaml');
    node.fs.unlink('/var/lib/kubelet/config.yaml');
    node.systemd.restart('kubelet');
    const svc = node.systemd.service('kubelet')!;
    expect([svc.active, svc.sub]).toEqual(['activating', 'auto-restart']);
    const log = journal(cluster, 'node01', 'kubelet');
    const pid = svc.lastPid;
    expect(log).toContain(`kubelet[${pid}]: E0101 09:00:30.000000 ${String(pid).padStart(7)} run.go:72] "command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file \\"/var/lib/kubelet/config.yaml\\", error: open /var/lib/kubelet/config.yaml: no such file or directory"`);
    expect(log.slice(-2)).toEqual(['systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE', "systemd[1]: kubelet.service: Failed with result 'exit-code'."]);
    world.loop.advance(10);
    expect(journal(cluster, 'node01', 'kubelet')).toContain('systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 1.');
    node.fs.writeFile('/var/lib/kubelet/config.yaml', good);
    world.loop.advance(10);
    expect(node.systemd.service('kubelet')!.active).toBe('active');
    expect(node.kubelet.isRunning()).toBe(true);
  });

  it('reports a YAML error in config.yaml in go-yaml\'s words', () => {
    const { cluster } = boot();
    const node = cluster.nodes.get('node01')!;
    node.fs.writeFile('/var/lib/kubelet/config.yaml', node.fs.readFile('/var/lib/kubelet/config.yaml').replace('cgroupDriver: systemd', 'cgroupDriver: systemd\n  foo: bar'));
    node.systemd.restart('kubelet');
    expect(journal(cluster, 'node01', 'kubelet').some((l) => l.includes('error failed to decode: error converting YAML to JSON: yaml: line 16: mapping values are not allowed in this context'))).toBe(true);
  });

  it('rejects an unknown flag from /etc/default/kubelet', () => {
    const { cluster } = boot();
    const node = cluster.nodes.get('node01')!;
    node.fs.writeFile('/etc/default/kubelet', 'KUBELET_EXTRA_ARGS=--foo=bar\n', { parents: true });
    node.systemd.restart('kubelet');
    expect(journal(cluster, 'node01', 'kubelet').some((l) => l.endsWith('run.go:72] "command failed" err="failed to parse kubelet flag: unknown flag: --foo"'))).toBe(true);
    expect(node.kubelet.isRunning()).toBe(false);
  });

  it('needs daemon-reload before an edited drop-in takes effect', () => {
    const { cluster } = boot();
    const node = cluster.nodes.get('node01')!;
    const path = '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf';
    node.fs.writeFile(path, node.fs.readFile(path).replace('--config=/var/lib/kubelet/config.yaml', '--config=/var/lib/kubelet/config.yml'));
    node.systemd.restart('kubelet');
    expect(node.kubelet.isRunning()).toBe(true);
    expect(node.systemd.needsReload('kubelet')).toBe(true);
    node.systemd.daemonReload();
    node.systemd.restart('kubelet');
    expect(node.kubelet.isRunning()).toBe(false);
    expect(journal(cluster, 'node01', 'kubelet').some((l) => l.includes('open /var/lib/kubelet/config.yml: no such file or directory'))).toBe(true);
  });

  it('cannot start without a kubeconfig or a bootstrap kubeconfig', () => {
    const { cluster } = boot();
    const node = cluster.nodes.get('node02')!;
    node.fs.unlink('/etc/kubernetes/kubelet.conf');
    node.systemd.restart('kubelet');
    expect(journal(cluster, 'node02', 'kubelet').some((l) => l.endsWith('"command failed" err="failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory"'))).toBe(true);
  });

  it('stops renewing its Lease when stopped', () => {
    const { world, cluster, admin } = boot();
    const node = cluster.nodes.get('node01')!;
    node.systemd.stop('kubelet');
    const renew = () => (admin.get('leases.coordination.k8s.io', 'kube-node-lease', 'node01')['spec'] as { renewTime: string }).renewTime;
    const before = renew();
    world.loop.advance(60);
    expect(renew()).toBe(before);
    node.systemd.start('kubelet');
    world.loop.advance(1);
    expect(renew()).not.toBe(before);
  });

  it('reports the container runtime down while containerd is stopped', () => {
    const { world, cluster, admin } = boot();
    const node = cluster.nodes.get('node01')!;
    node.systemd.stop('containerd');
    world.loop.advance(15);
    expect(ready(admin, 'node01')).toMatchObject({ status: 'False', message: 'container runtime is down' });
    node.systemd.start('containerd');
    world.loop.advance(15);
    expect(ready(admin, 'node01').status).toBe('True');
  });
});

describe('pod networking from the CNI configuration', () => {
  it('leaves the node NotReady and pods without a sandbox when no CNI config exists', () => {
    const { world, cluster, admin } = boot();
    const node = cluster.nodes.get('node01')!;
    node.fs.unlink('/etc/cni/net.d/10-calico.conflist');
    world.loop.advance(15);
    expect(ready(admin, 'node01').message).toBe('container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized');
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(5);
    expect(status(admin, 'web').containerStatuses![0]!.state.waiting?.reason).toBe('ContainerCreating');
    expect(events(admin, 'web')[0]).toBe('NetworkNotReady: network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized');
  });

  it('fails sandboxes when the plugin binary is missing, and recovers when it is back', () => {
    const { world, cluster, admin } = boot();
    const node = cluster.nodes.get('node01')!;
    const bin = node.fs.readFile('/opt/cni/bin/calico');
    node.fs.unlink('/opt/cni/bin/calico');
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(5);
    // The DaemonSet pods on the node use the host network and need no CNI; the web pod gets no sandbox.
    expect([...node.runtime.sandboxes.values()].filter((s) => s.podName === 'web')).toHaveLength(0);
    expect(events(admin, 'web')[0]).toMatch(/^FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": failed to find plugin "calico" in path \[\/opt\/cni\/bin\]$/);
    node.fs.writeFile('/opt/cni/bin/calico', bin, { mode: 0o755 });
    world.loop.advance(20);
    expect(status(admin, 'web').phase).toBe('Running');
  });

  it('refuses addresses when the IPAM pool does not cover the node\'s pod CIDR', () => {
    const { world, cluster, admin } = boot();
    const node = cluster.nodes.get('node02')!;
    const path = '/etc/cni/net.d/10-calico.conflist';
    node.fs.writeFile(path, node.fs.readFile(path).replace('"10.244.0.0/16"', '"172.16.0.0/16"'));
    create(admin, pod('web', 'node02', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(5);
    expect(events(admin, 'web')[0]).toMatch(/failed to setup network for sandbox "[0-9a-f]{64}": plugin type="calico" failed \(add\): error getting IP from IPAM: no configured Calico pools for node "node02"$/);
  });
});

describe('the kubelet under another node name', () => {
  it('takes the pods bound to the name --hostname-override gives it', () => {
    const { world, cluster, admin } = boot();
    const node = cluster.nodes.get('node01')!;
    create(admin, pod('before', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(5);
    node.fs.writeFile('/etc/default/kubelet', 'KUBELET_EXTRA_ARGS=--hostname-override=worker-a\n', { parents: true });
    node.systemd.restart('kubelet');
    world.loop.advance(5);
    create(admin, pod('web', 'worker-a', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(5);
    // It starts the container; its credentials (system:node:node01) may not write the status.
    expect(events(admin, 'web').at(-1)).toBe('Started: Started container nginx');
    expect(status(admin, 'web').phase).toBe('Pending');
  });
});
