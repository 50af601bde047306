/**
 * The kubelet's pod admission (lifecycle.predicateAdmitHandler): before it runs a pod bound to
 * its node, the kubelet checks what the scheduler would have checked, against the pods it
 * already runs. A pod placed with spec.nodeName skips the scheduler and meets this instead:
 * too many pods (OutOfpods), not enough cpu or memory (OutOfcpu, OutOfmemory), a node selector
 * or required affinity that does not match (NodeAffinity), a host port in use (NodePorts), an
 * untolerated NoExecute taint (TaintToleration). The first failure is the reason; the pod is
 * then Failed with "Pod was rejected: <message>" (Kubelet.rejectPod).
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../api/types.js';
import { nodeAllocatable, podRequests } from '../../scheduler/resources.js';
import { requiredNodeAffinity } from '../../scheduler/nodeSelector.js';
import { findMatchingUntoleratedTaint } from '../../scheduler/taints.js';

export type AdmitResult = { admit: true } | { admit: false; reason: string; message: string };

interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** The cpu (milli) and memory a pod requests (worked out each call: callers keep it). */
export function podRequestsOf(pod: KObject): PodRequests {
  const all = podRequests(pod as unknown as Pod);
  return { milliCpu: all.milliCpu, memory: all.memory };
}

export interface PodRequests {
  readonly milliCpu: number;
  readonly memory: number;
}

function insufficient(resource: string, reason: string, requested: number, used: number, capacity: number): AdmitResult {
  return { admit: false, reason, message: `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${capacity}` };
}

function predicate(name: string, desc: string): AdmitResult {
  return { admit: false, reason: name, message: `Predicate ${name} failed: ${desc}` };
}

/** Host ports a pod's containers (and sidecars) bind. */
function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const spec = pod.spec;
  const containers = [...(spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'), ...(spec?.containers ?? [])];
  for (const c of containers) for (const p of c.ports ?? []) if ((p.hostPort ?? 0) > 0) out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort! });
  return out;
}

/** HostPortInfo.CheckConflict: 0.0.0.0 clashes with every address of the same protocol and port. */
function conflicts(a: HostPort, b: HostPort): boolean {
  return a.protocol === b.protocol && a.port === b.port && (a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0');
}

/**
 * Can `pod` run beside `others` (the pods the kubelet runs and that have not ended) on `node`?
 * Static pods are critical: the kubelet admits them whatever the resources say. `requested` is
 * what the pod asks (podRequestsOf) and what the others ask together, which the caller keeps.
 */
export function admitPod(pod: KObject, others: readonly KObject[], node: KObject, isStatic: boolean, requested: { pod: PodRequests; others: PodRequests }): AdmitResult {
  const p = pod as unknown as Pod;
  const n = node as unknown as Node;
  if (!isStatic) {
    const alloc = nodeAllocatable(n.status?.allocatable as Record<string, string> | undefined);
    if (others.length + 1 > alloc.pods) return insufficient('pods', 'OutOfpods', 1, others.length, alloc.pods);
    const want = requested.pod;
    if (want.milliCpu > 0 || want.memory > 0) {
      const { milliCpu: cpu, memory } = requested.others;
      if (want.milliCpu > 0 && want.milliCpu > alloc.resources.milliCpu - cpu) return insufficient('cpu', 'OutOfcpu', want.milliCpu, cpu, alloc.resources.milliCpu);
      if (want.memory > 0 && want.memory > alloc.resources.memory - memory) return insufficient('memory', 'OutOfmemory', want.memory, memory, alloc.resources.memory);
    }
  }
  if (!requiredNodeAffinity(p).matches(n)) return predicate('NodeAffinity', "node(s) didn't match Pod's node affinity/selector");
  const wanted = hostPorts(p);
  const used = wanted.length ? others.flatMap((o) => hostPorts(o as unknown as Pod)) : [];
  if (wanted.some((want) => used.some((u) => conflicts(want, u)))) return predicate('NodePorts', "node(s) didn't have free ports for the requested pod ports");
  if (!isStatic && findMatchingUntoleratedTaint(n.spec?.taints as Taint[] | undefined, p.spec?.tolerations, (t) => t.effect === 'NoExecute')) {
    return predicate('TaintToleration', "node(s) had taints that the pod didn't tolerate");
  }
  return { admit: true };
}
