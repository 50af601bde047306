import { describe, expect, it } from 'vitest';
import { boot, container, create, events, pod, status } from '../helpers.js';

describe('probes', () => {
  it('restarts a container whose exec liveness probe starts failing', () => {
    const { world, admin } = boot();
    create(
      admin,
      pod('liveness-exec', 'node01', [
        {
          name: 'liveness',
          image: 'registry.k8s.io/busybox',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
        },
      ]),
    );
    world.loop.advance(20);
    expect(container(admin, 'liveness-exec').restartCount).toBe(0);
    world.loop.advance(60);
    const ev = events(admin, 'liveness-exec');
    expect(ev).toContain("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory (x3)");
    expect(ev).toContain('Killing: Container liveness failed liveness probe, will be restarted');
    const c = container(admin, 'liveness-exec');
    expect(c.restartCount).toBe(1);
    // sh as PID 1 ignores SIGTERM: it is killed when the 30 s grace period ends.
    expect(c.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('reports a refused HTTP liveness probe in the prober\'s words', () => {
    const { world, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10, failureThreshold: 3 } }]));
    world.loop.advance(26);
    const ip = status(admin, 'web').podIP;
    expect(events(admin, 'web').some((e) => e.startsWith(`Unhealthy: Liveness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused (x`))).toBe(true);
    expect(events(admin, 'web')).toContain('Killing: Container nginx failed liveness probe, will be restarted');
    const c = container(admin, 'web');
    expect(c.restartCount).toBe(1);
    // nginx handles SIGTERM: it stops at once with status 0.
    expect(c.lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('keeps a container unready while its readiness probe fails', () => {
    const { world, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/missing', port: 80 }, periodSeconds: 5 } }]));
    world.loop.advance(20);
    const s = status(admin, 'web');
    expect(s.phase).toBe('Running');
    expect(container(admin, 'web').ready).toBe(false);
    expect(s.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(events(admin, 'web').some((e) => e.startsWith('Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404'))).toBe(true);
  });

  it('becomes ready once a tcp readiness probe finds mysql listening', () => {
    const { world, admin } = boot();
    create(admin, pod('db', 'node02', [{ name: 'mysql', image: 'mysql:8.0', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'secret' }], readinessProbe: { tcpSocket: { port: 3306 }, periodSeconds: 2 } }]));
    world.loop.advance(8);
    expect(container(admin, 'db').ready).toBe(false);
    world.loop.advance(20);
    expect(container(admin, 'db').ready).toBe(true);
  });

  it('holds liveness and readiness until the startup probe succeeds', () => {
    const { world, admin } = boot();
    create(admin, pod('slow', 'node01', [{ name: 'db', image: 'postgres:16', env: [{ name: 'POSTGRES_PASSWORD', value: 'pw' }], startupProbe: { tcpSocket: { port: 5432 }, periodSeconds: 1, failureThreshold: 30 } }]));
    world.loop.advance(7);
    expect(container(admin, 'slow').state.running).toBeDefined();
    expect(container(admin, 'slow').started).toBe(false);
    world.loop.advance(4);
    expect(container(admin, 'slow').started).toBe(true);
    expect(container(admin, 'slow').ready).toBe(true);
  });
});
