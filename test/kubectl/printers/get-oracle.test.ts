/**
 * `kubectl get` layouts compared with kubectl 1.33 talking to a loopback API server. For
 * tables the server sends the Table our column handlers build (as the apiserver would), so
 * what is compared is kubectl's client side: alignment, headers, NAMESPACE/LABELS/-L columns,
 * kind prefixes, blank lines between kinds, --sort-by over rows and "No resources found".
 * custom-columns and generic formats over lists are computed by kubectl from the objects.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_RESOURCES, type ResourceInfo } from '../../../src/api/registry.js';
import type { KObject } from '../../../src/api/types.js';
import { type OutputFlags, errorText, printGet, resolvePrinter } from '../../../src/kubectl/printers/index.js';
import { GoFloat } from '../../../src/util/gofmt.js';
import { tableHandlerFor } from '../../../src/kubectl/printers/table/registry.js';
import { type FakeServer, NO_KUBECTL, fakeApiServer, hasKubectl, kubectl } from '../oracle.js';
import { condition, deployment, meta, node, pod, running, service, waiting } from '../fixtures.js';

const NOW = Date.now();

function table(info: ResourceInfo, objects: KObject[], includeObject: boolean): unknown {
  const handler = tableHandlerFor(info.group, info.kind);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '100' },
    columnDefinitions: handler.columns.map((c) => ({ name: c.name, type: 'string', format: c.format ?? '', description: '', priority: c.priority ?? 0 })),
    rows: objects.map((o) => ({
      cells: handler.row(o, { now: NOW }).map((c) => (c instanceof GoFloat ? c.value : c)),
      object: includeObject ? o : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}

const objects: KObject[] = [
  pod('web-7d4b9c8f6d-abcde', { labels: { app: 'web', tier: 'frontend' }, status: { conditions: [condition('Ready', 'True')], containerStatuses: [running('nginx', 0)] } }),
  pod('web-7d4b9c8f6d-fghij', { labels: { app: 'web' }, spec: { nodeName: 'node02' }, status: { containerStatuses: [running('nginx', 12)] } }),
  pod('crashy', { labels: { app: 'crashy' }, status: { containerStatuses: [waiting('nginx', 'CrashLoopBackOff', 5)] } }),
  pod('db-0', { ns: 'shop', labels: { app: 'db' }, status: { containerStatuses: [running('nginx', 1)] } }),
  pod('coredns-668d6bf9bc-xk2tl', { ns: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, status: { containerStatuses: [running('coredns', 0)] } }),
  deployment('web'),
  deployment('api', 'shop'),
  service('web'),
  service('kubernetes', 'default', { selector: undefined, clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }] }),
  service('lb', 'shop', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 31234, protocol: 'TCP', targetPort: 80 }] }),
  node('controlplane', { labels: { 'node-role.kubernetes.io/control-plane': '' } }),
  node('node01', { ip: '192.168.1.12' }),
  node('node02', { ready: 'False', unschedulable: true, ip: '192.168.1.13' }),
  { apiVersion: 'v1', kind: 'Namespace', metadata: meta('default', undefined), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } } as unknown as KObject,
  { apiVersion: 'v1', kind: 'Namespace', metadata: meta('shop', undefined, { labels: { team: 'a' } }), status: { phase: 'Active' } } as unknown as KObject,
];

const info = (resource: string, group = ''): ResourceInfo => BUILTIN_RESOURCES.find((r) => r.resource === resource && r.group === group)!;

/** Our get for one or more resource types in one namespace (or -A). */
function ours(resources: ResourceInfo[], flags: OutputFlags & { allNamespaces?: boolean; namespace?: string; names?: string[] }): { stdout: string; stderr: string } {
  const ns = flags.namespace ?? 'default';
  const groups = resources.map((r) => ({
    info: r,
    objects: objects.filter(
      (o) =>
        o.kind === r.kind &&
        (!r.namespaced || flags.allNamespaces || o.metadata.namespace === ns) &&
        (!flags.names || flags.names.includes(o.metadata.name!)),
    ),
  }));
  let printer;
  try {
    printer = resolvePrinter(flags, 'get');
  } catch (e) {
    return { stdout: '', stderr: errorText((e as Error).message) };
  }
  const r = printGet(printer, flags, { groups, allNamespaces: flags.allNamespaces, namespace: ns, now: NOW, singleItemImplied: flags.names?.length === 1 && resources.length === 1 });
  return { stdout: r.stdout, stderr: r.stderr + (r.error ? errorText(r.error) : '') };
}

describe.skipIf(!hasKubectl())('kubectl get against kubectl 1.33', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);
  let server: FakeServer;
  beforeAll(async () => {
    server = await fakeApiServer(objects, table);
  });
  afterAll(async () => {
    await server?.close();
  });

  const cases: [string, string[], ResourceInfo[], Parameters<typeof ours>[1]][] = [
    ['pods', ['get', 'pods'], [info('pods')], {}],
    ['pods -o wide', ['get', 'pods', '-o', 'wide'], [info('pods')], { output: 'wide' }],
    ['pods -A', ['get', 'pods', '-A'], [info('pods')], { allNamespaces: true }],
    ['pods -A -o wide', ['get', 'pods', '-A', '-o', 'wide'], [info('pods')], { allNamespaces: true, output: 'wide' }],
    ['pods --show-labels', ['get', 'pods', '--show-labels'], [info('pods')], { showLabels: true }],
    ['pods -L app,tier -L missing', ['get', 'pods', '-L', 'app,tier', '-L', 'example.com/missing'], [info('pods')], { labelColumns: ['app', 'tier', 'example.com/missing'] }],
    ['pods --no-headers', ['get', 'pods', '--no-headers'], [info('pods')], { noHeaders: true }],
    ['pods --show-kind', ['get', 'pods', '--show-kind'], [info('pods')], { showKind: true }],
    ['pods --sort-by=.metadata.name', ['get', 'pods', '--sort-by=.metadata.name'], [info('pods')], { sortBy: '.metadata.name' }],
    ['pods -A --sort-by restarts', ['get', 'pods', '-A', '--sort-by', '{.status.containerStatuses[0].restartCount}'], [info('pods')], { allNamespaces: true, sortBy: '{.status.containerStatuses[0].restartCount}' }],
    ['pods --sort-by a missing field', ['get', 'pods', '--sort-by=.spec.nothing'], [info('pods')], { sortBy: '.spec.nothing' }],
    ['pods in an empty namespace', ['get', 'pods', '-n', 'empty'], [info('pods')], { namespace: 'empty' }],
    ['nodes', ['get', 'nodes'], [info('nodes')], {}],
    ['nodes -o wide', ['get', 'nodes', '-o', 'wide'], [info('nodes')], { output: 'wide' }],
    ['namespaces --show-labels', ['get', 'ns', '--show-labels'], [info('namespaces')], { showLabels: true }],
    ['services -A', ['get', 'svc', '-A'], [info('services')], { allNamespaces: true }],
    ['services -o wide', ['get', 'svc', '-o', 'wide'], [info('services')], { output: 'wide' }],
    ['deployments -A -o wide', ['get', 'deploy', '-A', '-o', 'wide'], [info('deployments', 'apps')], { allNamespaces: true, output: 'wide' }],
    ['pods,services,deployments', ['get', 'pods,svc,deploy'], [info('pods'), info('services'), info('deployments', 'apps')], {}],
    ['pods,services -A --no-headers', ['get', 'pods,svc', '-A', '--no-headers'], [info('pods'), info('services')], { allNamespaces: true, noHeaders: true }],
    ['nodes,pods (cluster-scoped and namespaced)', ['get', 'nodes,pods'], [info('nodes'), info('pods')], {}],
    ['one pod -o yaml', ['get', 'pod', 'crashy', '-o', 'yaml'], [info('pods')], { output: 'yaml', names: ['crashy'] }],
    ['pods -o yaml', ['get', 'pods', '-o', 'yaml'], [info('pods')], { output: 'yaml' }],
    ['pods -o json', ['get', 'pods', '-o', 'json'], [info('pods')], { output: 'json' }],
    ['pods -o name', ['get', 'pods', '-o', 'name'], [info('pods')], { output: 'name' }],
    ['pods,deploy -o name', ['get', 'pods,deploy', '-o', 'name'], [info('pods'), info('deployments', 'apps')], { output: 'name' }],
    ['pods -o jsonpath', ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'], [info('pods')], { output: 'jsonpath={.items[*].metadata.name}' }],
    ['pods jsonpath range', ['get', 'pods', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}'], [info('pods')], { allNamespaces: true, output: 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}' }],
    ['pods -o custom-columns', ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,RESTARTS:.status.containerStatuses[0].restartCount,NOPE:.spec.nothing'], [info('pods')], { output: 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,RESTARTS:.status.containerStatuses[0].restartCount,NOPE:.spec.nothing' }],
    ['custom-columns --no-headers --sort-by', ['get', 'pods', '-A', '--no-headers', '--sort-by=.metadata.name', '-o', 'custom-columns=NS:.metadata.namespace,NAME:{.metadata.name},L:.metadata.labels'], [info('pods')], { allNamespaces: true, noHeaders: true, sortBy: '.metadata.name', output: 'custom-columns=NS:.metadata.namespace,NAME:{.metadata.name},L:.metadata.labels' }],
    ['custom-columns on an empty list', ['get', 'pods', '-n', 'empty', '-o', 'custom-columns=NAME:.metadata.name'], [info('pods')], { namespace: 'empty', output: 'custom-columns=NAME:.metadata.name' }],
    ['nodes go-template', ['get', 'nodes', '-o', 'go-template={{range .items}}{{.metadata.name}} {{.status.nodeInfo.kubeletVersion}}{{"\\n"}}{{end}}'], [info('nodes')], { output: 'go-template={{range .items}}{{.metadata.name}} {{.status.nodeInfo.kubeletVersion}}{{"\\n"}}{{end}}' }],
    ['an unknown format', ['get', 'pods', '-o', 'foo'], [info('pods')], { output: 'foo' }],
    ['custom-columns with no columns', ['get', 'pods', '-o', 'custom-columns='], [info('pods')], { output: 'custom-columns=' }],
    ['custom-columns without a path', ['get', 'pods', '-o', 'custom-columns=NAME'], [info('pods')], { output: 'custom-columns=NAME' }],
    ['jsonpath without a template', ['get', 'pods', '-o', 'jsonpath'], [info('pods')], { output: 'jsonpath' }],
  ];

  it.each(cases)('kubectl get %s', async (_name, args, resources, flags) => {
    const real = await kubectl(args, { server: server.url });
    const mine = ours(resources, flags);
    expect(mine.stdout).toBe(real.stdout);
    expect(mine.stderr).toBe(real.stderr);
  });
});

describe.skipIf(!hasKubectl())('--sort-by ties against kubectl 1.33 (Go sort.Sort is not stable past 12 rows)', () => {
  it.skipIf(!hasKubectl())(NO_KUBECTL, () => undefined);
  // 40 pods created in four bursts: creationTimestamp ties everywhere
  const many = Array.from({ length: 40 }, (_, i) =>
    pod(`pod-${String((i * 7919) % 40).padStart(2, '0')}`, { meta: { creationTimestamp: new Date(Date.parse('2026-01-01T00:00:00Z') + (i % 4) * 60000).toISOString().replace('.000Z', 'Z') }, status: { containerStatuses: [running('nginx', i % 3)] } }),
  );
  let server: FakeServer;
  beforeAll(async () => {
    server = await fakeApiServer(many, table);
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(['.metadata.creationTimestamp', '{.status.containerStatuses[0].restartCount}', '.spec.nodeName', '.metadata.name'])('rows sorted by %s land where kubectl puts them', async (field) => {
    const real = await kubectl(['get', 'pods', '--sort-by', field, '--no-headers', '-o', 'custom-columns=N:.metadata.name'], { server: server.url });
    const realTable = await kubectl(['get', 'pods', '--sort-by', field], { server: server.url });
    const groups = [{ info: info('pods'), objects: many }];
    const ccFlags = { output: 'custom-columns=N:.metadata.name', sortBy: field, noHeaders: true };
    const cc = printGet(resolvePrinter(ccFlags, 'get'), ccFlags, { groups, namespace: 'default', now: NOW });
    const tbl = printGet(resolvePrinter({}, 'get'), { sortBy: field }, { groups, namespace: 'default', now: NOW });
    expect(cc.stdout).toBe(real.stdout);
    expect(tbl.stdout).toBe(realTable.stdout);
  });
});
