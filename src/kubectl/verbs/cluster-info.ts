/**
 * kubectl cluster-info: the control plane's address and the proxy URL of every service labelled
 * kubernetes.io/cluster-service=true in kube-system (or -n), then the dump hint, which kubectl
 * prints even when listing fails. kubectl 1.33 writes these lines without colour (older
 * releases coloured them when writing to a terminal), so there are no escape codes to emulate.
 */
import type { Invocation, KubectlCommand } from '../command.js';

const HINT = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";

interface ServiceLike {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { ports?: { name?: string; port: number }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export const clusterInfoCommand: KubectlCommand = {
  path: ['cluster-info'],
  help: {
    short: 'Display cluster information',
    long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    examples: '# Print the address of the control plane and cluster services\nkubectl cluster-info',
    use: '[flags] [options]',
    subcommands: [{ title: 'Available Commands:', commands: [{ name: 'dump', short: 'Dump relevant information for debugging and diagnosis' }] }],
  },
  flags: [],
  run: runClusterInfo,
};

/** utilnet.JoinSchemeNamePort. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  if (port) return `${name}:${port}`;
  return name;
}

function serviceLink(host: string, svc: ServiceLike): string {
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) {
    const ip = ingress[0]!.ip || ingress[0]!.hostname || '';
    return (svc.spec?.ports ?? []).map((p) => `http://${ip}:${p.port} `).join('');
  }
  let name = svc.metadata.name;
  const port = svc.spec?.ports?.[0];
  if (port) name = joinSchemeNamePort(port.name === 'https' || port.port === 443 ? 'https' : '', name, port.name ?? '');
  return `${host}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
}

function runClusterInfo(inv: Invocation): number {
  const namespace = inv.kctx.globals.namespace || 'kube-system';
  let text = '';
  try {
    const services = inv.kctx.client().list('services', namespace, { labelSelector: 'kubernetes.io/cluster-service=true' }) as unknown as ServiceLike[];
    const host = inv.kctx.serverUrl();
    text += `Kubernetes control plane is running at ${host}\n`;
    for (const svc of services) text += `${svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name} is running at ${serviceLink(host, svc)}\n`;
  } catch (e) {
    inv.out.write(HINT);
    throw e;
  }
  inv.out.write(text + HINT);
  return 0;
}
