import { describe, expect, it } from 'vitest';
import { boot, create, pod } from '../helpers.js';

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
