import { describe, expect, it } from 'vitest';
import { boot, create, logs, pod } from '../helpers.js';

/** An image's files are unpacked once and shared: what one container does to them must stay its own. */
describe("containers over an image's shared files", () => {
  const nginx = (name: string, node: string, command?: string) => pod(name, node, [{ name: 'nginx', image: 'nginx:1.27', ...(command ? { command: ['sh', '-c', command] } : {}) }]);

  it("keep their writes and deletions to themselves, on the same node, on other nodes and in other clusters", () => {
    const a = boot();
    const b = boot();
    const change = "echo 'server { listen 9090; }' > /etc/nginx/conf.d/default.conf && rm /usr/share/nginx/html/index.html && echo mine > /etc/os-release && exec nginx -g 'daemon off;'";
    create(a.admin, nginx('changed', 'node01', change));
    create(a.admin, nginx('same-node', 'node01'));
    create(a.admin, nginx('other-node', 'node02'));
    create(b.admin, nginx('other-cluster', 'node01'));
    a.world.loop.advance(10);
    b.world.loop.advance(10);
    const worker = (c: typeof a, node: string, name: string) => c.cluster.nodes.get(node)!.kubelet.worker('default', name)!;
    const ports = (c: typeof a, node: string, name: string) => [...worker(c, node, name).containerRecord('nginx')!.process!.servers.keys()];
    const sh = (c: typeof a, node: string, name: string, script: string) => {
      const w = worker(c, node, name);
      const r = w.exec(w.containerRecord('nginx')!, ['sh', '-c', script]);
      return r.stdout + r.stderr;
    };
    const look = 'cat /etc/nginx/conf.d/default.conf | head -3; ls /usr/share/nginx/html; head -1 /etc/os-release';
    expect(ports(a, 'node01', 'changed')).toEqual([9090]);
    expect(sh(a, 'node01', 'changed', look)).toBe('server { listen 9090; }\n50x.html\nmine\n');
    const untouched = 'server {\n    listen       80;\n    listen  [::]:80;\n50x.html\nindex.html\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n';
    for (const [c, node, name] of [[a, 'node01', 'same-node'], [a, 'node02', 'other-node'], [b, 'node01', 'other-cluster']] as const) {
      expect(ports(c, node, name)).toEqual([80]);
      expect(sh(c, node, name, look)).toBe(untouched);
    }
    // An exec writing into a running container is no different.
    sh(a, 'node02', 'other-node', 'echo exec > /usr/share/nginx/html/index.html');
    expect(sh(a, 'node02', 'other-node', 'cat /usr/share/nginx/html/index.html')).toBe('exec\n');
    expect(sh(a, 'node01', 'same-node', 'cat /usr/share/nginx/html/index.html')).toMatch(/^<!DOCTYPE html>/);
  });

  it("are each image's own: another image does not see nginx's files", () => {
    const { world, cluster, admin } = boot();
    create(admin, nginx('web', 'node01'));
    create(admin, pod('box', 'node01', [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }]));
    world.loop.advance(10);
    const w = cluster.nodes.get('node01')!.kubelet.worker('default', 'box')!;
    const r = w.exec(w.containerRecord('c')!, ['sh', '-c', 'ls /etc/nginx; cat /etc/os-release']);
    expect(r.stdout).toBe('NAME=BusyBox\n');
    expect(r.stderr).toBe('ls: /etc/nginx: No such file or directory\n');
  });
});

/** The kubelet's /etc/hosts, /etc/hostname and /etc/resolv.conf are written when the container is created. */
describe("a container's kubelet-written files", () => {
  it('are what they were at its creation, however late it first looks at them', () => {
    const { world, cluster, admin } = boot();
    const node = cluster.nodes.get('node01')!;
    // The container's first look at its files comes after the node's files changed.
    const box = (name: string, spec: Record<string, unknown>) => pod(name, 'node01', [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 30; cat /etc/hosts /etc/hostname /etc/resolv.conf; sleep 3600'] }], spec);
    create(admin, box('dns-default', { dnsPolicy: 'Default' }));
    create(admin, box('host-net', { hostNetwork: true }));
    create(admin, box('aliased', { hostname: 'alias', subdomain: 'sub', hostAliases: [{ ip: '10.1.2.3', hostnames: ['foo'] }] }));
    world.loop.advance(10);
    const hosts = node.fs.readFile('/etc/hosts');
    node.fs.writeFile('/run/systemd/resolve/resolv.conf', 'nameserver 9.9.9.9\n');
    node.fs.writeFile('/etc/hosts', '127.0.0.1 changed\n');
    world.loop.advance(30);
    const ip = (admin.find('pods', 'default', 'aliased')!['status'] as { podIP: string }).podIP;
    const podResolv = 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n';
    const nodeResolv = 'search .\nnameserver 192.168.100.1\n';
    const podHosts = (name: string, extra = '') => `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${name}\n${extra}`;
    const seen = (name: string) => `${logs(cluster, 'node01', name, 'c').join('\n')}\n`;
    const dnsIp = (admin.find('pods', 'default', 'dns-default')!['status'] as { podIP: string }).podIP;
    expect(seen('dns-default')).toBe(`${podHosts(`${dnsIp}\tdns-default`)}dns-default\n${nodeResolv}`);
    expect(seen('host-net')).toBe(`${hosts}node01\n${nodeResolv}`);
    expect(seen('aliased')).toBe(`${podHosts(`${ip}\talias.sub.default.svc.cluster.local\talias`, '\n# Entries added by HostAliases.\n10.1.2.3\tfoo\n')}alias\n${podResolv}`);
  });
});
