/** api-resources, api-versions, cluster-info (and dump), get --raw and --subresource on a booted cluster. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPLOYMENT, TestCluster } from './cluster.js';

describe('discovery commands', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = new TestCluster();
    c.file('deploy.yaml', DEPLOYMENT);
    await c.script('kubectl apply -f deploy.yaml', 'sleep 5');
  });

  it('lists resources as kubectl api-resources does, core group first', async () => {
    const r = await c.run('kubectl api-resources');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND');
    expect(lines[1]).toBe('bindings                                         v1                                true         Binding');
    expect(r.stdout).toContain('\ndeployments                         deploy       apps/v1                           true         Deployment\n');
    expect(r.stdout).toContain('\nevents                              ev           events.k8s.io/v1                  true         Event\n');
  });

  it('filters and reshapes: -o wide, -o name, --namespaced, --api-group, --verbs, --sort-by, --no-headers', async () => {
    expect((await c.run('kubectl api-resources --api-group=apps -o wide')).stdout.split('\n')[2]).toBe(
      'daemonsets            ds           apps/v1      true         DaemonSet            create,delete,deletecollection,get,list,patch,update,watch   all',
    );
    const names = (await c.run('kubectl api-resources --namespaced=false -o name')).stdout.split('\n');
    expect(names.slice(0, 3)).toEqual(['componentstatuses', 'namespaces', 'nodes']);
    expect((await c.run('kubectl api-resources --verbs=create --verbs=get --api-group=authorization.k8s.io --no-headers')).stdout).toBe('');
    expect((await c.run('kubectl api-resources --api-group=rbac.authorization.k8s.io --sort-by=kind -o name')).stdout).toBe(
      'clusterroles.rbac.authorization.k8s.io\nclusterrolebindings.rbac.authorization.k8s.io\nroles.rbac.authorization.k8s.io\nrolebindings.rbac.authorization.k8s.io\n',
    );
  });

  it('lists every served group/version', async () => {
    const r = await c.run('kubectl api-versions');
    expect(r.stdout.split('\n').slice(0, 8)).toEqual([
      'admissionregistration.k8s.io/v1', 'apiextensions.k8s.io/v1', 'apiregistration.k8s.io/v1', 'apps/v1', 'authentication.k8s.io/v1', 'authorization.k8s.io/v1', 'autoscaling/v1', 'autoscaling/v2',
    ]);
    expect(r.stdout.endsWith('storage.k8s.io/v1\nv1\n')).toBe(true);
  });

  it('shows the control plane and CoreDNS, without colour codes', async () => {
    const r = await c.run('kubectl cluster-info');
    expect(r.stdout).toBe(
      "Kubernetes control plane is running at https://192.168.100.2:6443\nCoreDNS is running at https://192.168.100.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
    expect((await c.run('kubectl cluster-info -n default')).stdout).toBe(
      "Kubernetes control plane is running at https://192.168.100.2:6443\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
  });

  it('dumps the cluster to stdout or into a directory tree', async () => {
    const out = await c.run('kubectl cluster-info dump');
    expect(out.stdout.startsWith('{\n    "apiVersion": "v1",\n    "items": [\n')).toBe(true);
    expect(out.stdout).toContain('==== START logs for container etcd of pod kube-system/etcd-controlplane ====\n');
    const dir = await c.run('kubectl cluster-info dump --output-directory=dump');
    expect(dir.stdout).toBe('Cluster info dumped to dump\n');
    const ls = await c.run('ls dump dump/default');
    expect(ls.stdout).toContain('nodes.json');
    expect(ls.stdout).toContain('deployments.json');
  });

  it('answers raw health, version and discovery requests as the apiserver writes them', async () => {
    expect((await c.run('kubectl get --raw /healthz')).stdout).toBe('ok');
    const verbose = (await c.run("kubectl get --raw '/readyz?verbose'")).stdout;
    expect(verbose.startsWith('[+]ping ok\n[+]log ok\n[+]etcd ok\n')).toBe(true);
    expect(verbose.endsWith('readyz check passed\n')).toBe(true);
    expect(JSON.parse((await c.run('kubectl get --raw /version')).stdout).gitVersion).toBe('v1.33.2');
    const apis = JSON.parse((await c.run('kubectl get --raw /apis')).stdout);
    expect(apis.groups[0].name).toBe('apiregistration.k8s.io');
    expect((await c.run('kubectl get --raw /api')).stdout).toBe('{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"192.168.100.2:6443"}]}\n');
  });

  it('returns objects and lists as compact JSON, kind first; unknown paths are NotFound', async () => {
    const list = (await c.run('kubectl get --raw /apis/apps/v1/namespaces/default/deployments')).stdout;
    expect(list.startsWith('{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"')).toBe(true);
    expect(JSON.parse(list).items[0].metadata.name).toBe('web');
    expect(JSON.parse(list).items[0].kind).toBeUndefined();
    const one = (await c.run('kubectl get --raw /apis/apps/v1/namespaces/default/deployments/web')).stdout;
    expect(one.startsWith('{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"default",')).toBe(true);
    expect(await c.run('kubectl get --raw /nope')).toMatchObject({ stderr: 'Error from server (NotFound): the server could not find the requested resource\n', status: 1 });
  });

  it('gets the scale and status subresources', async () => {
    expect((await c.run('kubectl get deploy web --subresource=scale')).stdout).toBe('NAME   DESIRED   AVAILABLE\nweb    2         2\n');
    expect((await c.run('kubectl get deploy web --subresource=scale -o jsonpath={.status.selector}')).stdout).toBe('app=web');
    expect((await c.run('kubectl get deploy web --subresource=status')).stdout).toMatch(/^NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2\/2     2            2           \d+s\n$/);
    expect((await c.run('kubectl get deploy --subresource=scale')).stderr).toBe('error: subresource cannot be used when bulk resources are specified\n');
  });
});
