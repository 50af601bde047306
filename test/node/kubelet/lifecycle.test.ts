import { describe, expect, it } from 'vitest';
import { boot, container, create, events, logs, pod, status } from '../helpers.js';

describe('a pod bound to a node', () => {
  it('pulls its image, starts and reports a v1.33 status', () => {
    const { world, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx' }]));
    world.loop.advance(10);
    const s = status(admin, 'web');
    expect(s.phase).toBe('Running');
    expect(s.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(s.hostIP).toBe('192.168.100.3');
    expect(s.qosClass).toBe('BestEffort');
    expect(s.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    const c = container(admin, 'web');
    expect(c.image).toBe('docker.io/library/nginx:latest');
    expect(c.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(c.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect([c.ready, c.started, c.restartCount]).toEqual([true, true, 0]);
    expect(Object.keys(c.state)).toEqual(['running']);
    const ev = events(admin, 'web');
    expect(ev[0]).toBe('Pulling: Pulling image "nginx"');
    expect(ev[1]).toMatch(/^Pulled: Successfully pulled image "nginx" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: 72188133 bytes\.$/);
    expect(ev.slice(2)).toEqual(['Created: Created container: nginx', 'Started: Started container nginx']);
  });

  it('fails to pull a tag that does not exist, then backs off', () => {
    const { world, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.277' }]));
    world.loop.advance(3);
    const msg = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.277": failed to resolve reference "docker.io/library/nginx:1.277": docker.io/library/nginx:1.277: not found';
    expect(container(admin, 'web').state.waiting).toEqual({ reason: 'ErrImagePull', message: msg });
    expect(events(admin, 'web')).toEqual(['Pulling: Pulling image "nginx:1.277"', `Failed: Failed to pull image "nginx:1.277": ${msg}`, 'Failed: Error: ErrImagePull']);
    const seen = new Map<string, string | undefined>();
    for (let i = 0; i < 40; i++) {
      world.loop.advance(1);
      const w = container(admin, 'web').state.waiting!;
      seen.set(w.reason!, w.message);
    }
    expect([...seen.keys()].sort()).toEqual(['ErrImagePull', 'ImagePullBackOff']);
    expect(seen.get('ImagePullBackOff')).toBe(`Back-off pulling image "nginx:1.277": ErrImagePull: ${msg}`);
    expect(events(admin, 'web').some((e) => e.startsWith('BackOff: Back-off pulling image "nginx:1.277"'))).toBe(true);
    expect(events(admin, 'web').some((e) => e.startsWith('Failed: Error: ImagePullBackOff'))).toBe(true);
    expect(status(admin, 'web').phase).toBe('Pending');
  });

  it('refuses to pull with imagePullPolicy Never', () => {
    const { world, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'redis', image: 'redis:7.2', imagePullPolicy: 'Never' }]));
    world.loop.advance(3);
    expect(container(admin, 'web').state.waiting).toEqual({ reason: 'ErrImageNeverPull', message: 'Container image "redis:7.2" is not present with pull policy of Never' });
  });

  it('crash-loops with a doubling back-off and keeps the last termination', () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('crash', 'node01', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; sleep 2; exit 3'] }]));
    world.loop.advance(4);
    let c = container(admin, 'crash');
    expect(c.restartCount).toBe(1);
    expect(c.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    world.loop.advance(3);
    c = container(admin, 'crash');
    expect(c.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(c.state.waiting?.message).toMatch(/^back-off 10s restarting failed container=app pod=crash_default\([0-9a-f-]{36}\)$/);
    world.loop.advance(12);
    expect(container(admin, 'crash').restartCount).toBe(2);
    world.loop.advance(5);
    expect(container(admin, 'crash').state.waiting?.message).toMatch(/^back-off 20s /);
    expect(logs(cluster, 'node01', 'crash', 'app', true)).toEqual(['starting']);
    expect(events(admin, 'crash').some((e) => /^BackOff: Back-off restarting failed container app in pod crash_default\(/.test(e))).toBe(true);
  });

  it('completes under restartPolicy Never and OnFailure', () => {
    const { world, admin } = boot();
    create(admin, pod('ok', 'node01', [{ name: 'job', image: 'busybox', command: ['sh', '-c', 'echo done'] }], { restartPolicy: 'Never' }));
    create(admin, pod('bad', 'node02', [{ name: 'job', image: 'busybox', command: ['false'] }], { restartPolicy: 'Never' }));
    create(admin, pod('retry', 'node02', [{ name: 'job', image: 'busybox', command: ['sh', '-c', 'exit 0'] }], { restartPolicy: 'OnFailure' }));
    world.loop.advance(10);
    expect(status(admin, 'ok').phase).toBe('Succeeded');
    expect(container(admin, 'ok').state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(status(admin, 'ok').conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(status(admin, 'bad').phase).toBe('Failed');
    expect(container(admin, 'bad').state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(status(admin, 'retry').phase).toBe('Succeeded');
  });

  it('runs init containers in order before the app', () => {
    const { world, admin } = boot();
    create(
      admin,
      pod('init', 'node01', [{ name: 'app', image: 'nginx:1.27' }], {
        initContainers: [
          { name: 'first', image: 'busybox', command: ['sh', '-c', 'sleep 5'] },
          { name: 'second', image: 'busybox', command: ['sh', '-c', 'sleep 5'] },
        ],
      }),
    );
    world.loop.advance(3);
    let s = status(admin, 'init');
    expect(s.phase).toBe('Pending');
    expect(s.initContainerStatuses!.map((c) => Object.keys(c.state)[0])).toEqual(['running', 'waiting']);
    expect(s.initContainerStatuses![1]!.state.waiting?.reason).toBe('PodInitializing');
    expect(s.containerStatuses![0]!.state.waiting?.reason).toBe('PodInitializing');
    expect(s.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [first second]' });
    world.loop.advance(12);
    s = status(admin, 'init');
    expect(s.phase).toBe('Running');
    expect(s.initContainerStatuses!.map((c) => c.state.terminated?.reason)).toEqual(['Completed', 'Completed']);
  });

  it("keeps the two newest exited instances of each container, even when another container's start prunes them", () => {
    const { world, cluster, admin } = boot();
    // The init container fails twice, then succeeds: three exited instances until the app's start.
    const third = 'n=$(cat /e/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /e/n; [ $n -ge 3 ]';
    create(admin, pod('retry', 'node01', [{ name: 'app', image: 'nginx:1.27' }], { initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', third], volumeMounts: [{ name: 'e', mountPath: '/e' }] }], volumes: [{ name: 'e', emptyDir: {} }] }));
    world.loop.advance(60);
    expect(status(admin, 'retry').phase).toBe('Running');
    const runtime = cluster.nodes.get('node01')!.runtime;
    const uid = admin.find('pods', 'default', 'retry')!.metadata.uid!;
    expect(runtime.containersOf(uid).map((c) => `${c.name}:${c.attempt}:${c.state}:${c.exitCode ?? ''}`)).toEqual(['app:0:running:', 'init:1:exited:1', 'init:2:exited:0']);
  });

  it("names each container in its events by its own list: an init container and another pod's container of one name", () => {
    const { world, admin } = boot();
    create(admin, pod('with-init', 'node01', [{ name: 'app', image: 'busybox', command: ['sleep', '1d'] }], { initContainers: [{ name: 'c', image: 'busybox', command: ['true'] }] }));
    create(admin, pod('plain', 'node01', [{ name: 'c', image: 'busybox', command: ['sleep', '1d'] }]));
    world.loop.advance(10);
    const paths = (name: string) => [...new Set(admin.list('events', 'default').filter((e) => (e['involvedObject'] as { name: string }).name === name).map((e) => String((e['involvedObject'] as { fieldPath?: string }).fieldPath ?? '')))].filter(Boolean).sort();
    expect(paths('with-init')).toEqual(['spec.containers{app}', 'spec.initContainers{c}']);
    expect(paths('plain')).toEqual(['spec.containers{c}']);
  });

  it('crash-loops a failing init container, or fails the pod under Never', () => {
    const { world, admin } = boot();
    create(admin, pod('loop', 'node01', [{ name: 'app', image: 'nginx:1.27' }], { initContainers: [{ name: 'check', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] }));
    create(admin, pod('never', 'node02', [{ name: 'app', image: 'nginx:1.27' }], { restartPolicy: 'Never', initContainers: [{ name: 'check', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] }));
    world.loop.advance(8);
    expect(status(admin, 'loop').initContainerStatuses![0]!.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(status(admin, 'loop').phase).toBe('Pending');
    expect(status(admin, 'never').phase).toBe('Failed');
    expect(status(admin, 'never').initContainerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('is OOMKilled when its memory limit is below what it allocates', () => {
    const { world, admin } = boot();
    create(admin, pod('mem', 'node01', [{ name: 'stress', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], resources: { limits: { memory: '100Mi' }, requests: { memory: '50Mi' } } }]));
    world.loop.advance(10);
    const c = container(admin, 'mem');
    expect(c.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(status(admin, 'mem').qosClass).toBe('Burstable');
  });

  it('accumulates log lines on the virtual clock', () => {
    const { world, cluster, admin } = boot();
    create(admin, pod('counter', 'node01', [{ name: 'count', image: 'busybox', command: ['sh', '-c', 'i=0; while true; do echo "$i"; i=$((i+1)); sleep 1; done'] }]));
    world.loop.advance(2);
    const before = logs(cluster, 'node01', 'counter', 'count').length;
    world.loop.advance(60);
    expect(logs(cluster, 'node01', 'counter', 'count').length).toBe(before + 60);
  });
});

describe('longer lifecycles', () => {
  it('starts a native sidecar before the app and keeps it running', () => {
    const { world, admin } = boot();
    create(
      admin,
      pod('side', 'node01', [{ name: 'app', image: 'busybox', command: ['sleep', '1d'] }], {
        initContainers: [{ name: 'log-shipper', image: 'busybox', restartPolicy: 'Always', command: ['sh', '-c', 'while true; do sleep 5; done'] }],
      }),
    );
    world.loop.advance(10);
    const s = status(admin, 'side');
    expect(s.phase).toBe('Running');
    expect(s.initContainerStatuses![0]!.state.running).toBeDefined();
    expect(s.initContainerStatuses![0]!.started).toBe(true);
    expect(s.containerStatuses![0]!.state.running).toBeDefined();
  });

  it('forgets the crash-loop back-off after ten minutes of running', () => {
    const { world, admin } = boot();
    create(admin, pod('flaky', 'node01', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1; exit 1'] }]));
    world.loop.advance(120);
    expect(container(admin, 'flaky').state.waiting?.message).toMatch(/^back-off (40s|1m20s) /);
    // The same container now runs for 11 minutes before failing: it restarts at once.
    const long = pod('flaky2', 'node01', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 660; exit 1'] }]);
    create(admin, long);
    world.loop.advance(665);
    expect(container(admin, 'flaky2').restartCount).toBe(1);
    world.loop.advance(662);
    expect(container(admin, 'flaky2').restartCount).toBe(2);
    expect(container(admin, 'flaky2').state.running).toBeDefined();
  });
});

describe('spec changes', () => {
  it('restarts a container whose image was changed', () => {
    const { world, admin } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27' }]));
    world.loop.advance(10);
    // kubectl patch's default (strategic) merges the container by name: only its image changes.
    admin.patch('pods', 'default', 'web', 'strategic', { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } });
    world.loop.advance(10);
    const c = container(admin, 'web');
    expect(c.image).toBe('docker.io/library/nginx:1.28');
    expect(c.restartCount).toBe(1);
    expect(events(admin, 'web')).toContain('Killing: Container nginx definition changed, will be restarted');
  });
});

describe('status parts that follow from a container spec', () => {
  it('follow the spec the worker runs: a replaced container spec gives its resources, mounts and QoS class', () => {
    const { world, admin, cluster } = boot();
    create(admin, pod('web', 'node01', [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '10m' }, limits: { cpu: '100m' } } }]));
    world.loop.advance(10);
    const c1 = container(admin, 'web') as unknown as Record<string, unknown>;
    expect(c1['resources']).toEqual({ limits: { cpu: '100m' }, requests: { cpu: '10m' } });
    expect(c1['allocatedResources']).toEqual({ cpu: '10m' });
    expect(status(admin, 'web').qosClass).toBe('Burstable');
    // The API refuses such an update; the worker is handed one directly to see that nothing stays behind.
    const w = cluster.nodes.get('node01')!.kubelet.worker('default', 'web')!;
    const stored = admin.find('pods', 'default', 'web')!;
    const spec = stored['spec'] as { containers: Record<string, unknown>[] };
    const resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };
    const mounts = [{ name: 'data', mountPath: '/data', readOnly: true }];
    w.updatePod({ ...stored, spec: { ...spec, containers: [{ ...spec.containers[0], image: 'nginx:1.28', resources, volumeMounts: mounts }] } });
    const s = w.status(stored['status'] as Record<string, unknown>);
    const c2 = (s['containerStatuses'] as Record<string, unknown>[])[0]!;
    expect(c2['resources']).toEqual(resources);
    expect(c2['allocatedResources']).toEqual({ cpu: '1', memory: '1Gi' });
    expect(c2['volumeMounts']).toEqual([{ mountPath: '/data', name: 'data', readOnly: true, recursiveReadOnly: 'Disabled' }]);
    expect(s['qosClass']).toBe('Guaranteed');
  });
});
