import { describe, expect, it } from 'vitest';
import { boot, create, pod } from '../helpers.js';
import { containerLogs, execInContainer } from '../../../src/node/kubelet/server.js';

describe('the kubelet API for logs and exec', () => {
  it('serves logs with timestamps, tail and the previous instance', () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('c', 'node01', [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'for i in 1 2 3; do echo "line $i"; sleep 1; done; exit 1'] }]));
    world.loop.advance(8);
    const node = cluster.nodes.get('node01')!;
    const logs = containerLogs(node, { namespace: 'default', pod: 'c', container: 'app', tailLines: 2 });
    expect(logs).toEqual({ ok: true, text: 'line 2\nline 3\n' });
    const ts = containerLogs(node, { namespace: 'default', pod: 'c', container: 'app', previous: true, timestamps: true });
    expect(ts.ok && ts.text.split('\n')[0]).toMatch(/^2026-01-01T09:00:\d\d\.\d{9}Z line 1$/);
  });

  it('says why a waiting container has no logs', () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('bad', 'node01', [{ name: 'web', image: 'nginx:9.9.9' }]));
    world.loop.advance(5);
    expect(containerLogs(cluster.nodes.get('node01')!, { namespace: 'default', pod: 'bad', container: 'web' })).toEqual({ ok: false, code: 400, reason: 'BadRequest', message: 'container "web" in pod "bad" is waiting to start: trying and failing to pull image' });
  });

  it('runs commands in a container and reports their virtual duration', () => {
    const { world, cluster, admin } = boot();
    admin.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.properties': 'color=blue\n' } });
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27', env: [{ name: 'GREETING', value: 'hi' }], volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }] }], { volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }] }));
    world.loop.advance(5);
    const node = cluster.nodes.get('node01')!;
    const run = (command: string[]) => execInContainer(node, { namespace: 'default', pod: 'web', container: 'nginx', command });
    expect(run(['cat', '/etc/app/app.properties'])).toMatchObject({ ok: true, stdout: 'color=blue\n', exitCode: 0 });
    expect(run(['sh', '-c', 'echo $GREETING from $(hostname)'])).toMatchObject({ stdout: 'hi from web\n' });
    expect(run(['ls', '/etc/app'])).toMatchObject({ stdout: 'app.properties\n' });
    expect(run(['sh', '-c', 'sleep 3; echo done'])).toMatchObject({ stdout: 'done\n', elapsedMs: 3000 });
    expect(run(['wget'])).toMatchObject({ exitCode: 126, stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "wget": executable file not found in $PATH: unknown\r\n' });
    expect(run(['sh', '-c', 'touch /etc/app/x'])).toMatchObject({ exitCode: 1, stderr: "touch: cannot touch '/etc/app/x': Read-only file system\n" });
  });
});

describe('identity inside containers', () => {
  it('runs as the securityContext user', () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('sec', 'node01', [{ name: 'c', image: 'busybox:1.28', command: ['sh', '-c', 'sleep 1h'] }], { securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [4000] } }));
    world.loop.advance(5);
    const r = execInContainer(cluster.nodes.get('node01')!, { namespace: 'default', pod: 'sec', container: 'c', command: ['id'] });
    expect(r).toMatchObject({ stdout: 'uid=1000 gid=3000 groups=2000,3000,4000\n' });
  });
});
