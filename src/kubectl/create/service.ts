/**
 * kubectl create service clusterip|nodeport|loadbalancer|externalname NAME --tcp=port[:target]:
 * one TCP port per pair (named "port-target"), selector and label app=NAME.
 */
import type { KObject } from '../../api/types.js';
import { dns1123Subdomain, portName, portNum } from '../../api/validation/names.js';
import { flagNumber, flagString } from '../flags/index.js';
import type { KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { goQuote } from '../../util/gofmt.js';
import { defineGenerator, listFlag, type GeneratorSpec } from './generator.js';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

function serviceGenerator(type: ServiceType, word: string, rest: Pick<GeneratorSpec, 'help' | 'flags'> & { required?: string[] }): KubectlCommand {
  return defineGenerator({
    path: ['create', 'service', word],
    resource: 'services',
    failure: `${type} service`,
    required: rest.required,
    help: rest.help,
    flags: rest.flags,
    validate({ inv }) {
      const clusterIP = flagString(inv.flags, 'clusterip');
      if (clusterIP === 'None' && type !== 'ClusterIP') throw usageError('ClusterIP=None can only be used with ClusterIP service type');
      if (clusterIP !== 'None' && listFlag(inv, 'tcp').length === 0 && type !== 'ExternalName') throw usageError('at least one tcp port specifier must be provided');
      if (type === 'ExternalName' && dns1123Subdomain(flagString(inv.flags, 'external-name')).length) throw usageError(`invalid service external name ${flagString(inv.flags, 'external-name')}`);
    },
    build({ inv, name, enforcedNamespace }): KObject {
      const nodePort = type === 'NodePort' ? flagNumber(inv.flags, 'node-port') : 0;
      const ports = listFlag(inv, 'tcp').map((pair) => {
        const [port, targetPort] = parsePorts(pair);
        return { name: pair.replace(/:/g, '-'), protocol: 'TCP', port, targetPort, ...(nodePort ? { nodePort } : {}) };
      });
      const clusterIP = flagString(inv.flags, 'clusterip');
      const externalName = flagString(inv.flags, 'external-name');
      return {
        kind: 'Service',
        apiVersion: 'v1',
        metadata: { name, ...(enforcedNamespace ? { namespace: enforcedNamespace } : {}), creationTimestamp: null, labels: { app: name } },
        spec: {
          ...(ports.length ? { ports } : {}),
          selector: { app: name },
          ...(clusterIP ? { clusterIP } : {}),
          type,
          ...(externalName ? { externalName } : {}),
        },
        status: { loadBalancer: {} },
      };
    },
  });
}

/** parsePorts: "80" or "80:8080" or "80:http", with Go's and apimachinery's errors. */
function parsePorts(pair: string): [number, number | string] {
  const parts = pair.split(':');
  const first = parts[0]!;
  if (!/^\d+$/.test(first)) throw new KubectlError(`error: strconv.ParseUint: parsing ${goQuote(first)}: invalid syntax`);
  const port = Number(first);
  if (port > 65535) throw new KubectlError(`error: strconv.ParseUint: parsing ${goQuote(first)}: value out of range`);
  if (parts.length === 1) return [port, port];
  const target = parts[1]!;
  if (/^[+-]?\d+$/.test(target)) {
    const n = Number(target);
    const errs = portNum(n);
    if (errs.length) throw new KubectlError(`error: ${errs.join(',')}`);
    return [port, n];
  }
  const errs = portName(target);
  if (errs.length) throw new KubectlError(`error: ${errs.join(',')}`);
  return [port, target];
}

export const createServiceClusterIPCommand = serviceGenerator('ClusterIP', 'clusterip', {
  help: {
    short: 'Create a ClusterIP service',
    long: `Create a ClusterIP service with the specified name.`,
    examples: `# Create a new ClusterIP service named my-cs
kubectl create service clusterip my-cs --tcp=5678:8080

# Create a new ClusterIP service named my-cs (in headless mode)
kubectl create service clusterip my-cs --clusterip="None"`,
    use: 'NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'clusterip', type: 'string', usage: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)." },
    { name: 'tcp', type: 'stringSlice', usage: "Port pairs can be specified as '<port>:<targetPort>'." },
  ],
});

export const createServiceNodePortCommand = serviceGenerator('NodePort', 'nodeport', {
  help: {
    short: 'Create a NodePort service',
    long: `Create a NodePort service with the specified name.`,
    examples: `# Create a new NodePort service named my-ns
kubectl create service nodeport my-ns --tcp=5678:8080`,
    use: 'NAME [--tcp=port:targetPort] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'node-port', type: 'int', usage: 'Port used to expose the service on each node in a cluster.' },
    { name: 'tcp', type: 'stringSlice', usage: "Port pairs can be specified as '<port>:<targetPort>'." },
  ],
});

export const createServiceLoadBalancerCommand = serviceGenerator('LoadBalancer', 'loadbalancer', {
  help: {
    short: 'Create a LoadBalancer service',
    long: `Create a LoadBalancer service with the specified name.`,
    examples: `# Create a new LoadBalancer service named my-lbs
kubectl create service loadbalancer my-lbs --tcp=5678:8080`,
    use: 'NAME [--tcp=port:targetPort] [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'tcp', type: 'stringSlice', usage: "Port pairs can be specified as '<port>:<targetPort>'." },
  ],
});

export const createServiceExternalNameCommand = serviceGenerator('ExternalName', 'externalname', {
  required: ['external-name'],
  help: {
    short: 'Create an ExternalName service',
    long: `Create an ExternalName service with the specified name.

 ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.`,
    examples: `# Create a new ExternalName service named my-ns
kubectl create service externalname my-ns --external-name bar.com`,
    use: 'NAME --external-name external.name [--dry-run=server|client|none]',
  },
  flags: [
    { name: 'external-name', type: 'string', usage: 'External name of service' },
    { name: 'tcp', type: 'stringSlice', usage: "Port pairs can be specified as '<port>:<targetPort>'." },
  ],
});
