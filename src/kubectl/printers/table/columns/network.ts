/**
 * Services and their plumbing (printers.go printService, printEndpoints, printEndpointSlice,
 * printIngress, printIngressClass, printNetworkPolicy, printServiceCIDR, printIPAddress).
 * Rows are generated wide, as the apiserver does, so load-balancer addresses are never cut.
 */

import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Endpoints, Service } from 'kubernetes-types/core/v1.js';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { KObject } from '../../../../api/types.js';
import { ageSince } from '../../duration.js';
import { formatLabelSelector, formatLabels, listWithMore } from '../format.js';
import type { KindHandler } from '../types.js';
import { AGE, NAME, col, wide } from '../types.js';

const name = (o: KObject): string => o.metadata.name ?? '';

/** loadBalancerStatusStringer (wide): unique IPs or hostnames, sorted, comma-joined. */
export function loadBalancerAddresses(ingress: { ip?: string; hostname?: string }[] | undefined): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort().join(',');
}

export function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer?.ingress);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString: "80/TCP", "80:30080/TCP". */
export function servicePorts(svc: Service): string {
  return (svc.spec?.ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
}

/** formatEndpoints(endpoints, nil): up to three "ip:port" and a count of the rest. */
export function formatEndpoints(ep: Endpoints, ports?: Set<string>): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      if (ports && !ports.has(port.name ?? '')) continue;
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function discoveryPorts(slice: EndpointSlice): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const p of slice.ports ?? []) {
    if (list.length < 3) list.push(p.port !== undefined && p.port !== null ? String(p.port) : p.name ?? '*');
    else if (list.length === 3) more = true;
    count++;
  }
  return listWithMore(list, more, count, 3);
}

function discoveryEndpoints(slice: EndpointSlice): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const e of slice.endpoints ?? []) {
    for (const a of e.addresses ?? []) {
      if (list.length < 3) list.push(a);
      else if (list.length === 3) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, 3);
}

/** formatHosts: the first three hosts and a count of the rules beyond three; "*" if none. */
export function ingressHosts(ing: Ingress): string {
  const rules = ing.spec?.rules ?? [];
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${rules.length - 3} more...` : ret;
}

export const networkHandlers: KindHandler[] = [
  {
    group: '',
    kind: 'Service',
    columns: [NAME, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), AGE, wide('Selector')],
    row: (obj, ctx) => {
      const svc = obj as unknown as Service;
      return [
        name(obj),
        svc.spec?.type ?? '',
        svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || '<none>',
        serviceExternalIP(svc),
        servicePorts(svc) || '<none>',
        ageSince(obj.metadata.creationTimestamp, ctx.now),
        formatLabels(svc.spec?.selector),
      ];
    },
  },
  {
    group: '',
    kind: 'Endpoints',
    columns: [NAME, col('Endpoints'), AGE],
    row: (obj, ctx) => [name(obj), formatEndpoints(obj as unknown as Endpoints), ageSince(obj.metadata.creationTimestamp, ctx.now)],
  },
  {
    group: 'discovery.k8s.io',
    kind: 'EndpointSlice',
    columns: [NAME, col('AddressType'), col('Ports'), col('Endpoints'), AGE],
    row: (obj, ctx) => {
      const slice = obj as unknown as EndpointSlice;
      return [name(obj), slice.addressType ?? '', discoveryPorts(slice), discoveryEndpoints(slice), ageSince(obj.metadata.creationTimestamp, ctx.now)];
    },
  },
  {
    group: 'networking.k8s.io',
    kind: 'Ingress',
    columns: [NAME, col('Class'), col('Hosts'), col('Address'), col('Ports'), AGE],
    row: (obj, ctx) => {
      const ing = obj as unknown as Ingress;
      return [
        name(obj),
        ing.spec?.ingressClassName ?? '<none>',
        ingressHosts(ing),
        loadBalancerAddresses(ing.status?.loadBalancer?.ingress),
        (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
        ageSince(obj.metadata.creationTimestamp, ctx.now),
      ];
    },
  },
  {
    group: 'networking.k8s.io',
    kind: 'IngressClass',
    columns: [NAME, col('Controller'), col('Parameters'), AGE],
    row: (obj, ctx) => {
      const ic = obj as unknown as IngressClass;
      let parameters = '<none>';
      const p = ic.spec?.parameters;
      if (p) parameters = `${p.kind}${p.apiGroup !== undefined && p.apiGroup !== null ? '.' + p.apiGroup : ''}/${p.name}`;
      return [name(obj), ic.spec?.controller ?? '', parameters, ageSince(obj.metadata.creationTimestamp, ctx.now)];
    },
  },
  {
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
    columns: [NAME, col('Pod-Selector'), AGE],
    row: (obj, ctx) => {
      const np = obj as unknown as NetworkPolicy;
      return [name(obj), formatLabelSelector(np.spec?.podSelector ?? {}), ageSince(obj.metadata.creationTimestamp, ctx.now)];
    },
  },
  {
    group: 'networking.k8s.io',
    kind: 'ServiceCIDR',
    columns: [NAME, col('CIDRs'), AGE],
    row: (obj, ctx) => [name(obj), ((obj.spec as { cidrs?: string[] })?.cidrs ?? []).join(','), ageSince(obj.metadata.creationTimestamp, ctx.now)],
  },
  {
    group: 'networking.k8s.io',
    kind: 'IPAddress',
    columns: [NAME, col('ParentRef')],
    row: (obj, ctx) => {
      const ref = (obj.spec as { parentRef?: { group?: string; resource: string; namespace?: string; name: string } })?.parentRef;
      let parent = '<none>';
      if (ref) {
        parent = (ref.group ? `${ref.resource}.${ref.group}` : ref.resource).toLowerCase();
        if (ref.namespace) parent += '/' + ref.namespace;
        parent += '/' + ref.name;
      }
      return [name(obj), parent, ageSince(obj.metadata.creationTimestamp, ctx.now)];
    },
  },
];
