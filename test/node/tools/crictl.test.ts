import { describe, expect, it } from 'vitest';
import { boot, create, daemonPod, pod } from '../helpers.js';
import { run } from './run.js';

describe('crictl', () => {
  it('lists containers with crictl\'s columns', async () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(65);
    const node = cluster.nodes.get('node01')!;
    const c = node.kubelet.container('default', 'web', 'nginx')!;
    const r = await run(world, node, ['crictl', 'ps', '--namespace', 'default']);
    expect(r.stdout).toBe(
      'CONTAINER           IMAGE               CREATED              STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE\n' +
        `${c.id.slice(0, 13)}       ${c.imageId.slice(7, 20)}       About a minute ago   Running             nginx               0                   ${c.sandboxId.slice(0, 13)}       web                 default\n`,
    );
    // Every running container of the node, newest first; long pod names widen their column.
    const all = (await run(world, node, ['crictl', 'ps'])).stdout.split('\n');
    const proxy = daemonPod(admin, 'kube-proxy', 'node01').metadata.name;
    // tabwriter: a column is its widest cell plus 3, at least 20 (which pods run here depends on scheduling)
    const running = [...node.runtime.containers.values()].filter((x) => x.state === 'running');
    const column = (cells: string[]) => Math.max(20, ...cells.map((x) => x.length + 3));
    const width = column(running.map((x) => x.podName));
    const nameWidth = column(running.map((x) => x.name));
    expect(all[0]).toBe(`CONTAINER           IMAGE               CREATED              STATE               ${'NAME'.padEnd(nameWidth)}ATTEMPT             POD ID              ${'POD'.padEnd(width)}NAMESPACE`);
    expect(all[1]!.startsWith(`${c.id.slice(0, 13)}       `)).toBe(true);
    expect(all.some((l) => l.includes(`   ${'kube-proxy'.padEnd(nameWidth)}0                   `) && l.includes(`   ${proxy.padEnd(width)}kube-system`))).toBe(true);
  });

  it('shows exited attempts with -a and the previous attempt\'s logs with -p', async () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('crash', 'node01', [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo "run at $(date +%T)"; exit 1'] }]));
    world.loop.advance(3);
    const node = cluster.nodes.get('node01')!;
    const all = await run(world, node, ['crictl', 'ps', '-a', '--name', 'app']);
    const rows = all.stdout.trim().split('\n').slice(1);
    expect(rows.map((r) => r.split(/\s{2,}/)[3])).toEqual(['Exited', 'Exited']);
    expect(rows.map((r) => r.split(/\s{2,}/)[5])).toEqual(['1', '0']);
    const latest = rows[0]!.split(/\s+/)[0]!;
    expect((await run(world, node, ['crictl', 'logs', latest])).stdout).toMatch(/^run at 09:00:3\d\n$/);
    expect((await run(world, node, ['crictl', 'logs', '-p', latest])).stdout).toMatch(/^run at 09:00:3\d\n$/);
    expect((await run(world, node, ['crictl', 'logs', 'ffffff'])).stderr).toBe('FATA[0000] getting the status of the container "ffffff": rpc error: code = NotFound desc = an error occurred when try to find container "ffffff": not found\n');
  });

  it('lists images with their sizes', async () => {
    const { world, cluster } = boot();
    const r = await run(world, cluster.nodes.get('node02')!, ['crictl', 'images']);
    expect(r.stdout.split('\n')[0]).toBe('IMAGE                               TAG                 IMAGE ID            SIZE');
    expect(r.stdout).toMatch(/\nregistry\.k8s\.io\/pause {15}3\.10 {16}[0-9a-f]{13} {7}320kB\n/);
  });

  it('fails to connect while containerd is stopped', async () => {
    const { world, cluster } = boot();
    const node = cluster.nodes.get('node01')!;
    node.systemd.stop('containerd');
    const r = await run(world, node, ['crictl', 'ps']);
    expect([r.code, r.stderr]).toEqual([1, 'FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"\n']);
  });

  it('shows control-plane containers and the logs of a broken one', async () => {
    const { world, cluster } = boot();
    const cp = cluster.controlPlane();
    const path = '/etc/kubernetes/manifests/kube-scheduler.yaml';
    cp.fs.writeFile(path, cp.fs.readFile(path).replace('- --leader-elect=true\n', '- --leader-elect=true\n    - --schedule-everything=yes\n'));
    world.loop.advance(5);
    const ps = await run(world, cp, ['crictl', 'ps', '-a', '--name', 'kube-scheduler']);
    const id = ps.stdout.split('\n')[1]!.split(/\s+/)[0]!;
    // Go components write their errors to stderr, and crictl passes each stream through as it is.
    const logs = await run(world, cp, ['crictl', 'logs', id]);
    expect([logs.stdout, logs.stderr]).toEqual(['', 'Error: unknown flag: --schedule-everything\n']);
  });

  it('stops a container and the kubelet starts it again', async () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(5);
    const node = cluster.nodes.get('node01')!;
    const id = node.kubelet.container('default', 'web', 'nginx')!.id;
    expect((await run(world, node, ['crictl', 'stop', id.slice(0, 13)])).stdout).toBe(`${id.slice(0, 13)}\n`);
    world.loop.advance(2);
    const st = (admin.get('pods', 'default', 'web')['status'] as { containerStatuses: { restartCount: number }[] }).containerStatuses[0]!;
    expect(st.restartCount).toBe(1);
  });
});

describe('host views', () => {
  it('shows the kubelet and container processes in ps aux', async () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('sleeper', 'node01', [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }]));
    world.loop.advance(5);
    const r = await run(world, cluster.nodes.get('node01')!, ['ps', 'aux']);
    expect(r.stdout.split('\n')[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(r.stdout).toMatch(/\nroot +\d+ +[\d.]+ +[\d.]+ +\d+ +\d+ \? +Ssl +09:00 +\d+:\d\d \/usr\/bin\/kubelet --bootstrap-kubeconfig=\/etc\/kubernetes\/bootstrap-kubelet\.conf /);
    expect(r.stdout).toMatch(/\nroot +\d+ .* sleep 3600\n/);
  });

  it('lists the control plane\'s listening sockets', async () => {
    const { world, cluster } = boot();
    const r = await run(world, cluster.controlPlane(), ['ss', '-tlpn']);
    for (const port of [2379, 2380, 2381, 6443, 10248, 10250, 10257, 10259]) expect(r.stdout).toMatch(new RegExp(`:${port} `));
    expect(r.stdout).toMatch(/LISTEN 0 +4096 +\*:6443 +\*:\* +users:\(\("kube-apiserver",pid=\d+,fd=\d+\)\)/);
  });
});
