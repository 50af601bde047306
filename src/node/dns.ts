/**
 * Cluster DNS as CoreDNS answers it: names resolve only if the client's nameserver is the
 * kube-dns Service, that Service routes (kube-proxy on the client's node) to a CoreDNS pod
 * that serves, and NetworkPolicy lets UDP 53 through. Then Service names give ClusterIPs
 * (headless ones their ready endpoints), `a-b-c-d.ns.pod` names give pod IPs, and the search
 * path of the client's resolv.conf is tried as glibc and musl do with ndots:5. Nodes use the
 * host resolver (systemd-resolved), which knows /etc/hosts but no cluster names.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { Stored } from '../api/types.js';
import type { NetSource } from './net/reach.js';
import { connectTcp, sourceResolv } from './net/reach.js';
import { backendsFor, type ServicePort } from './proxy.js';
import type { ResolveResult } from './net/types.js';

/** Public names the simulated upstream resolver knows (everything else is NXDOMAIN). */
const UPSTREAM: Record<string, string> = {
  'google.com': '142.250.185.78',
  'www.google.com': '142.250.185.100',
  'kubernetes.io': '147.75.40.148',
  'github.com': '140.82.121.4',
  'example.com': '93.184.215.14',
  'registry.k8s.io': '34.96.108.209',
  'docker.io': '54.198.86.24',
};

export interface ResolveOptions {
  /** Ask this server instead of the resolv.conf one (`nslookup name 10.96.0.10`, `dig @server`). */
  server?: string;
  /** Apply the search list (dig does not by default). */
  search?: boolean;
}

export function resolveDns(cluster: Cluster, from: NetSource, name: string, opts: ResolveOptions = {}): ResolveResult {
  const conf = sourceResolv(cluster, from);
  const resolv = { nameservers: opts.server ? [opts.server] : conf.nameservers, search: opts.search === false ? [] : conf.search };
  const server = resolv.nameservers[0] ?? '127.0.0.53';
  const clean = name.replace(/\.$/, '');
  if (from.kind === 'node' && !isClusterDns(cluster, server)) return hostResolve(cluster, from, clean, server);
  if (!isClusterDns(cluster, server)) {
    const up = UPSTREAM[clean];
    return up ? { ok: true, name: clean, ips: [up], server } : { ok: false, name: clean, error: 'NXDOMAIN', server };
  }
  const dial = connectTcp(cluster, from, server, 53, 'UDP');
  if (!dial.ok || !dial.endpoint.describe.startsWith('coredns')) return { ok: false, name: clean, error: 'timeout', server };
  const domain = corednsZone(cluster);
  const candidates = name.endsWith('.') || clean.split('.').length > 5 ? [clean] : [...resolv.search.map((s) => `${clean}.${s}`), clean];
  for (const fqdn of candidates) {
    const ips = answer(cluster, fqdn, domain);
    if (ips === 'nodata') return { ok: false, name: fqdn, error: 'NXDOMAIN', server };
    if (ips) return { ok: true, name: fqdn, ips, server };
  }
  return { ok: false, name: candidates[candidates.length - 1]!, error: 'NXDOMAIN', server };
}

function isClusterDns(cluster: Cluster, ip: string): boolean {
  const svc = cluster.api.store.get('services', 'kube-system', 'kube-dns');
  const spec = (svc?.['spec'] ?? {}) as { clusterIP?: string };
  return !!spec.clusterIP && spec.clusterIP === ip;
}

/** The zone of CoreDNS' kubernetes plugin (from its Corefile), normally cluster.local. */
function corednsZone(cluster: Cluster): string {
  const cm = cluster.api.store.get('configmaps', 'kube-system', 'coredns');
  const corefile = ((cm?.['data'] ?? {}) as { Corefile?: string }).Corefile ?? '';
  return /kubernetes\s+(\S+)/.exec(corefile)?.[1] ?? cluster.spec.dnsDomain;
}

/** CoreDNS' answer for one fully qualified name: addresses, 'nodata', or undefined (NXDOMAIN). */
function answer(cluster: Cluster, fqdn: string, domain: string): string[] | 'nodata' | undefined {
  const store = cluster.api.store;
  if (!fqdn.endsWith(`.${domain}`)) {
    const up = UPSTREAM[fqdn];
    return up ? [up] : undefined;
  }
  const parts = fqdn.slice(0, -(domain.length + 1)).split('.');
  if (parts.length === 3 && parts[2] === 'svc') return serviceAnswer(store.get('services', parts[1]!, parts[0]!), store);
  if (parts.length === 4 && parts[3] === 'svc') {
    const svc = store.get('services', parts[2]!, parts[1]!);
    if (!svc) return undefined;
    const pod = store.list('pods', parts[2]!).find((p) => {
      const spec = (p['spec'] ?? {}) as { hostname?: string; subdomain?: string };
      return spec.hostname === parts[0] && spec.subdomain === parts[1];
    });
    const ip = (pod?.['status'] as { podIP?: string } | undefined)?.podIP;
    return ip ? [ip] : undefined;
  }
  if (parts.length === 3 && parts[2] === 'pod') {
    const ip = parts[0]!.replace(/-/g, '.');
    return /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? [ip] : undefined;
  }
  return undefined;
}

function serviceAnswer(svc: Stored | undefined, store: Cluster['api']['store']): string[] | 'nodata' | undefined {
  if (!svc) return undefined;
  const spec = (svc['spec'] ?? {}) as { clusterIP?: string; type?: string; externalName?: string; ports?: ServicePort[] };
  if (spec.type === 'ExternalName') {
    const up = UPSTREAM[spec.externalName ?? ''];
    return up ? [up] : 'nodata';
  }
  if (spec.clusterIP && spec.clusterIP !== 'None') return [spec.clusterIP];
  const ips = new Set<string>();
  for (const p of spec.ports?.length ? spec.ports : [{ port: 0 }]) for (const b of backendsFor(store, svc, p)) ips.add(b.ip);
  return ips.size ? [...ips].sort() : 'nodata';
}

/** systemd-resolved on a node: /etc/hosts, then upstream; cluster names are unknown. */
function hostResolve(cluster: Cluster, from: Extract<NetSource, { kind: 'node' }>, name: string, server: string): ResolveResult {
  const hosts = from.node.fs.readFileIfExists('/etc/hosts') ?? '';
  for (const line of hosts.split('\n')) {
    const [ip, ...names] = line.trim().split(/\s+/);
    if (ip && !ip.startsWith('#') && names.includes(name)) return { ok: true, name, ips: [ip], server };
  }
  const known = cluster.world.network.resolve(name);
  if (known) return { ok: true, name, ips: [known], server };
  const up = UPSTREAM[name];
  return up ? { ok: true, name, ips: [up], server } : { ok: false, name, error: 'NXDOMAIN', server };
}
