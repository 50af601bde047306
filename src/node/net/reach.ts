/**
 * The reachability model: can this pod (or node) open a TCP connection to that address and
 * port, and who answers? Pod IPs reach the pod's containers across nodes (NetworkPolicy
 * permitting, where the CNI enforces it); ClusterIPs go through kube-proxy's rules on the
 * source node, NodePorts through those of the destination node; node addresses reach the
 * host's listeners (the apiserver, etcd, the kubelet). Used by probes, by `curl`/`wget` on
 * nodes and in containers, and by DNS.
 */
import type { Cluster } from '../../cluster/cluster.js';
import type { KObject, Stored } from '../../api/types.js';
import type { NodeHost } from '../node.js';
import type { PodWorker } from '../kubelet/worker.js';
import { loadCni } from '../cni.js';
import { enforcesPolicy, policyAllows, type PolicyView, type Protocol } from '../netpol.js';
import { kubeProxyRunning, pickBackend, routeClusterIp, serviceByNodePort, backendsFor } from '../proxy.js';
import { resolveDns } from '../dns.js';
import type { DialResult, Endpoint, NetClient, ResolveResult } from './types.js';
import { httpResponse } from './types.js';
import { resolvConf } from '../kubelet/volumes.js';

/** Who is connecting: a pod (by its worker's pod and address) or a node itself. */
export type NetSource = { kind: 'pod'; node: NodeHost; pod: KObject; podIp: string } | { kind: 'node'; node: NodeHost };

interface PodRef {
  node: NodeHost;
  worker: PodWorker;
}

/** The pods on the pod network by address (hostNetwork pods share their node's address). */
function podByIp(cluster: Cluster, ip: string): PodRef | undefined {
  for (const node of cluster.nodes.values()) {
    for (const w of node.kubelet.podWorkers()) {
      if (w.podIp === ip && !w.hostNetwork && !w.finished && w.sandboxId && node.runtime.sandboxes.get(w.sandboxId)?.state === 'ready') return { node, worker: w };
    }
  }
  return undefined;
}

function nodeByIp(cluster: Cluster, ip: string): NodeHost | undefined {
  for (const n of cluster.nodes.values()) if (n.ip === ip || n.kubelet.nodeIp() === ip) return n;
  return undefined;
}

export function policyView(cluster: Cluster): PolicyView {
  const store = cluster.api.store;
  return {
    policies: (ns) => store.list('networkpolicies.networking.k8s.io', ns),
    namespace: (name) => store.get('namespaces', '', name),
  };
}

function sourceIp(from: NetSource): string {
  return from.kind === 'pod' ? from.podIp : from.node.ip;
}

function cniType(node: NodeHost): string | undefined {
  const c = loadCni(node.fs);
  return c.ready ? c.config.types[0] : undefined;
}

/** Does NetworkPolicy let `from` reach a pod on `port`? (both directions, where enforced) */
function policyPermits(cluster: Cluster, from: NetSource, to: PodRef, port: number, protocol: Protocol, srcIpOverride?: string): boolean {
  const view = policyView(cluster);
  const srcIp = srcIpOverride ?? sourceIp(from);
  const srcPod = from.kind === 'pod' && !srcIpOverride ? from.pod : undefined;
  // The kubelet and the node itself always reach local pods (probes work under default-deny).
  const fromLocalHost = from.kind === 'node' && from.node === to.node && !srcIpOverride;
  if (!fromLocalHost && enforcesPolicy(cniType(to.node)) && !policyAllows(view, 'ingress', to.worker.pod, { pod: srcPod, ip: srcIp }, port, protocol)) return false;
  if (srcPod && from.kind === 'pod' && enforcesPolicy(cniType(from.node)) && !policyAllows(view, 'egress', srcPod, { pod: to.worker.pod, ip: to.worker.podIp! }, port, protocol)) return false;
  return true;
}

/** Egress check for traffic from a pod to a non-pod address (node, outside). */
function egressPermits(cluster: Cluster, from: NetSource, ip: string, port: number, protocol: Protocol): boolean {
  if (from.kind !== 'pod' || !enforcesPolicy(cniType(from.node))) return true;
  return policyAllows(policyView(cluster), 'egress', from.pod, { ip }, port, protocol);
}

/** Opens a TCP (or, for DNS, UDP) connection from `from` to ip:port. */
export function connectTcp(cluster: Cluster, from: NetSource, ip: string, port: number, protocol: Protocol = 'TCP'): DialResult {
  const now = cluster.world.clock.now();
  const fail = (error: 'refused' | 'timeout' | 'unreachable'): DialResult => ({ ok: false, ip, port, error });
  if (ip === '127.0.0.1' || ip === 'localhost') {
    if (from.kind === 'pod') {
      const self = podByIp(cluster, from.podIp);
      const ep = self?.worker.endpoint(port);
      return ep ? { ok: true, ip, port, endpoint: ep } : fail('refused');
    }
    return hostListener(cluster, from.node.ip, '127.0.0.1', port);
  }
  const store = cluster.api.store;
  // A Service's ClusterIP: rules programmed by kube-proxy on the source node.
  const route = routeClusterIp(store, ip, port, protocol === 'UDP' ? 'UDP' : 'TCP');
  if (route.kind !== 'none') {
    if (!kubeProxyRunning(from.node.runtime, now)) return fail('timeout');
    if (route.kind === 'drop') return fail('timeout');
    if (route.kind === 'reject') return fail('refused');
    const b = pickBackend(store, route.service, route.backends);
    return connectTcp(cluster, from, b.ip, b.port, protocol);
  }
  const pod = podByIp(cluster, ip);
  if (pod) {
    if (!policyPermits(cluster, from, pod, port, protocol)) return fail('timeout');
    const ep = pod.worker.endpoint(port);
    return ep ? { ok: true, ip, port, endpoint: ep } : fail('refused');
  }
  const node = nodeByIp(cluster, ip);
  if (node) {
    if (!egressPermits(cluster, from, ip, port, protocol)) return fail('timeout');
    const hostPod = hostNetworkEndpoint(node, port);
    if (hostPod) return { ok: true, ip, port, endpoint: hostPod };
    const listener = hostListener(cluster, sourceIp(from), ip, port);
    if (listener.ok) return listener;
    // A NodePort: kube-proxy's rules on the destination node forward it (source NATed to the node).
    const np = serviceByNodePort(store, port);
    if (np && kubeProxyRunning(node.runtime, now)) {
      const backends = backendsFor(store, np.service, np.port);
      if (backends.length === 0) return fail('refused');
      const b = pickBackend(store, np.service, backends);
      const target = podByIp(cluster, b.ip);
      if (!target) return fail('timeout');
      if (!policyPermits(cluster, { kind: 'node', node }, target, b.port, protocol, ip)) return fail('timeout');
      const ep = target.worker.endpoint(b.port);
      return ep ? { ok: true, ip, port, endpoint: ep } : fail('refused');
    }
    return listener;
  }
  if (cluster.world.network.hostOf(ip)) return hostListener(cluster, sourceIp(from), ip, port);
  if (inPodNetwork(cluster, ip)) return fail('timeout');
  return fail('timeout');
}

function inPodNetwork(cluster: Cluster, ip: string): boolean {
  const [a, b] = cluster.spec.podCidr.split('.');
  return ip.startsWith(`${a}.${b}.`);
}

/** Containers of hostNetwork pods listen on their node's address. */
function hostNetworkEndpoint(node: NodeHost, port: number): Endpoint | undefined {
  for (const w of node.kubelet.podWorkers()) {
    if (!w.hostNetwork || w.finished) continue;
    const ep = w.endpoint(port);
    if (ep) return ep;
  }
  return undefined;
}

/** A process listening on a host (apiserver, etcd, kubelet) as the world's network knows it. */
function hostListener(cluster: Cluster, fromIp: string, ip: string, port: number): DialResult {
  const r = cluster.world.network.connect(ip, port, fromIp);
  if (!r.ok) return { ok: false, ip, port, error: r.error };
  return { ok: true, ip, port, endpoint: asEndpoint(r.listener.service, r.listener.process) };
}

/** Turns a network listener's service into something a client can talk to. */
export function asEndpoint(service: unknown, process: string): Endpoint {
  const s = service as Partial<Endpoint> & { kind?: string };
  if (s && typeof s === 'object' && (s.http || s.tls !== undefined || s.describe)) return s as Endpoint;
  if (s && s.kind === 'kube-apiserver') return { describe: 'kube-apiserver', tls: true, apiserver: service } as Endpoint & { apiserver: unknown };
  if (service === 'etcd' || service === 'etcd-peer') return { describe: 'etcd', tls: true };
  if (service === 'etcd-metrics') return { describe: 'etcd metrics', http: (req) => httpResponse(200, req.path.startsWith('/health') || req.path.startsWith('/livez') || req.path.startsWith('/readyz') ? '{"health":"true","reason":""}' : '# HELP etcd_server_has_leader\n') };
  return { describe: process, tls: process.startsWith('kube-') };
}

/** Does `ip` answer ping from `from`? Pods and nodes do; ClusterIPs never. */
export function pingable(cluster: Cluster, from: NetSource, ip: string): boolean {
  if (routeClusterIp(cluster.api.store, ip, 0).kind !== 'none') return false;
  const pod = podByIp(cluster, ip);
  if (pod) return policyPermits(cluster, from, pod, 0, 'ICMP');
  if (nodeByIp(cluster, ip) || ip === '127.0.0.1') return true;
  return cluster.world.network.hostOf(ip) !== undefined;
}

/** The network as one pod or node sees it, with its resolv.conf. */
export function netClient(cluster: Cluster, from: NetSource): NetClient {
  const resolv = sourceResolv(cluster, from);
  return {
    sourceIp: sourceIp(from),
    nameserver: resolv.nameservers[0] ?? '127.0.0.53',
    search: resolv.search,
    resolve: (name: string): ResolveResult => resolveDns(cluster, from, name),
    resolveVia: (name: string, server: string | undefined, search: boolean): ResolveResult => resolveDns(cluster, from, name, { server, search }),
    dial: (ip: string, port: number) => connectTcp(cluster, from, ip, port),
    ping: (ip: string) => pingable(cluster, from, ip),
  };
}

/** The resolver configuration of a pod (from its dnsPolicy and its kubelet) or of a node. */
export function sourceResolv(cluster: Cluster, from: NetSource): { nameservers: string[]; search: string[] } {
  if (from.kind === 'node') return parseResolv(from.node.fs.readFileIfExists('/etc/resolv.conf') ?? '');
  const cfg = from.node.kubelet.config();
  const r = resolvConf(from.pod, cfg?.clusterDNS ?? [], cfg?.clusterDomain ?? cluster.spec.dnsDomain, () => from.node.fs.readFileIfExists(cfg?.resolvConf ?? '/etc/resolv.conf') ?? '');
  return { nameservers: r.nameservers, search: r.search };
}

export function parseResolv(text: string): { nameservers: string[]; search: string[] } {
  const nameservers: string[] = [];
  let search: string[] = [];
  for (const line of text.split('\n')) {
    const [k, ...rest] = line.trim().split(/\s+/);
    if (k === 'nameserver' && rest[0]) nameservers.push(rest[0]);
    else if (k === 'search') search = rest;
  }
  return { nameservers, search };
}

export type { Stored };
