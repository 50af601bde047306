import { describe, expect, it } from 'vitest';
import { boot, create, pod, status } from '../helpers.js';
import { runCoreDns, runKubeProxy, syncEndpoints } from '../addons.js';
import { run } from '../tools/run.js';

function setup() {
  const env = boot();
  const { world, cluster, admin } = env;
  runKubeProxy(cluster);
  runCoreDns(cluster);
  create(admin, pod('web', 'node02', [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] }], {}, { labels: { app: 'web' } }));
  create(admin, pod('client', 'node01', [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '1d'] }], {}, { labels: { role: 'client' } }));
  admin.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.100.10', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] } });
  admin.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-np', namespace: 'default' }, spec: { type: 'NodePort', clusterIP: '10.96.100.11', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, nodePort: 30080, protocol: 'TCP' }] } });
  world.loop.advance(20);
  syncEndpoints(cluster);
  world.loop.settle();
  const exec = (argv: string[]) => {
    const w = cluster.nodes.get('node01')!.kubelet.worker('default', 'client')!;
    return w.exec(w.containerRecord('c')!, argv, 60);
  };
  return { ...env, exec };
}

describe('reachability from pods', () => {
  it('reaches a Service by name through CoreDNS and kube-proxy', () => {
    const { exec } = setup();
    const r = exec(['wget', '-qO-', 'http://web']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>');
    const ns = exec(['nslookup', 'web']);
    expect(ns.stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.100.10\n\n');
  });

  it('reports unknown names and refused ports in busybox words', () => {
    const { exec, admin } = setup();
    const bad = exec(['wget', '-qO-', 'http://nosuch']);
    expect([bad.exitCode, bad.stderr]).toEqual([1, "wget: bad address 'nosuch'\n"]);
    const ip = status(admin, 'web').podIP;
    const refused = exec(['wget', '-qO-', `http://${ip}:8080`]);
    expect(refused.stderr).toBe(`wget: can't connect to remote host (${ip}): Connection refused\n`);
  });

  it('times out under a default-deny NetworkPolicy and gets through once allowed', () => {
    const { exec, admin, world } = setup();
    admin.create('networkpolicies.networking.k8s.io', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'default' }, spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] } });
    world.loop.settle();
    const r = exec(['wget', '-T', '2', '-qO-', 'http://web']);
    expect([r.exitCode, r.stderr]).toEqual([1, 'wget: download timed out\n']);
    admin.create('networkpolicies.networking.k8s.io', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-client', namespace: 'default' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 80 }] }] } });
    expect(exec(['wget', '-T', '2', '-qO-', 'http://web']).exitCode).toBe(0);
  });

  it('does not enforce NetworkPolicy with flannel', () => {
    const env = boot({ cni: 'flannel' });
    const { world, cluster, admin } = env;
    create(admin, pod('web', 'node02', [{ name: 'nginx', image: 'nginx:1.27' }], {}, { labels: { app: 'web' } }));
    create(admin, pod('client', 'node01', [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '1d'] }]));
    admin.create('networkpolicies.networking.k8s.io', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'default' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
    world.loop.advance(20);
    const w = cluster.nodes.get('node01')!.kubelet.worker('default', 'client')!;
    const ip = status(admin, 'web').podIP!;
    expect(ip).toMatch(/^10\.244\.2\./);
    expect(w.exec(w.containerRecord('c')!, ['wget', '-T', '2', '-qO-', `http://${ip}`]).exitCode).toBe(0);
  });
});

describe('reachability from nodes', () => {
  it('curls a pod IP, a ClusterIP and a NodePort', async () => {
    const { world, cluster, admin } = setup();
    const node = cluster.nodes.get('node01')!;
    const ip = status(admin, 'web').podIP!;
    expect((await run(world, node, ['curl', '-s', `http://${ip}`])).stdout).toContain('Welcome to nginx!');
    expect((await run(world, node, ['curl', '-s', 'http://10.96.100.10'])).stdout).toContain('Welcome to nginx!');
    expect((await run(world, node, ['curl', '-s', 'http://192.168.100.4:30080'])).stdout).toContain('Welcome to nginx!');
    const refused = await run(world, node, ['curl', `http://${ip}:81`]);
    expect([refused.code, refused.stderr]).toEqual([7, `curl: (7) Failed to connect to ${ip} port 81 after 0 ms: Couldn't connect to server\n`]);
  });

  it('loses Services on a node where kube-proxy does not run', async () => {
    const { world, cluster, admin } = setup();
    admin.delete('pods', 'kube-system', 'kube-proxy-node01', { gracePeriodSeconds: 0 });
    world.loop.advance(2);
    const r = await run(world, cluster.nodes.get('node01')!, ['curl', '-m', '3', 'http://10.96.100.10']);
    expect([r.code, r.stderr]).toEqual([28, 'curl: (28) Connection timed out after 3001 milliseconds\n']);
  });

  it('talks to the apiserver over https', async () => {
    const { world, cluster } = setup();
    const cp = cluster.controlPlane();
    expect((await run(world, cp, ['curl', '-k', 'https://localhost:6443/healthz'])).stdout).toBe('ok');
    const noCa = await run(world, cp, ['curl', 'https://localhost:6443/healthz']);
    expect(noCa.code).toBe(60);
    const version = JSON.parse((await run(world, cp, ['curl', '-k', 'https://192.168.100.2:6443/version'])).stdout);
    expect(version.gitVersion).toBe('v1.33.2');
    const forbidden = JSON.parse((await run(world, cp, ['curl', '-k', 'https://192.168.100.2:6443/api/v1/namespaces/default/pods'])).stdout);
    expect([forbidden.code, forbidden.message]).toEqual([403, 'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"']);
  });

  it('resolves cluster names only through CoreDNS, not the host resolver', async () => {
    const { world, cluster } = setup();
    const node = cluster.nodes.get('node01')!;
    const host = await run(world, node, ['nslookup', 'web.default.svc.cluster.local']);
    expect([host.code, host.stdout]).toEqual([1, "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n** server can't find web.default.svc.cluster.local: NXDOMAIN\n\n"]);
    const direct = await run(world, node, ['nslookup', 'web.default.svc.cluster.local', '10.96.0.10']);
    expect(direct.stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.100.10\n\n');
    expect((await run(world, node, ['dig', '+short', '@10.96.0.10', 'web.default.svc.cluster.local'])).stdout).toBe('10.96.100.10\n');
  });
});

describe('more clients and policies', () => {
  it('pings pods but not ClusterIPs, and fetches with GNU wget on a node', async () => {
    const { world, cluster, admin } = setup();
    const node = cluster.nodes.get('node01')!;
    const ip = status(admin, 'web').podIP!;
    const ok = await run(world, node, ['ping', '-c', '2', ip]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^PING ${ip.replace(/\./g, '\\.')} \\(${ip.replace(/\./g, '\\.')}\\) 56\\(84\\) bytes of data\\.\\n64 bytes from `));
    expect(ok.stdout).toContain('2 packets transmitted, 2 received, 0% packet loss, time 1000ms');
    const svc = await run(world, node, ['ping', '-c', '1', '10.96.100.10']);
    expect([svc.code, svc.stdout.includes('1 packets transmitted, 0 received, 100% packet loss')]).toEqual([1, true]);
    const w = await run(world, node, ['wget', '-qO-', `http://${ip}/`]);
    expect(w.stdout).toContain('Welcome to nginx!');
    const missing = await run(world, node, ['wget', `http://${ip}/nope`]);
    expect(missing.code).toBe(8);
    expect(missing.stderr).toMatch(/HTTP request sent, awaiting response\.\.\. 404 Not Found\n2026-01-01 09:\d\d:\d\d ERROR 404: Not Found\.\n\n$/);
  });

  it('selects peers by namespace and by ipBlock', () => {
    const { exec, admin, world, cluster } = setup();
    admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tools', labels: { team: 'ops' } } });
    create(admin, { ...pod('probe', 'node02', [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '1d'] }]), metadata: { name: 'probe', namespace: 'tools' } });
    world.loop.advance(5);
    admin.create('networkpolicies.networking.k8s.io', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'from-ops', namespace: 'default' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }] } });
    const ip = status(admin, 'web').podIP!;
    expect(exec(['wget', '-T', '1', '-qO-', `http://${ip}`]).exitCode).toBe(1);
    const w = cluster.nodes.get('node02')!.kubelet.worker('tools', 'probe')!;
    expect(w.exec(w.containerRecord('c')!, ['wget', '-T', '1', '-qO-', `http://${ip}`]).exitCode).toBe(0);
    const clientIp = status(admin, 'client').podIP!;
    admin.create('networkpolicies.networking.k8s.io', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'from-ip', namespace: 'default' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: `${clientIp}/32` } }], ports: [{ protocol: 'TCP', port: 'http' }] }] } });
    expect(exec(['wget', '-T', '1', '-qO-', `http://${ip}`]).exitCode).toBe(0);
  });
});
