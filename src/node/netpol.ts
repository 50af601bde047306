/**
 * NetworkPolicy semantics, as calico, cilium and weave enforce them (flannel does not): a pod
 * selected by a policy of a direction is isolated in that direction, and then only traffic
 * some rule of some selecting policy allows gets through. Peers are podSelector,
 * namespaceSelector (or both), ipBlock with except; ports by number, name or range.
 */
import { fromLabelSelector, matchesAll, type LabelSelector } from '../api/labels.js';
import type { KObject, Stored } from '../api/types.js';
import { cidrContains } from '../util/ip.js';

export type Direction = 'ingress' | 'egress';
export type Protocol = 'TCP' | 'UDP' | 'SCTP' | 'ICMP';

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

interface PortRule {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PortRule[];
}

interface PolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: Rule[];
  egress?: Rule[];
}

export interface PolicyView {
  policies(namespace: string): readonly Stored[];
  namespace(name: string): Stored | undefined;
}

export interface PeerInfo {
  /** The peer pod, when the peer is a pod. */
  pod?: KObject;
  ip: string;
}

function selects(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  const reqs = fromLabelSelector(sel ?? {});
  return reqs !== null && matchesAll(labels, reqs);
}

function policyTypes(spec: PolicySpec): string[] {
  if (spec.policyTypes?.length) return spec.policyTypes;
  return spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function namespaceLabels(view: PolicyView, name: string): Record<string, string> {
  const ns = view.namespace(name);
  return { 'kubernetes.io/metadata.name': name, ...(ns?.metadata.labels ?? {}) };
}

function peerMatches(view: PolicyView, peer: Peer, policyNs: string, other: PeerInfo): boolean {
  if (peer.ipBlock) {
    try {
      if (!cidrContains(peer.ipBlock.cidr, other.ip)) return false;
      return !(peer.ipBlock.except ?? []).some((e) => cidrContains(e, other.ip));
    } catch {
      return false;
    }
  }
  if (!other.pod) return false;
  const podNs = other.pod.metadata.namespace ?? 'default';
  if (peer.namespaceSelector) {
    if (!selects(peer.namespaceSelector, namespaceLabels(view, podNs))) return false;
  } else if (podNs !== policyNs) return false;
  if (peer.podSelector) return selects(peer.podSelector, other.pod.metadata.labels);
  return true;
}

function containerPorts(pod: KObject | undefined): { name?: string; containerPort: number; protocol?: string }[] {
  const spec = (pod?.['spec'] ?? {}) as { containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[] };
  return (spec.containers ?? []).flatMap((c) => c.ports ?? []);
}

function portMatches(rules: PortRule[] | undefined, port: number, protocol: Protocol, namedPortsOf: KObject | undefined): boolean {
  if (!rules || rules.length === 0) return true;
  if (protocol === 'ICMP') return false;
  for (const r of rules) {
    if ((r.protocol ?? 'TCP') !== protocol) continue;
    if (r.port === undefined) return true;
    if (typeof r.port === 'string' && !/^\d+$/.test(r.port)) {
      const named = containerPorts(namedPortsOf).find((p) => p.name === r.port && (p.protocol ?? 'TCP') === protocol);
      if (named && named.containerPort === port) return true;
      continue;
    }
    const n = Number(r.port);
    if (r.endPort !== undefined ? port >= n && port <= r.endPort : port === n) return true;
  }
  return false;
}

/**
 * Is traffic allowed for `subject` in one direction? Ingress: `peer` connects to `subject` on
 * `port`. Egress: `subject` connects to `peer` on `port`.
 */
export function policyAllows(view: PolicyView, dir: Direction, subject: KObject, peer: PeerInfo, port: number, protocol: Protocol): boolean {
  const ns = subject.metadata.namespace ?? 'default';
  const type = dir === 'ingress' ? 'Ingress' : 'Egress';
  let isolated = false;
  for (const p of view.policies(ns)) {
    const spec = (p['spec'] ?? {}) as PolicySpec;
    if (!selects(spec.podSelector, subject.metadata.labels)) continue;
    if (!policyTypes(spec).includes(type)) continue;
    isolated = true;
    const rules = (dir === 'ingress' ? spec.ingress : spec.egress) ?? [];
    for (const rule of rules) {
      const peers = dir === 'ingress' ? rule.from : rule.to;
      const peerOk = !peers || peers.length === 0 || peers.some((x) => peerMatches(view, x, ns, peer));
      if (!peerOk) continue;
      if (portMatches(rule.ports, port, protocol, dir === 'ingress' ? subject : peer.pod)) return true;
    }
  }
  return !isolated;
}

/** CNI plugins that enforce NetworkPolicy. */
export function enforcesPolicy(cniType: string | undefined): boolean {
  return cniType === 'calico' || cniType === 'cilium-cni' || cniType === 'weave-net' || cniType === 'cilium';
}
