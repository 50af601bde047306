/**
 * kubectl logs' options on a live cluster: pods by selector (10 lines each by default), by
 * TYPE/NAME (one pod, or --all-pods), every container, prefixes, timestamps, --limit-bytes
 * cutting the stream mid-line, --since-time, bounded -f, and kubectl's validation errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from './cluster.js';

const lines = (text: string) => text.split('\n').filter(Boolean);

const TICKER = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: ticker}
spec:
  containers:
  - name: a
    image: busybox
    command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "a$i"; sleep 1; done']
  - name: b
    image: busybox
    command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "b$i"; sleep 1; done']
`;

describe('kubectl logs', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = new TestCluster();
    c.file('t1.yaml', TICKER('t1')).file('t2.yaml', TICKER('t2'));
    await c.run('kubectl apply -f t1.yaml -f t2.yaml');
    await c.run('kubectl wait --for=condition=Ready pod -l app=ticker --timeout=60s');
    await c.run('sleep 30');
  });

  it('names the default container of a multi-container pod, or the one asked for', async () => {
    const r = await c.run('kubectl logs t1 --tail=1');
    expect(r.stderr).toBe('Defaulted container "a" out of: a, b\n');
    expect(r.stdout).toMatch(/^a\d+\n$/);
    expect((await c.run('kubectl logs t1 -c b --tail=1')).stdout).toMatch(/^b\d+\n$/);
    expect(await c.run('kubectl logs t1 -c nope')).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): container nope is not valid for pod t1\n', status: 1 });
  });

  it('prints 10 lines per pod for a selector, every container with --all-containers, prefixed on request', async () => {
    expect(lines((await c.run('kubectl logs -l app=ticker')).stdout)).toHaveLength(20);
    const all = lines((await c.run('kubectl logs -l app=ticker --all-containers --prefix --tail=1')).stdout);
    expect(all.map((l) => l.replace(/\d+$/, 'N'))).toEqual(['[pod/t1/a] aN', '[pod/t1/b] bN', '[pod/t2/a] aN', '[pod/t2/b] bN']);
  });

  it('stamps lines with RFC3339 nanosecond timestamps', async () => {
    expect((await c.run('kubectl logs t1 -c a --tail=2 --timestamps')).stdout).toMatch(/^(2026-01-01T\d\d:\d\d:\d\d\.\d{9}Z a\d+\n){2}$/);
  });

  it('cuts the stream at --limit-bytes, even mid-line', async () => {
    expect((await c.run('kubectl logs t1 -c a --limit-bytes=7')).stdout).toBe('a1\na2\na');
    expect((await c.run('kubectl logs t1 -c a --limit-bytes=4 --prefix')).stdout).toBe('[pod/t1/a] a1\n[pod/t1/a] a');
  });

  it('starts at --since-time and validates it first', async () => {
    expect((await c.run('kubectl logs t1 -c a --since-time=2030-01-01T00:00:00Z')).stdout).toBe('');
    expect((await c.run('kubectl logs t1 -c a --since-time=2020-01-01T00:00:00Z --tail=1')).stdout).toMatch(/^a\d+\n$/);
    expect(await c.run('kubectl logs t1 --since-time=yesterday')).toEqual({ stdout: '', stderr: 'error: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"\n', status: 1 });
    expect((await c.run('kubectl logs t1 --since=1h --since-time=2020-01-01T00:00:00Z')).stderr).toContain('error: at most one of `sinceTime` or `sinceSeconds` may be specified\n');
  });

  it('follows new lines as the clock moves, within --max-log-requests streams', async () => {
    const before = c.now;
    const r = await c.run('kubectl logs t1 -c a -f --tail=1 | head -4');
    const seen = lines(r.stdout).map((l) => Number(l.slice(1)));
    expect(seen).toHaveLength(4);
    expect(seen.slice(1)).toEqual([seen[0]! + 1, seen[0]! + 2, seen[0]! + 3]);
    expect(c.now).toBeGreaterThan(before);
    expect(await c.run('kubectl logs -l app=ticker -f --all-containers --max-log-requests=3')).toEqual({
      stdout: '',
      stderr: 'error: you are attempting to follow 4 log streams, but maximum allowed concurrency is 3, use --max-log-requests to increase the limit\n',
      status: 1,
    });
  });
});

describe('kubectl logs TYPE/NAME', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = new TestCluster();
    await c.run('kubectl create deployment web --image=nginx --replicas=2');
    await c.run('kubectl rollout status deployment/web');
  });

  it('uses the first pod and says so, or every pod with --all-pods', async () => {
    const one = await c.run('kubectl logs deployment/web --tail=1');
    expect(one.stderr).toMatch(/^Found 2 pods, using pod\/web-\w+-\w+\n$/);
    const all = lines((await c.run('kubectl logs deployment/web --all-pods --tail=1')).stdout);
    expect(all).toHaveLength(2);
    for (const l of all) expect(l).toMatch(/^\[pod\/web-\w+-\w+\/nginx\] /);
  });
});
