import { describe, expect, it } from 'vitest';
import { boot, create, pod } from '../helpers.js';
import { nodeShell } from '../tools/shell.js';

describe('container log files on the node', () => {
  it('keeps /var/log/pods/<ns>_<pod>_<uid>/<container>/<restart>.log in the CRI format, with /var/log/containers links', async () => {
    const { world, cluster, admin } = boot();
    const uid = create(admin, pod('c', 'node01', [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'for i in 1 2 3; do echo "line $i"; sleep 1; done; exit 1'] }])).metadata.uid;
    world.loop.advanceUntil(() => (cluster.nodes.get('node01')!.kubelet.container('default', 'c', 'app')?.attempt ?? 0) >= 1, 30);
    const sh = nodeShell(world, cluster.nodes.get('node01')!);
    const dir = `/var/log/pods/default_c_${uid}`;
    expect((await sh.run('ls /var/log/pods')).stdout).toContain(`default_c_${uid}\n`);
    expect((await sh.run(`ls ${dir}/app`)).stdout).toBe('0.log\n1.log\n');
    expect((await sh.run(`cat ${dir}/app/0.log`)).stdout).toMatch(/^2026-01-01T09:00:\d\d\.\d{1,9}Z stdout F line 1\n\S+ stdout F line 2\n\S+ stdout F line 3\n$/);
    const id = cluster.nodes.get('node01')!.kubelet.container('default', 'c', 'app')!.id;
    expect((await sh.run(`readlink /var/log/containers/c_default_app-${id}.log`)).stdout).toBe(`${dir}/app/${cluster.nodes.get('node01')!.kubelet.container('default', 'c', 'app')!.attempt}.log\n`);
    // Lines a running process writes later show up on the next read, as containerd appends them.
    create(admin, pod('ticker', 'node01', [{ name: 't', image: 'busybox', command: ['sh', '-c', 'while true; do echo tick; sleep 1; done'] }]));
    world.loop.advance(5);
    const ticker = cluster.nodes.get('node01')!.kubelet.container('default', 'ticker', 't')!;
    const link = `/var/log/containers/ticker_default_t-${ticker.id}.log`;
    const before = Number((await sh.run(`wc -l < ${link}`)).stdout);
    world.loop.advance(3);
    expect(Number((await sh.run(`wc -l < ${link}`)).stdout)).toBe(before + 3);
    expect((await sh.run(`ls -l ${dir}/app/0.log`)).stdout).toMatch(/^-rw-r----- 1 root root 1\d\d Jan  1 09:00 /);
  });

  it('reads as the kubelet writes it: root only, and gone with the pod', async () => {
    const { world, cluster, admin } = boot();
    const uid = create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }])).metadata.uid;
    world.loop.advance(5);
    const node = cluster.nodes.get('node01')!;
    const file = `/var/log/pods/default_web_${uid}/nginx/0.log`;
    expect((await nodeShell(world, node, 'candidate').run(`cat ${file}`)).stderr).toBe(`cat: ${file}: Permission denied\n`);
    const root = nodeShell(world, node);
    expect((await root.run(`grep -c 'start worker processes' ${file}`)).stdout).toBe('1\n');
    admin.delete('pods', 'default', 'web');
    world.loop.advance(35);
    expect((await root.run('ls /var/log/pods')).stdout).toContain('default_web_'); // until the kubelet's container GC
    world.loop.advance(60);
    expect((await root.run('ls /var/log/pods')).stdout).not.toContain('default_web_');
    expect((await root.run('ls /var/log/containers')).stdout).not.toContain('web_default_nginx-');
  });

  it('shows why the apiserver is down when kubectl cannot ask it', async () => {
    const { world, cluster } = boot();
    const cp = cluster.controlPlane();
    const path = '/etc/kubernetes/manifests/kube-apiserver.yaml';
    cp.fs.writeFile(path, cp.fs.readFile(path).replace('--etcd-servers=https://127.0.0.1:2379', '--etcd-servers=https://127.0.0.1:2380'));
    world.loop.advance(10);
    const sh = nodeShell(world, cp);
    const out = await sh.run('tail -n 1 /var/log/pods/kube-system_kube-apiserver-controlplane_*/kube-apiserver/*.log');
    expect(out.stdout).toContain('stderr F ');
    expect(out.stdout).toContain('127.0.0.1:2380');
  });
});
