/**
 * kubectl expose (deployment|rs|rc|pod|service) NAME: a Service whose selector, ports,
 * protocols and labels are read from the object unless given (--port, --target-port, --type,
 * --name, --protocol, --selector, -l, --cluster-ip, --external-ip, --session-affinity,
 * --overrides), with kubectl's introspection errors.
 */
import type { KObject } from '../../api/types.js';
import { flagBool, flagList, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { filenameFlagsWithUsage, dryRun, DRY_RUN_FLAG, fieldManagerFlag, GENERIC_OUTPUT_FLAGS } from '../common-flags.js';
import { describeError, KubectlError, usageError } from '../errors.js';
import { goOrdered } from '../create/order.js';
import { typedRoundTrip } from '../create/typed.js';
import { printObjects, resolveGenericPrinter, withLastApplied } from '../create/generator.js';
import { applyOverrides, selectResources, type Target, warnSink } from './shared.js';

type Obj = Record<string, unknown>;
type Port = { containerPort?: number; port?: number; protocol?: string };

const EXPOSABLE = new Set(['ReplicationController', 'Service', 'Pod', 'Deployment', 'ReplicaSet']);

function podSpecPorts(spec: Obj | undefined): Port[] {
  return (((spec?.['containers'] as { ports?: Port[] }[] | undefined) ?? []).flatMap((c) => c.ports ?? []));
}

function mapString(m: Record<string, string>): string {
  return Object.entries(m)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** mapBasedSelectorForObject. */
function selectorOf(obj: KObject): string {
  const spec = (obj['spec'] ?? {}) as Obj;
  switch (obj.kind) {
    case 'ReplicationController':
      return mapString((spec['selector'] as Record<string, string>) ?? {});
    case 'Pod':
      if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) throw new Error('the pod has no labels and cannot be exposed');
      return mapString(obj.metadata.labels);
    case 'Service':
      if (!spec['selector']) throw new Error('the service has no pod selector set');
      return mapString(spec['selector'] as Record<string, string>);
    default: {
      const sel = spec['selector'] as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
      const noun = obj.kind === 'Deployment' ? 'deployment' : 'replicaset';
      if (!sel || !sel.matchLabels || Object.keys(sel.matchLabels).length === 0) throw new Error(`invalid ${noun}: no selectors, therefore cannot be exposed`);
      if (sel.matchExpressions?.length) throw new Error(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      return mapString(sel.matchLabels);
    }
  }
}

/** portsForObject and multiProtocolsForObject: distinct ports, and each port's protocols. */
function portsOf(obj: KObject): { ports: string[]; protocols: Map<string, string[]> } {
  const spec = (obj['spec'] ?? {}) as Obj;
  const raw: { port: number; protocol: string }[] =
    obj.kind === 'Service'
      ? (((spec['ports'] as Port[]) ?? []).map((p) => ({ port: p.port ?? 0, protocol: p.protocol || 'TCP' })))
      : podSpecPorts(obj.kind === 'Pod' ? spec : ((spec['template'] as Obj | undefined)?.['spec'] as Obj | undefined)).map((p) => ({ port: p.containerPort ?? 0, protocol: p.protocol || 'TCP' }));
  const ports: string[] = [];
  const protocols = new Map<string, string[]>();
  for (const p of raw) {
    const key = String(p.port);
    if (!ports.includes(key)) ports.push(key);
    protocols.set(key, [...(protocols.get(key) ?? []), p.protocol]);
  }
  return { ports, protocols };
}

function parseLabelMap(spec: string): Record<string, string> {
  if (!spec) throw new KubectlError('error: no label spec passed');
  const out: Record<string, string> = {};
  for (const item of spec.split(',')) {
    const parts = item.split('=');
    if (parts.length !== 2) throw new KubectlError(`error: unexpected label spec: ${item}`);
    if (!parts[0]) throw new KubectlError('error: unexpected empty label key');
    out[parts[0]] = parts[1]!;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function intOrString(v: string): number | string {
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

function buildService(inv: Invocation, t: Target): KObject {
  const f = (n: string) => flagString(inv.flags, n);
  if (!EXPOSABLE.has(t.info.kind)) throw new KubectlError(`error: cannot expose a ${t.info.group ? `${t.info.kind}.${t.info.group}` : t.info.kind}`);
  const defaultName = t.name.slice(0, 63);
  let selector = f('selector');
  if (!selector) {
    try {
      selector = selectorOf(t.object);
    } catch (e) {
      throw new KubectlError(`error: couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  const headless = f('cluster-ip') === 'None';
  let port = f('port');
  let multiPorts = '';
  const found = portsOf(t.object);
  if (!port) {
    if (found.ports.length === 0 && !headless) throw new KubectlError("error: couldn't find port via --port flag or introspection");
    if (found.ports.length === 1) port = found.ports[0]!;
    else if (found.ports.length > 1) multiPorts = found.ports.join(',');
  }
  const labelsText = f('labels') || mapString(t.object.metadata.labels ?? {});
  const sel = parseLabelMap(selector);
  const labels = labelsText ? parseLabelMap(labelsText) : undefined;
  const name = f('name') || defaultName;
  const protocolFlag = f('protocol');
  const portString = multiPorts || port;
  const ports: Obj[] = [];
  if (portString) {
    const list = portString.split(',');
    list.forEach((p, i) => {
      if (!/^[+-]?\d+$/.test(p)) throw new KubectlError(`error: strconv.Atoi: parsing "${p}": invalid syntax`);
      const portName = list.length > 1 ? `port-${i + 1}` : '';
      let protocol = protocolFlag;
      if (!protocol) {
        const fromObject = found.protocols.get(p);
        if (!fromObject || found.protocols.size === 0) protocol = 'TCP';
        else if (fromObject.length === 1) protocol = fromObject[0]!;
        else {
          for (const proto of fromObject) ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, protocol: proto, port: Number(p) });
          return;
        }
      }
      ports.push({ ...(portName ? { name: portName } : {}), protocol, port: Number(p) });
    });
  }
  const targetPort = f('target-port');
  for (const p of ports) p['targetPort'] = targetPort ? intOrString(targetPort) : p['port'];
  const type = f('type');
  const affinity = f('session-affinity');
  if (affinity && affinity !== 'None' && affinity !== 'ClientIP') throw new KubectlError(`error: unknown session affinity: ${affinity}`);
  const spec: Obj = {
    ...(ports.length ? { ports } : {}),
    selector: sel,
    ...(f('cluster-ip') ? { clusterIP: f('cluster-ip') } : {}),
    ...(type ? { type } : {}),
    ...(f('external-ip') ? { externalIPs: [f('external-ip')] } : {}),
    ...(affinity ? { sessionAffinity: affinity } : {}),
    ...(type === 'LoadBalancer' && f('load-balancer-ip') ? { loadBalancerIP: f('load-balancer-ip') } : {}),
  };
  const service: KObject = { kind: 'Service', apiVersion: 'v1', metadata: { name, ...(labels ? { labels } : {}) }, spec };
  return typedRoundTrip(goOrdered(applyOverrides(typedRoundTrip(service), f('overrides'), f('override-type') || 'merge')));
}

function runExpose(inv: Invocation): number {
  const dry = dryRun(inv.flags, warnSink(inv));
  const printer = resolveGenericPrinter(inv);
  const files = flagList(inv.flags, 'filename');
  if (inv.args.length === 0 && files.length === 0) throw new KubectlError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const sel = selectResources(inv, { resources: inv.args, filenames: files, verb: 'expose' });
  if (sel.errors.length) throw new KubectlError(sel.errors[0]!);
  const namespace = inv.kctx.namespace();
  const enforced = inv.kctx.globals.namespace;
  for (const t of sel.targets) {
    let svc = buildService(inv, t);
    if (dry === 'client') {
      if (enforced) svc = goOrdered({ ...svc, metadata: { ...svc.metadata, namespace: enforced } });
      printObjects(inv, printer, [svc], 'exposed', dry, true);
      continue;
    }
    if (flagBool(inv.flags, 'save-config')) svc = withLastApplied(svc);
    try {
      const created = inv.kctx.client().create('services', { ...svc, metadata: { ...svc.metadata, namespace } }, { dryRun: dry === 'server', fieldManager: flagString(inv.flags, 'field-manager') });
      printObjects(inv, printer, [created], 'exposed', dry);
    } catch (e) {
      throw new KubectlError(describeError(e));
    }
  }
  if (sel.targets.length === 0) throw usageError('no objects passed to expose');
  return 0;
}

export const exposeCommand: KubectlCommand = {
  path: ['expose'],
  help: {
    short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    long: `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`,
    examples: `# Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
kubectl expose rc nginx --port=80 --target-port=8000

# Create a service for a replication controller identified by type and name specified in "nginx-controller.yaml", which serves on port 80 and connects to the containers on port 8000
kubectl expose -f nginx-controller.yaml --port=80 --target-port=8000

# Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
kubectl expose pod valid-pod --port=444 --name=frontend

# Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"
kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https

# Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named 'video-stream'.
kubectl expose rc streamer --port=4100 --protocol=UDP --name=video-stream

# Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000
kubectl expose rs nginx --port=80 --target-port=8000

# Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
kubectl expose deployment nginx --port=80 --target-port=8000`,
    use: '(-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
  },
  flags: [
    ...GENERIC_OUTPUT_FLAGS,
    { name: 'cluster-ip', type: 'string', usage: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
    DRY_RUN_FLAG,
    { name: 'external-ip', type: 'string', usage: 'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.' },
    fieldManagerFlag('kubectl-expose'),
    ...filenameFlagsWithUsage('Filename, directory, or URL to files identifying the resource to expose a service'),
    { name: 'labels', shorthand: 'l', type: 'string', usage: 'Labels to apply to the service created by this call.' },
    { name: 'load-balancer-ip', type: 'string', usage: 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).' },
    { name: 'name', type: 'string', usage: 'The name for the newly created object.' },
    { name: 'override-type', type: 'string', default: 'merge', usage: 'The method used to override the generated object: json, merge, or strategic.' },
    { name: 'overrides', type: 'string', usage: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.' },
    { name: 'port', type: 'string', usage: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
    { name: 'protocol', type: 'string', usage: "The network protocol for the service to be created. Default is 'TCP'." },
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
    { name: 'selector', type: 'string', usage: 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)' },
    { name: 'session-affinity', type: 'string', usage: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
    { name: 'target-port', type: 'string', usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
    { name: 'type', type: 'string', usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
  ],
  run: runExpose,
};
