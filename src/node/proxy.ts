/**
 * kube-proxy's view of Services on one node: a ClusterIP or a NodePort is routed only where
 * kube-proxy runs, to the ready endpoints its EndpointSlices (or Endpoints) list, the target
 * port taken from the endpoint port of the same name. A Service without ready endpoints
 * rejects (connection refused); a port the Service does not define is not routed at all.
 */
import type { Store } from '../api/store.js';
import type { Stored } from '../api/types.js';
import type { ContainerRuntime } from './runtime.js';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
}

export interface Backend {
  ip: string;
  port: number;
  /** namespace/name of the endpoint's pod, when known. */
  targetRef?: { namespace?: string; name?: string };
}

export type RouteResult = { kind: 'none' } | { kind: 'reject'; service: Stored } | { kind: 'drop'; service: Stored } | { kind: 'backends'; service: Stored; port: ServicePort; backends: Backend[] };

/** Is a kube-proxy container running on the node (its rules programmed)? */
export function kubeProxyRunning(runtime: ContainerRuntime, now: number): boolean {
  for (const c of runtime.containers.values()) {
    if (c.state !== 'running' || !/\/kube-proxy:/.test(c.imageRef)) continue;
    runtime.advance(c, now);
    if (c.state === 'running') return true;
  }
  return false;
}

export function serviceByClusterIp(store: Store, ip: string): Stored | undefined {
  return store.list('services').find((s) => {
    const spec = (s['spec'] ?? {}) as { clusterIP?: string; clusterIPs?: string[] };
    return spec.clusterIP === ip || spec.clusterIPs?.includes(ip);
  });
}

export function serviceByNodePort(store: Store, port: number): { service: Stored; port: ServicePort } | undefined {
  for (const s of store.list('services')) {
    const spec = (s['spec'] ?? {}) as { type?: string; ports?: ServicePort[] };
    if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') continue;
    const p = spec.ports?.find((x) => x.nodePort === port && (x.protocol ?? 'TCP') === 'TCP');
    if (p) return { service: s, port: p };
  }
  return undefined;
}

/** Ready endpoints of a Service for one of its ports. */
export function backendsFor(store: Store, service: Stored, port: ServicePort): Backend[] {
  const ns = service.metadata.namespace ?? 'default';
  const name = service.metadata.name;
  const slices = store.list('endpointslices.discovery.k8s.io', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
  const out: Backend[] = [];
  if (slices.length > 0) {
    for (const slice of slices) {
      const ports = ((slice['ports'] ?? []) as { name?: string; port?: number; protocol?: string }[]);
      const match = ports.find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
      if (!match?.port) continue;
      for (const ep of ((slice['endpoints'] ?? []) as { addresses: string[]; conditions?: { ready?: boolean }; targetRef?: { namespace?: string; name?: string } }[])) {
        if (ep.conditions?.ready === false) continue;
        for (const a of ep.addresses ?? []) out.push({ ip: a, port: match.port, targetRef: ep.targetRef });
      }
    }
    return out;
  }
  const eps = store.get('endpoints', ns, name);
  for (const subset of ((eps?.['subsets'] ?? []) as { addresses?: { ip: string; targetRef?: { namespace?: string; name?: string } }[]; ports?: { name?: string; port: number; protocol?: string }[] }[])) {
    const match = (subset.ports ?? []).find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP')) ?? (subset.ports?.length === 1 && !port.name ? subset.ports[0] : undefined);
    if (!match) continue;
    for (const a of subset.addresses ?? []) out.push({ ip: a.ip, port: match.port, targetRef: a.targetRef });
  }
  return out;
}

/** Where a connection to a ClusterIP goes (kube-proxy must run on the source node). */
export function routeClusterIp(store: Store, ip: string, port: number, protocol = 'TCP'): RouteResult {
  const service = serviceByClusterIp(store, ip);
  if (!service) return { kind: 'none' };
  const ports = (((service['spec'] ?? {}) as { ports?: ServicePort[] }).ports ?? []);
  const sp = ports.find((p) => p.port === port && (p.protocol ?? 'TCP') === protocol);
  if (!sp) return { kind: 'drop', service };
  const backends = backendsFor(store, service, sp);
  if (backends.length === 0) return { kind: 'reject', service };
  return { kind: 'backends', service, port: sp, backends };
}

/** Rotation state per cluster (keyed by its store), so sessions never share it. */
const rotations = new WeakMap<Store, Map<string, number>>();

/** Picks a backend, rotating per Service (deterministic, like a fair random choice). */
export function pickBackend(store: Store, service: Stored, backends: Backend[]): Backend {
  let rr = rotations.get(store);
  if (!rr) rotations.set(store, (rr = new Map()));
  const n = rr.get(service.metadata.uid) ?? 0;
  rr.set(service.metadata.uid, n + 1);
  return backends[n % backends.length]!;
}
