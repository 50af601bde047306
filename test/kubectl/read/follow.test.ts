/** kubectl events, get -w and top on a booted cluster: tables, bounded watches, the metrics API. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPLOYMENT, METRICS_SERVER, TestCluster } from './cluster.js';

describe('kubectl events and watches', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = new TestCluster();
    c.file('deploy.yaml', DEPLOYMENT);
    await c.run('kubectl apply -f deploy.yaml');
  });

  it('lists events oldest first, for one object, by type', async () => {
    const all = await c.run('kubectl events');
    expect(all.stdout.split('\n')[0]).toBe('LAST SEEN   TYPE     REASON              OBJECT                      MESSAGE');
    expect(all.stdout).toMatch(/\n\d+s +Normal +ScalingReplicaSet +Deployment\/web +Scaled up replica set web-[a-z0-9]+ from 0 to 2\n$/);
    const one = await c.run('kubectl events --for deployment/web');
    expect(one.stdout.split('\n')).toHaveLength(3);
    expect(await c.run('kubectl events --types=Warning')).toEqual({ stdout: '', stderr: 'No events found in default namespace.\n', status: 0 });
    expect((await c.run('kubectl events -A --no-headers')).stdout).toMatch(/^kube-system +\d+m\d*s? +Normal/m);
  });

  it('prints events as a typed EventList in JSON', async () => {
    const json = (await c.run('kubectl events --for deployment/web -o json')).stdout;
    expect(json.startsWith('{\n    "kind": "EventList",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n        {\n            "kind": "Event",\n            "apiVersion": "v1",\n')).toBe(true);
  });

  it('follows new events with -w until the request timeout', async () => {
    const start = c.now;
    const r = await c.script('kubectl scale deploy web --replicas=3', 'kubectl events -w --for deployment/web --request-timeout=10s');
    expect(r.stdout).toMatch(/^LAST SEEN   TYPE     REASON              OBJECT           MESSAGE\n.*from 0 to 2\n.*from 2 to 3\n$/s);
    expect(c.now - start).toBeGreaterThanOrEqual(10_000);
  });

  it('watches pods: the listing, then a row per change, one header', async () => {
    c.file('api.yaml', DEPLOYMENT.replace(/web/g, 'api').replace('nginx:1.27', 'httpd:2.4'));
    const r = await c.run('kubectl apply -f api.yaml; kubectl get pods -l app=api -w --request-timeout=20s');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('deployment.apps/api created');
    expect(lines[1]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    expect(lines.slice(2, 4).every((l) => / ContainerCreating /.test(l))).toBe(true);
    expect(lines.slice(4).filter((l) => / 1\/1 +Running /.test(l))).toHaveLength(2);
  });

  it('prints watch events and nothing before the first change with --watch-only', async () => {
    const quiet = await c.run('kubectl get deploy --watch-only --request-timeout=3s');
    expect(quiet.stdout).toBe('');
    const r = await c.script('kubectl scale deploy web --replicas=1', 'kubectl get deploy web -w --output-watch-events --request-timeout=5s');
    expect(r.stdout.split('\n')[0]).toMatch(/^EVENT +NAME +READY +UP-TO-DATE +AVAILABLE +AGE$/);
    expect(r.stdout.split('\n')[1]).toMatch(/^ADDED +web /);
  });

  it('stops a watch with the virtual clock bounded', async () => {
    const start = c.now;
    await c.run('kubectl get ns -w');
    expect(c.now - start).toBeGreaterThanOrEqual(300_000);
    expect(c.now - start).toBeLessThan(310_000);
  });
});

describe('kubectl top', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = new TestCluster();
    c.file('metrics-server.yaml', METRICS_SERVER).file('deploy.yaml', DEPLOYMENT);
  });

  it('needs the metrics API', async () => {
    expect(await c.run('kubectl top node')).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', status: 1 });
    expect((await c.run('kubectl top pod')).stderr).toBe('error: Metrics API not available\n');
  });

  it('waits for metrics-server to start and scrape, then reports nodes and pods', async () => {
    await c.run('kubectl apply -f metrics-server.yaml');
    expect((await c.run('kubectl top node')).stderr).toBe('Error from server (ServiceUnavailable): the server is currently unable to handle the request (get nodes.metrics.k8s.io)\n');
    await c.run('sleep 60');
    const nodes = await c.run('kubectl top node');
    const lines = nodes.stdout.split('\n');
    expect(lines[0]).toBe('NAME           CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    expect(lines.slice(1, 4).map((l) => l.split(/ +/)[0])).toEqual(['controlplane', 'node01', 'node02']);
    expect(lines[1]).toMatch(/^controlplane   \d+m +\d+% +\d+Mi +\d+% +$/);
    const pods = await c.run('kubectl top pod -n kube-system --sort-by=memory');
    expect(pods.stdout.split('\n')[1]).toMatch(/^kube-apiserver-controlplane +\d+m +\d+Mi +$/);
  });

  it('shows containers, sums, and kubectl\'s errors for missing or young pods', async () => {
    const ctr = await c.run('kubectl top pod -n kube-system -l component=etcd --containers');
    expect(ctr.stdout).toMatch(/^POD +NAME +CPU\(cores\) +MEMORY\(bytes\) +\netcd-controlplane +etcd +\d+m +\d+Mi +\n$/);
    const sum = await c.run('kubectl top pod -n kube-system -l k8s-app=kube-dns --sum');
    expect(sum.stdout.split('\n').slice(-3, -1)[0]).toMatch(/^ +________ +________ +$/);
    expect((await c.run('kubectl top pod nope')).stderr).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "default/nope" not found\n');
    await c.run('kubectl apply -f deploy.yaml');
    expect((await c.run('kubectl top pod')).stderr).toBe('error: metrics not available yet\n');
  });

  it('stays unavailable while metrics-server cannot scrape the kubelets (no --kubelet-insecure-tls)', async () => {
    const other = new TestCluster();
    other.file('ms.yaml', METRICS_SERVER.replace(', --kubelet-insecure-tls]', ']'));
    await other.script('kubectl apply -f ms.yaml', 'sleep 90');
    expect((await other.run('kubectl top pod -A')).stderr).toBe('Error from server (ServiceUnavailable): the server is currently unable to handle the request (get pods.metrics.k8s.io)\n');
    expect((await other.run('kubectl -n kube-system get pods -l k8s-app=metrics-server')).stdout).toMatch(/ 0\/1 +Running /);
  });

  it('is unavailable while metrics-server is down', async () => {
    await c.script('kubectl -n kube-system scale deploy metrics-server --replicas=0', 'sleep 40');
    expect((await c.run('kubectl top node')).stderr).toBe('Error from server (ServiceUnavailable): the server is currently unable to handle the request (get nodes.metrics.k8s.io)\n');
    const api = await c.run('kubectl api-resources');
    expect(api.stderr).toBe('error: unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: the server is currently unable to handle the request\n');
    expect(api.status).toBe(1);
  });
});
