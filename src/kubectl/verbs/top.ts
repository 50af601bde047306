/**
 * kubectl top node|pod: CPU and memory usage from the metrics API, which exists only while
 * metrics-server's APIService is registered ("error: Metrics API not available" otherwise) and
 * answers only while its pods serve. Tables as kubectl's metrics printer writes them (every
 * cell tab-terminated, so rows carry trailing padding), sorted by name or by --sort-by usage.
 */
import { ApiError } from '../../api/errors.js';
import { matchesAll, parseSelector } from '../../api/labels.js';
import type { Stored } from '../../api/types.js';
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { ALL_NAMESPACES_FLAG, FIELD_SELECTOR_FLAG, SELECTOR_FLAG } from '../common-flags.js';
import { usageError } from '../errors.js';
import { goSort } from '../printers/gosort.js';
import { TabWriter } from '../printers/index.js';
import { milliCpu, parseQuantity } from '../../api/quantity.js';
import { aggregatedApis } from './discovery.js';
import { MetricsServer, type PodMetrics, type Usage } from './metrics.js';

const PROTOBUF_FLAG = { name: 'use-protocol-buffers', type: 'bool' as const, default: true, usage: 'Enables using protocol-buffers to access Metrics API.' };
/** Pods younger than this may not have metrics yet (metricsCreationDelay). */
const METRICS_CREATION_DELAY_MS = 2 * 60 * 1000;

export const topNodeCommand: KubectlCommand = {
  path: ['top', 'node'],
  aliases: ['nodes', 'no'],
  help: {
    short: 'Display resource (CPU/memory) usage of nodes',
    long: 'Display resource (CPU/memory) usage of nodes.\n\n The top-node command allows you to see the resource consumption of nodes.',
    aliases: ['nodes', 'no'],
    examples: '# Show metrics for all nodes\nkubectl top node\n\n# Show metrics for a given node\nkubectl top node NODE_NAME',
    use: '[NAME | -l label]',
  },
  flags: [
    { name: 'no-headers', type: 'bool', usage: 'If present, print output without headers' },
    SELECTOR_FLAG,
    { name: 'show-capacity', type: 'bool', usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'." },
    PROTOBUF_FLAG,
  ],
  discovery: 'top',
  run: runTopNode,
};

export const topPodCommand: KubectlCommand = {
  path: ['top', 'pod'],
  aliases: ['pods', 'po'],
  help: {
    short: 'Display resource (CPU/memory) usage of pods',
    long: "Display resource (CPU/memory) usage of pods.\n\n The 'top pod' command allows you to see the resource consumption of pods.\n\n Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.",
    aliases: ['pods', 'po'],
    examples:
      '# Show metrics for all pods in the default namespace\nkubectl top pod\n\n# Show metrics for all pods in the given namespace\nkubectl top pod --namespace=NAMESPACE\n\n# Show metrics for a given pod and its containers\nkubectl top pod POD_NAME --containers\n\n# Show metrics for the pods defined by label name=myLabel\nkubectl top pod -l name=myLabel',
    use: '[NAME | -l label]',
  },
  flags: [
    ALL_NAMESPACES_FLAG,
    { name: 'containers', type: 'bool', usage: 'If present, print usage of containers within a pod.' },
    FIELD_SELECTOR_FLAG,
    { name: 'no-headers', type: 'bool', usage: 'If present, print output without headers.' },
    SELECTOR_FLAG,
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'." },
    { name: 'sum', type: 'bool', usage: 'Print the sum of the resource usage' },
    PROTOBUF_FLAG,
  ],
  discovery: 'top',
  run: runTopPod,
};

function validateSort(sortBy: string): void {
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw usageError('--sort-by accepts only cpu or memory');
}

/** The metrics API as discovery sees it: absent, unavailable, or served by metrics-server. */
function metricsServer(inv: Invocation, resource: 'nodes' | 'pods', name?: string): MetricsServer {
  const api = inv.kctx.cluster().api;
  inv.kctx.client();
  const registered = api.store.list('apiservices.apiregistration.k8s.io').find((s) => (s['spec'] as { group?: string } | undefined)?.group === 'metrics.k8s.io');
  const state = aggregatedApis(api).find((a) => a.groupVersion === 'metrics.k8s.io/v1beta1');
  if (!registered || !state) throw usageError('Metrics API not available');
  if (!state.available) throw new ApiError(503, 'ServiceUnavailable', `the server is currently unable to handle the request (get ${resource}.metrics.k8s.io${name ? ` ${name}` : ''})`);
  const service = (registered['spec'] as { service: { namespace: string; name: string } }).service;
  return new MetricsServer(api, service, inv.kctx.now());
}

function cpuText(m: number): string {
  return `${m}m`;
}

function memText(bytes: number): string {
  return `${Math.trunc(bytes / (1024 * 1024))}Mi`;
}

function write(inv: Invocation, text: string): void {
  const w = TabWriter.forTables();
  w.write(text);
  w.flush();
  inv.out.write(w.take());
}

function runTopNode(inv: Invocation): number {
  const { flags } = inv;
  if (inv.args.length > 1) throw usageError("node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples");
  const name = inv.args[0];
  const sortBy = flagString(flags, 'sort-by');
  const selector = flagString(flags, 'selector');
  validateSort(sortBy);
  if (name && selector) throw usageError('only one of NAME or --selector can be provided');
  const client = inv.kctx.client();
  const server = metricsServer(inv, 'nodes', name);
  let nodes: Stored[];
  if (name) {
    const node = client.api.store.get('nodes', '', name);
    const m = node ? server.node(node) : undefined;
    if (!node || !m) throw new ApiError(404, 'NotFound', `nodemetrics.metrics.k8s.io "${name}" not found`);
    nodes = [client.get('nodes', '', name)];
  } else {
    const reqs = selector ? parseSelector(selector) : undefined;
    nodes = client.api.store.list('nodes').filter((n) => !reqs || matchesAll(n.metadata.labels, reqs));
  }
  const metrics = nodes.map((n) => server.node(n)).filter((m) => m !== undefined);
  if (metrics.length === 0) throw usageError('metrics not available yet');
  const listed = name ? nodes : client.list('nodes', undefined, { labelSelector: selector || undefined });
  const available = new Map(listed.map((n) => [n.metadata.name, ((n['status'] as Record<string, Record<string, string>> | undefined)?.[flagBool(flags, 'show-capacity') ? 'capacity' : 'allocatable'] ?? {})]));
  const sorted = goSort([...metrics], (a, b) => (sortBy === 'cpu' ? a.usage.cpu > b.usage.cpu : sortBy === 'memory' ? a.usage.memory > b.usage.memory : a.name < b.name));
  let text = flagBool(flags, 'no-headers') ? '' : 'NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n';
  for (const m of sorted) {
    const avail = available.get(m.name);
    text += `${m.name}\t${cpuText(m.usage.cpu)}\t`;
    if (avail?.['cpu']) text += `${Math.trunc((m.usage.cpu / milliCpu(avail['cpu'])) * 100)}%\t`;
    text += `${memText(m.usage.memory)}\t`;
    if (avail?.['memory']) text += `${Math.trunc((m.usage.memory / parseQuantity(avail['memory'])) * 100)}%\t`;
    text += '\n';
    available.delete(m.name);
  }
  for (const missing of [...available.keys()].sort()) text += `${missing}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
  write(inv, text);
  return 0;
}

function podTotal(m: PodMetrics): Usage {
  return m.containers.reduce((t, c) => ({ cpu: t.cpu + c.usage.cpu, memory: t.memory + c.usage.memory }), { cpu: 0, memory: 0 });
}

/** Go's time.Duration.String() for an age: "2m3.5s", "1h0m0s". */
function goDuration(ms: number): string {
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const s = (ms % 60000) / 1000;
  const sec = `${Number(s.toFixed(3))}s`;
  return h ? `${h}h${m}m${sec}` : m ? `${m}m${sec}` : sec;
}

function runTopPod(inv: Invocation): number {
  const { flags, kctx } = inv;
  if (inv.args.length > 1) throw usageError("pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples");
  const name = inv.args[0];
  const sortBy = flagString(flags, 'sort-by');
  const selector = flagString(flags, 'selector') || undefined;
  const fieldSelector = flagString(flags, 'field-selector') || undefined;
  validateSort(sortBy);
  if (name && (selector || fieldSelector)) throw usageError('only one of NAME or selector can be provided');
  const client = kctx.client();
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const namespace = kctx.namespace();
  const server = metricsServer(inv, 'pods', name);
  let metrics: PodMetrics[];
  if (name) {
    const pod = client.api.store.get('pods', namespace, name);
    const m = pod ? server.pod(pod) : undefined;
    if (!m) throw new ApiError(404, 'NotFound', `podmetrics.metrics.k8s.io "${namespace}/${name}" not found`);
    metrics = [m];
  } else {
    const pods = client.api.store.list('pods', allNamespaces ? undefined : namespace);
    const reqs = selector ? parseSelector(selector) : undefined;
    metrics = pods.filter((p) => !reqs || matchesAll(p.metadata.labels, reqs)).flatMap((p) => server.pod(p) ?? []);
  }
  if (metrics.length === 0) {
    verifyEmptyMetrics(inv, namespace, selector, fieldSelector);
    inv.err.write(allNamespaces ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    return 0;
  }
  printPods(inv, metrics, { containers: flagBool(flags, 'containers'), withNamespace: allNamespaces, noHeaders: flagBool(flags, 'no-headers'), sortBy, sum: flagBool(flags, 'sum') });
  return 0;
}

/** Why no pod has metrics: all too young ("not available yet"), or one old enough that should have some. */
function verifyEmptyMetrics(inv: Invocation, namespace: string, selector?: string, fieldSelector?: string): void {
  const pods = inv.kctx.client().list('pods', namespace, { labelSelector: selector, fieldSelector });
  if (pods.length === 0) return;
  for (const pod of pods) {
    const age = inv.kctx.now() - Date.parse(pod.metadata.creationTimestamp ?? '');
    if (age > METRICS_CREATION_DELAY_MS) throw usageError(`Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(age)}`);
  }
  throw usageError('metrics not available yet');
}

function printPods(inv: Invocation, metrics: PodMetrics[], o: { containers: boolean; withNamespace: boolean; noHeaders: boolean; sortBy: string; sum: boolean }): void {
  let text = '';
  let width = 3;
  if (!o.noHeaders) {
    if (o.withNamespace) (text += 'NAMESPACE\t'), width++;
    if (o.containers) (text += 'POD\t'), width++;
    text += 'NAME\tCPU(cores)\tMEMORY(bytes)\t\n';
  }
  const sorted = goSort([...metrics], (a, b) => {
    if (o.sortBy === 'cpu') return podTotal(a).cpu > podTotal(b).cpu;
    if (o.sortBy === 'memory') return podTotal(a).memory > podTotal(b).memory;
    if (o.withNamespace && a.namespace !== b.namespace) return a.namespace < b.namespace;
    return a.name < b.name;
  });
  for (const m of sorted) {
    if (o.containers) {
      const cs = goSort([...m.containers], (a, b) => (o.sortBy === 'cpu' ? a.usage.cpu > b.usage.cpu : o.sortBy === 'memory' ? a.usage.memory > b.usage.memory : a.name < b.name));
      for (const c of cs) text += `${o.withNamespace ? `${m.namespace}\t` : ''}${m.name}\t${c.name}\t${cpuText(c.usage.cpu)}\t${memText(c.usage.memory)}\t\n`;
    } else {
      const t = podTotal(m);
      text += `${o.withNamespace ? `${m.namespace}\t` : ''}${m.name}\t${cpuText(t.cpu)}\t${memText(t.memory)}\t\n`;
    }
  }
  if (o.sum) {
    const total = metrics.map(podTotal).reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), { cpu: 0, memory: 0 });
    text += '\t'.repeat(width - 2) + '________\t________\t\n';
    text += '\t'.repeat(width - 3) + `\t${cpuText(total.cpu)}\t${memText(total.memory)}\t\n`;
  }
  write(inv, text);
}

