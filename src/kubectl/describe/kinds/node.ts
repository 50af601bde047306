/**
 * `kubectl describe node` (describe.go describeNode, describeNodeResource): roles, taints,
 * lease, conditions, capacity, the non-terminated pods with their share of allocatable, and the
 * allocated totals.
 */

import type { Container, Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { KObject } from '../../../api/types.js';
import type { Q } from '../../printers/quantity.js';
import { ZERO_Q, addQ, cmpQ, formatQ, milliQ, toQ, valueQ } from '../../printers/quantity.js';
import { nodeRoles } from '../../printers/table/columns/core.js';
import type { DescribeContext } from '../common.js';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, rfc1123z, searchEvents, since } from '../common.js';
import type { Writer } from '../writer.js';
import { LEVEL_0, LEVEL_1, tabbedString } from '../writer.js';

type ResourceList = Map<string, Q>;

function toList(list: Record<string, string | number> | undefined): ResourceList {
  return new Map(Object.entries(list ?? {}).map(([k, v]) => [k, toQ(v)]));
}

function addList(into: ResourceList, add: ResourceList): void {
  for (const [name, q] of add) into.set(name, into.has(name) ? addQ(into.get(name), q) : q);
}

function maxList(into: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) if (!into.has(name) || cmpQ(q, into.get(name)!) > 0) into.set(name, q);
}

const isSidecar = (c: Container): boolean => c.restartPolicy === 'Always';

/** resourcehelper.PodRequestsAndLimits: containers summed, init containers as a floor, overhead added. */
export function podRequestsAndLimits(pod: Pod): { reqs: ResourceList; limits: ResourceList } {
  const statuses = new Map([...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].map((s) => [s.name, s]));
  const containerReqs = (c: Container): ResourceList => {
    const base = toList(c.resources?.requests);
    const cs = statuses.get(c.name) as (typeof statuses extends Map<string, infer S> ? S : never) & { resources?: { requests?: Record<string, string> }; allocatedResources?: Record<string, string> };
    if (cs?.resources) {
      maxList(base, toList(cs.resources.requests));
      maxList(base, toList(cs.allocatedResources));
    }
    return base;
  };
  const reqs: ResourceList = new Map();
  for (const c of pod.spec?.containers ?? []) addList(reqs, containerReqs(c));
  const sidecarReqs: ResourceList = new Map();
  const initReqs: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let r = containerReqs(c);
    if (isSidecar(c)) {
      addList(reqs, r);
      addList(sidecarReqs, r);
      r = new Map(sidecarReqs);
    } else {
      const tmp: ResourceList = new Map();
      addList(tmp, r);
      addList(tmp, sidecarReqs);
      r = tmp;
    }
    maxList(initReqs, r);
  }
  maxList(reqs, initReqs);
  const overhead = toList((pod.spec as { overhead?: Record<string, string> } | undefined)?.overhead);
  addList(reqs, overhead);

  const limits: ResourceList = new Map();
  for (const c of pod.spec?.containers ?? []) addList(limits, toList(c.resources?.limits));
  const sidecarLimits: ResourceList = new Map();
  const initLimits: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let l = toList(c.resources?.limits);
    if (isSidecar(c)) {
      addList(limits, l);
      addList(sidecarLimits, l);
      l = new Map(sidecarLimits);
    } else {
      const tmp: ResourceList = new Map();
      addList(tmp, l);
      addList(tmp, sidecarLimits);
      l = tmp;
    }
    maxList(initLimits, l);
  }
  maxList(limits, initLimits);
  for (const [name, q] of overhead) if (limits.has(name) && limits.get(name)!.nanos !== 0n) limits.set(name, addQ(limits.get(name), q));
  return { reqs, limits };
}

/** int64(a / b * 100) as Go computes it in float64. */
function percent(a: bigint, b: bigint): number {
  if (b === 0n) return 0;
  return Math.trunc((Number(a) / Number(b)) * 100);
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function describeNodeResource(pods: Pod[], node: Node, w: Writer, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = toList(Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable : node.status?.capacity);
  const allocCpu = milliQ(allocatable.get('cpu') ?? ZERO_Q);
  const allocMem = valueQ(allocatable.get('memory') ?? ZERO_Q);
  const get = (l: ResourceList, n: string): Q => l.get(n) ?? ZERO_Q;
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    const cpuReq = get(reqs, 'cpu');
    const cpuLim = get(limits, 'cpu');
    const memReq = get(reqs, 'memory');
    const memLim = get(limits, 'memory');
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${formatQ(cpuReq)} (${percent(milliQ(cpuReq), allocCpu)}%)\t${formatQ(cpuLim)} (${percent(milliQ(cpuLim), allocCpu)}%)\t${formatQ(memReq)} (${percent(valueQ(memReq), allocMem)}%)\t${formatQ(memLim)} (${percent(valueQ(memLim), allocMem)}%)\t${since(pod.metadata?.creationTimestamp, now)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const pod of pods) {
    const r = podRequestsAndLimits(pod);
    addList(reqs, r.reqs);
    addList(limits, r.limits);
  }
  const line = (name: string, byValue: (q: Q) => bigint): void => {
    const alloc = byValue(allocatable.get(name) ?? ZERO_Q);
    const rq = get(reqs, name);
    const lq = get(limits, name);
    w.write(LEVEL_1, `${name}\t${formatQ(rq)} (${percent(byValue(rq), alloc)}%)\t${formatQ(lq)} (${percent(byValue(lq), alloc)}%)\n`);
  };
  line('cpu', milliQ);
  line('memory', valueQ);
  line('ephemeral-storage', valueQ);
  const names = [...allocatable.keys()];
  const hugePages = names.filter((n) => n.startsWith('hugepages-')).sort();
  const ext = names.filter((n) => !n.startsWith('hugepages-') && !STANDARD_CONTAINER_RESOURCES.has(n) && !isStandardNonContainer(n) && n !== 'pods').sort();
  for (const name of hugePages) line(name, valueQ);
  for (const name of ext) w.write(LEVEL_1, `${name}\t${formatQ(get(reqs, name))}\t${formatQ(get(limits, name))}\n`);
}

/** IsStandardContainerResourceName also admits requests./limits. forms and hugepages. */
function isStandardNonContainer(name: string): boolean {
  return /^(requests|limits)\.(cpu|memory|ephemeral-storage)$/.test(name);
}

export function describeNode(obj: KObject, ctx: DescribeContext): string {
  const node = obj as unknown as Node;
  const name = obj.metadata.name!;
  const pods = ctx.lookup.list('pods', undefined, { fields: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` }) as unknown as Pod[];
  let events: KObject[] | undefined;
  if (ctx.showEvents) {
    events = [...searchEvents(ctx, obj), ...searchEvents(ctx, { ...obj, metadata: { ...obj.metadata, uid: name } })];
  }
  const lease = ctx.lookup.get('leases.coordination.k8s.io', 'kube-node-lease', name) as unknown as Lease | undefined;
  const spec = node.spec ?? {};
  const status = node.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    const roles = nodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${!!spec.unschedulable}\n`);
    if (lease) {
      w.write(LEVEL_0, 'Lease:\n');
      w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
      w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
    } else {
      w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
    }
    if (status.conditions && status.conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of status.conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const printList = (list: Record<string, string> | undefined): void => {
      for (const r of Object.keys(list ?? {}).sort()) w.write(LEVEL_0, `  ${r}:\t${formatQ(toQ(list![r]))}\n`);
    };
    if (Object.keys(status.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printList(status.capacity);
    }
    if (Object.keys(status.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printList(status.allocatable);
    }
    const info = status.nodeInfo;
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs && spec.podCIDRs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(pods, node, w, ctx.now);
    describeEvents(events, w, ctx.now);
  });
}
