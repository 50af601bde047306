import { describe, expect, it } from 'vitest';
import { boot, container, create, pod } from '../node/helpers.js';
import { nodeShell } from '../node/tools/shell.js';
import { ShellSession } from '../../src/shell/index.js';
import { BufferSink } from '../../src/shell/types.js';
import { kubectlProgram } from '../../src/kubectl/index.js';
import { CANDIDATE, type World } from '../../src/cluster/world.js';

function kubectl(world: World) {
  world.workstation.programs.install('kubectl', '/usr/bin/kubectl', kubectlProgram(world));
  const session = new ShellSession({
    host: world.workstation,
    account: CANDIDATE.name,
    hosts: { resolve: (name) => world.resolveHost(name) },
    waiter: { sleep: async (seconds) => world.loop.advance(seconds) },
    afterCommand: () => world.loop.settle(),
    env: { KUBECONFIG: `${CANDIDATE.home}/.kube/config` },
    loadRc: false,
  });
  return async (line: string) => {
    const stdout = new BufferSink();
    const stderr = new BufferSink();
    const status = await session.run(line, { stdout, stderr });
    return { status, stdout: stdout.text(), stderr: stderr.text() };
  };
}

describe('kubectl logs through the apiserver and the kubelet', () => {
  it('shows every line the container has written by now, with the timestamps of its log file', async () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('ticker', 'node01', [{ name: 't', image: 'busybox', command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 1; done'] }]));
    world.loop.advance(20);
    const run = kubectl(world);
    const logs = (await run('kubectl logs ticker')).stdout.split('\n').filter(Boolean);
    expect(logs.length).toBeGreaterThanOrEqual(15);
    expect(logs.slice(0, 2)).toEqual(['tick 1', 'tick 2']);
    const tail = await run('kubectl logs ticker --tail=2 --timestamps');
    const uid = admin.get('pods', 'default', 'ticker').metadata.uid;
    const file = (await nodeShell(world, cluster.nodes.get('node01')!).run(`tail -n 2 /var/log/pods/default_ticker_${uid}/t/0.log`)).stdout;
    // The file says "<stamp> stdout F <line>"; kubectl prints "<stamp> <line>".
    expect(tail.stdout).toBe(file.replace(/ stdout F /g, ' '));
  });

  it('says what a container waits for, in the kubelet\'s words', async () => {
    const { world, admin } = boot();
    create(admin, pod('bad', 'node01', [{ name: 'web', image: 'nginx:9.9.9' }]));
    const run = kubectl(world);
    world.loop.advanceUntil(() => container(admin, 'bad').state.waiting?.reason === 'ErrImagePull', 30);
    expect((await run('kubectl logs bad')).stderr).toBe(`Error from server (BadRequest): container "web" in pod "bad" is waiting to start: image can't be pulled\n`);
    world.loop.advanceUntil(() => container(admin, 'bad').state.waiting?.reason === 'ImagePullBackOff', 30);
    expect((await run('kubectl logs bad')).stderr).toBe('Error from server (BadRequest): container "web" in pod "bad" is waiting to start: trying and failing to pull image\n');
  });

  it('shows the last run of a crash-looping container, as --previous does while it waits', async () => {
    const { world, admin } = boot();
    create(admin, pod('crash', 'node01', [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo "started at $(date +%T)"; sleep 2; exit 3'] }]));
    world.loop.advanceUntil(() => container(admin, 'crash').restartCount >= 2 && container(admin, 'crash').state.waiting?.reason === 'CrashLoopBackOff', 120);
    const run = kubectl(world);
    const current = (await run('kubectl logs crash')).stdout;
    const previous = (await run('kubectl logs crash --previous')).stdout;
    expect(current).toMatch(/^started at 09:0\d:\d\d\n$/);
    expect(previous).toBe(current);
  });

  it('cannot reach a node whose kubelet is stopped', async () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(10);
    cluster.nodes.get('node01')!.systemd.stop('kubelet');
    const r = await kubectl(world)('kubectl logs web');
    expect(r.stderr).toBe(`Error from server: Get "https://192.168.100.3:10250/containerLogs/default/web/nginx": dial tcp 192.168.100.3:10250: connect: connection refused\n`);
  });
});
