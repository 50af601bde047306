import { describe, expect, it } from 'vitest';
import { appModel } from '../../../src/node/apps/index.js';
import { resolveImage, type ImageInfo } from '../../../src/node/images.js';
import { ContainerFs, OverlayLayers } from '../../../src/node/container-fs.js';
import { VirtualFS } from '../../../src/vfs/fs.js';
import { populateRootfs } from '../../../src/node/apps/rootfs.js';
import type { NetClient } from '../../../src/node/net/types.js';
import type { KObject } from '../../../src/api/types.js';

const T0 = Date.parse('2026-01-01T09:00:00Z');

function image(name: string): ImageInfo {
  const r = resolveImage(name);
  if (!r.ok) throw new Error(r.message);
  return r.image;
}

const offline: NetClient = {
  sourceIp: '10.244.1.5',
  nameserver: '10.96.0.10',
  search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
  resolve: (name) => ({ ok: false, name, error: 'NXDOMAIN', server: '10.96.0.10' }),
  dial: (ip, port) => ({ ok: false, ip, port, error: 'refused' }),
};

function run(img: string, container: { command?: string[]; args?: string[]; env?: Record<string, string> }, opts: { memoryLimit?: number } = {}) {
  const info = image(img);
  const root = new VirtualFS();
  populateRootfs(root, info);
  const fs = new ContainerFs(root, []);
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } } as KObject;
  const plan = appModel({ nodeName: 'n', nodeIp: '1.1.1.1', fs: new VirtualFS(), pod, container: { name: 'c', image: img, command: container.command, args: container.args }, attempt: 0, now: T0, image: info, env: new Map(Object.entries({ ...info.env, ...(container.env ?? {}) })), containerFs: () => fs, memoryLimit: opts.memoryLimit })!;
  const logs: { at: number; line: string }[] = [];
  if (plan.startError) return { plan, logs, proc: undefined, fs };
  const proc = plan.live!({ start: T0, fs: () => fs, net: () => offline, log: (at, _s, line) => logs.push({ at: at - T0, line }) });
  return { plan, logs, proc, fs };
}

describe('container processes on the virtual clock', () => {
  it('runs a shell loop lazily, one line per period, with $(date) and a counter', () => {
    const { proc, logs } = run('busybox', { command: ['sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 5; done'] });
    proc!.advance(T0 + 12_000);
    expect(logs).toEqual([
      { at: 0, line: '0: Thu Jan  1 09:00:00 UTC 2026' },
      { at: 5000, line: '1: Thu Jan  1 09:00:05 UTC 2026' },
      { at: 10000, line: '2: Thu Jan  1 09:00:10 UTC 2026' },
    ]);
    expect(proc!.mayEnd()).toBe(false);
  });

  it('exits with the code of `exit`, after the sleeps before it', () => {
    const { proc } = run('busybox', { command: ['sh', '-c', 'echo starting; sleep 3; exit 3'] });
    proc!.advance(T0 + 2000);
    expect(proc!.exit).toBeUndefined();
    expect(proc!.nextWake()).toBe(T0 + 3000);
    proc!.advance(T0 + 5000);
    expect(proc!.exit).toEqual({ at: T0 + 3000, code: 3 });
  });

  it('reports an unknown command the way dash and busybox do', () => {
    const a = run('busybox', { command: ['sh', '-c', 'foo'] });
    expect(a.proc!.exit?.code).toBe(127);
    expect(a.logs.map((l) => l.line)).toEqual(['sh: foo: not found']);
    const b = run('nginx', { command: ['sh', '-c', 'foo'] });
    expect(b.logs.map((l) => l.line)).toEqual(['sh: 1: foo: not found']);
  });

  it('fails to start an executable the image does not have', () => {
    const { plan } = run('busybox', { command: ['curl', 'http://x'] });
    expect(plan.startError?.message).toBe('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "curl": executable file not found in $PATH: unknown');
  });

  it('starts nginx from its image defaults and serves the welcome page', () => {
    const { proc, logs } = run('nginx:1.27', {});
    expect(logs[0]!.line).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(logs.some((l) => l.line.includes('[notice] 1#1: nginx/1.27.5'))).toBe(true);
    const ep = proc!.servers.get(80)!;
    const res = ep.http!({ method: 'GET', path: '/', host: '10.244.1.5', from: '10.244.2.7', userAgent: 'curl/8.5.0' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Welcome to nginx!</title>');
    expect(Buffer.byteLength(res.body)).toBe(615);
    expect(logs[logs.length - 1]!.line).toBe('10.244.2.7 - - [01/Jan/2026:09:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"');
    expect(proc!.mayEnd()).toBe(false);
  });

  it('stops nginx with [emerg] on an unknown directive', () => {
    const info = image('nginx');
    const root = new VirtualFS();
    populateRootfs(root, info);
    root.writeFile('/etc/nginx/conf.d/default.conf', 'server {\n    lisen 8080;\n}\n');
    const fs = new ContainerFs(root, []);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } as KObject;
    const plan = appModel({ nodeName: 'n', nodeIp: '1', fs: root, pod, container: { name: 'c', image: 'nginx' }, attempt: 0, now: T0, image: info })!;
    const logs: string[] = [];
    const proc = plan.live!({ start: T0, fs: () => fs, net: () => offline, log: (_a, _s, l) => logs.push(l) });
    expect(proc.exit?.code).toBe(1);
    expect(logs.slice(-1)).toEqual(['nginx: [emerg] unknown directive "lisen" in /etc/nginx/conf.d/default.conf:2']);
  });

  it("re-reads nginx's configuration when the image layer it came from changes", () => {
    const info = image('nginx:1.27');
    const layer = new VirtualFS();
    populateRootfs(layer, info);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } as KObject;
    const start = () => {
      const fs = new ContainerFs(new OverlayLayers(new VirtualFS(), layer), []);
      const plan = appModel({ nodeName: 'n', nodeIp: '1', fs: layer, pod, container: { name: 'c', image: 'nginx:1.27' }, attempt: 0, now: T0, image: info })!;
      return [...plan.live!({ start: T0, fs: () => fs, net: () => offline, log: () => {} }).servers.keys()];
    };
    expect(start()).toEqual([80]);
    layer.writeFile('/etc/nginx/conf.d/default.conf', 'server {\n    listen 8081;\n}\n');
    expect(start()).toEqual([8081]);
  });

  it('exits mysql at once without a root password setting', () => {
    const { proc, logs } = run('mysql:8.0', {});
    expect(proc!.exit?.code).toBe(1);
    expect(logs.map((l) => l.line)).toContain('2026-01-01 09:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified');
  });

  it('is killed by the OOM killer when stress allocates past the limit', () => {
    const { proc } = run('polinux/stress', { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'] }, { memoryLimit: 100 * 1024 * 1024 });
    proc!.advance(T0 + 1000);
    expect(proc!.exit).toEqual({ at: T0 + 200, code: 137, reason: 'OOMKilled' });
  });

  it('writes files through redirections and reads them back', () => {
    const { proc, fs } = run('busybox', { command: ['sh', '-c', 'touch /tmp/healthy; echo hi > /tmp/a; echo there >> /tmp/a; sleep 30; rm -f /tmp/healthy; sleep 600'] });
    expect(fs.read('/tmp/a')).toBe('hi\nthere\n');
    expect(fs.exists('/tmp/healthy')).toBe(true);
    proc!.advance(T0 + 31_000);
    expect(fs.exists('/tmp/healthy')).toBe(false);
  });

  it('ignores SIGTERM as PID 1 unless a trap handles it', () => {
    const a = run('busybox', { command: ['sleep', '3600'] });
    a.proc!.terminate(T0 + 1000);
    expect(a.proc!.exit).toBeUndefined();
    const b = run('busybox', { command: ['sh', '-c', "trap 'echo bye; exit 0' TERM; while true; do sleep 1; done"] });
    b.proc!.terminate(T0 + 1000);
    expect(b.proc!.exit).toEqual({ at: T0 + 1000, code: 0 });
    expect(b.logs.map((l) => l.line)).toEqual(['bye']);
  });

  it('starts its shells with the container environment and working directory, then their own changes', () => {
    const { logs } = run('busybox:1.36', { command: ['sh', '-c', 'echo "$A $PWD"; cd /tmp; echo "$PWD $(pwd)"; A=2; export B=3; sh -c \'echo "$A $B $PWD"\'; env | grep -E "^(A|B)=" | sort'], env: { A: '1' } });
    expect(logs.map((l) => l.line)).toEqual(['1 /', '/tmp /tmp', '2 3 /tmp', 'A=2', 'B=3']);
  });
});
