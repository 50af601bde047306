/**
 * kubectl cluster-info dump: nodes, then per namespace (kube-system and the current one, the
 * --namespaces list, or every namespace with -A) its events, replication controllers,
 * services, daemon sets, deployments, replica sets and pods, then every container's log
 * between START/END markers. To stdout, or as files under --output-directory.
 */
import { ApiError } from '../../api/errors.js';
import type { KObject, Stored } from '../../api/types.js';
import { flagBool, flagList, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { TEMPLATE_FLAGS } from '../common-flags.js';
import { KubectlError, usageError } from '../errors.js';
import { VfsError } from '../../vfs/fs.js';
import { PrinterError, printGenericObjects, resolvePrinter, type ResolvedPrinter } from '../printers/index.js';
import { printerEnv } from './shared.js';

export const clusterInfoDumpCommand: KubectlCommand = {
  path: ['cluster-info', 'dump'],
  help: {
    short: 'Dump relevant information for debugging and diagnosis',
    long: `Dump cluster information out suitable for debugging and diagnosing cluster problems.  By default, dumps everything to stdout. You can optionally specify a directory with --output-directory.  If you specify a directory, Kubernetes will build a set of files in that directory.  By default, only dumps things in the current namespace and 'kube-system' namespace, but you can switch to a different namespace with the --namespaces flag, or specify --all-namespaces to dump all namespaces.

 The command also dumps the logs of all of the pods in the cluster; these logs are dumped into different directories based on namespace and pod name.`,
    examples: `# Dump current cluster state to stdout
kubectl cluster-info dump

# Dump current cluster state to /path/to/cluster-state
kubectl cluster-info dump --output-directory=/path/to/cluster-state

# Dump all namespaces to stdout
kubectl cluster-info dump --all-namespaces

# Dump a set of namespaces to /path/to/cluster-state
kubectl cluster-info dump --namespaces default,kube-system --output-directory=/path/to/cluster-state`,
    use: '[flags] [options]',
  },
  flags: [
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If true, dump all namespaces.  If true, --namespaces is ignored.' },
    TEMPLATE_FLAGS[0]!,
    { name: 'namespaces', type: 'stringSlice', usage: 'A comma separated list of namespaces to dump.' },
    { name: 'output', shorthand: 'o', type: 'string', default: 'json', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'output-directory', type: 'string', usage: "Where to output the files.  If empty or '-' uses stdout, otherwise creates a directory hierarchy in that directory" },
    { name: 'pod-running-timeout', type: 'duration', default: '20s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    TEMPLATE_FLAGS[1]!,
    TEMPLATE_FLAGS[2]!,
  ],
  discovery: 'cluster-info dump',
  run: runDump,
};

/** Lists as the typed clients return them: the list kind, and items without their type meta. */
function typedList(kind: string, apiVersion: string, items: Stored[], resourceVersion: string): KObject {
  const stripped = items.map((o) => {
    const { apiVersion: _a, kind: _k, ...rest } = o;
    return rest;
  });
  return { kind, apiVersion, metadata: { resourceVersion }, items: stripped } as unknown as KObject;
}

function runDump(inv: Invocation): number {
  const { flags, kctx } = inv;
  let printer: ResolvedPrinter;
  try {
    printer = resolvePrinter({ output: flagString(flags, 'output'), template: flagString(flags, 'template') || undefined, showManagedFields: flagBool(flags, 'show-managed-fields') }, 'generic', printerEnv(inv));
  } catch (e) {
    if (e instanceof PrinterError) throw usageError(e.message);
    throw e;
  }
  const client = kctx.client();
  const dir = flagString(flags, 'output-directory');
  const toFiles = dir !== '' && dir !== '-';
  const format = flagString(flags, 'output');
  const ext = format === 'json' ? '.json' : format === 'yaml' ? '.yaml' : '.txt';
  const written = new Set<string>();
  const emit = (path: string, text: string) => {
    if (!toFiles) return inv.out.write(text);
    const file = inv.proc.resolve(`${dir}/${path}`);
    const fs = inv.proc.host.fs;
    try {
      fs.mkdir(file.slice(0, file.lastIndexOf('/')), { recursive: true }, inv.proc.cred);
      // A file is created once per run; later writes to it (one pod's containers) append.
      if (written.has(file)) fs.appendFile(file, text, {}, inv.proc.cred);
      else fs.writeFile(file, text, {}, inv.proc.cred);
      written.add(file);
    } catch (e) {
      if (e instanceof VfsError) throw new KubectlError(`error: open ${dir}/${path}: ${e.reason.toLowerCase()}`);
      throw e;
    }
  };
  const print = (path: string, list: KObject) => {
    const r = printGenericObjects(printer, [list], '');
    emit(path + ext, r.stdout);
  };
  const listOf = (resource: string, kind: string, apiVersion: string, ns?: string) => {
    const r = client.listResult(resource, ns);
    return typedList(kind, apiVersion, r.items, r.metadata.resourceVersion);
  };
  print('nodes', listOf('nodes', 'NodeList', 'v1'));
  const namespaces = flagBool(flags, 'all-namespaces')
    ? client.list('namespaces').map((n) => n.metadata.name)
    : flagList(flags, 'namespaces').length
      ? flagList(flags, 'namespaces')
      : ['kube-system', kctx.namespace()];
  for (const ns of namespaces) {
    print(`${ns}/events`, listOf('events', 'EventList', 'v1', ns));
    print(`${ns}/replication-controllers`, listOf('replicationcontrollers', 'ReplicationControllerList', 'v1', ns));
    print(`${ns}/services`, listOf('services', 'ServiceList', 'v1', ns));
    print(`${ns}/daemonsets`, listOf('daemonsets.apps', 'DaemonSetList', 'apps/v1', ns));
    print(`${ns}/deployments`, listOf('deployments.apps', 'DeploymentList', 'apps/v1', ns));
    print(`${ns}/replicasets`, listOf('replicasets.apps', 'ReplicaSetList', 'apps/v1', ns));
    const pods = client.listResult('pods', ns);
    print(`${ns}/pods`, typedList('PodList', 'v1', pods.items, pods.metadata.resourceVersion));
    for (const pod of pods.items) {
      const spec = pod['spec'] as { containers?: { name: string }[]; initContainers?: { name: string }[] };
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) emit(`${ns}/${pod.metadata.name}/logs.txt`, containerLog(inv, pod, c.name));
    }
  }
  if (toFiles) inv.out.write(`Cluster info dumped to ${dir}\n`);
  return 0;
}

function containerLog(inv: Invocation, pod: Stored, container: string): string {
  const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
  let text = `==== START logs for container ${container} of pod ${where} ====\n`;
  const client = inv.kctx.client();
  try {
    text += client.api.podLogs(client.user, pod.metadata.namespace!, pod.metadata.name, container).map((l) => l.line + '\n').join('');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    text += `Request log error: ${e.message}\n`;
  }
  return text + `==== END logs for container ${container} of pod ${where} ====\n`;
}
