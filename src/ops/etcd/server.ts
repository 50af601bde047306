/**
 * The etcd a client reaches: the process behind a network listener, found as the running etcd
 * container of a node's static pod, with the flags it runs with (data dir, certificates, member
 * name and URLs) mapped to node paths through the pod's hostPath mounts.
 */
import { createHash } from 'node:crypto';
import { Cluster } from '../../cluster/cluster.js';
import type { World } from '../../cluster/world.js';
import type { NodeHost } from '../../node/node.js';
import { imageBaseName, imageTag, type ContainerLaunch } from '../../node/process.js';
import { ETCD_FLAGS, parseComponentFlags } from '../../cluster/components/flags.js';
import { hostPathOf } from '../../cluster/components/control-plane.js';
import type { Store } from '../../api/store.js';
import type { KObject } from '../../api/types.js';
import type { MemberRecord } from './snapshot-file.js';

/** Membership of data directories restored with `snapshot restore`, by the store they hold. */
const restoredMembers = new WeakMap<Store, MemberRecord>();

export function rememberMember(store: Store, member: MemberRecord): void {
  restoredMembers.set(store, member);
}

export interface EtcdMember {
  id: string;
  clusterId: string;
  name: string;
  peerUrls: string[];
  clientUrls: string[];
}

export interface EtcdProcess {
  cluster: Cluster;
  node: NodeHost;
  flags: Map<string, string>;
  store: Store;
  /** "3.5.21" from the image tag 3.5.21-0. */
  version: string;
  member: EtcdMember;
  /** A flag's file as a node path (through the pod's hostPath mounts), if it is mounted. */
  hostFile(flag: string): string | undefined;
}

/** The etcd listening on a node, or undefined when none runs there. */
export function etcdOnHost(world: World, hostname: string): EtcdProcess | undefined {
  for (const c of world.clusters()) {
    if (!(c instanceof Cluster)) continue;
    const node = c.nodes.get(hostname);
    if (node && c.isRunning('etcd')) return runningEtcd(c, node);
  }
  return undefined;
}

function runningEtcd(cluster: Cluster, node: NodeHost): EtcdProcess | undefined {
  const record = [...node.runtime.containers.values()].find((c) => c.state === 'running' && imageBaseName(c.image) === 'etcd');
  if (!record) return undefined;
  const worker = node.kubelet.podWorkers().find((w) => w.uid === record.podUid);
  if (!worker) return undefined;
  const spec = worker.pod['spec'] as { containers?: Record<string, unknown>[] };
  const container = spec.containers?.find((c) => c['name'] === record.name);
  if (!container) return undefined;
  const argv = [...((container['command'] as string[]) ?? []), ...((container['args'] as string[]) ?? [])].map(String);
  const flags = parseComponentFlags(argv.slice(1), ETCD_FLAGS).values;
  const launch = { pod: worker.pod, container } as unknown as ContainerLaunch;
  const store = cluster.api.store;
  return {
    cluster,
    node,
    flags,
    store,
    version: imageTag(record.image).replace(/-\d+$/, ''),
    member: memberOf(flags, store),
    hostFile: (flag) => {
      const p = flags.get(flag);
      return p ? hostPathOf(launch, p) : undefined;
    },
  };
}

function memberOf(flags: Map<string, string>, store: Store): EtcdMember {
  const name = flags.get('name') ?? 'default';
  const clientUrls = (flags.get('advertise-client-urls') ?? 'http://localhost:2379').split(',');
  const restored = restoredMembers.get(store);
  if (restored) return { id: restored.id, clusterId: restored.clusterId, name, peerUrls: restored.peerUrls, clientUrls };
  const peerUrls = (flags.get('initial-advertise-peer-urls') ?? 'http://localhost:2380').split(',');
  const ids = bootstrapIds(initialCluster(flags.get('initial-cluster') ?? `${name}=${peerUrls.join(',')}`), flags.get('initial-cluster-token') ?? 'etcd-cluster');
  const id = ids.members.get(name) ?? memberId(peerUrls, flags.get('initial-cluster-token') ?? 'etcd-cluster');
  return { id, clusterId: ids.clusterId, name, peerUrls, clientUrls };
}

/** "a=http://x:2380,b=http://y:2380" -> name -> peer URLs, in order. */
export function initialCluster(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of text.split(',').filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq);
    out.set(name, [...(out.get(name) ?? []), part.slice(eq + 1)]);
  }
  return out;
}

/** computeMemberId: the first 8 bytes of SHA-1 over the sorted peer URLs and the cluster token. */
export function memberId(peerUrls: readonly string[], token: string): string {
  const h = createHash('sha1').update([...peerUrls].sort().join('') + token).digest();
  return h.subarray(0, 8).toString('hex').replace(/^0+(?=.)/, '');
}

/** Member IDs of a bootstrap cluster and its cluster ID (SHA-1 over the sorted member IDs). */
export function bootstrapIds(cluster: Map<string, string[]>, token: string): { members: Map<string, string>; clusterId: string } {
  const members = new Map<string, string>();
  for (const [name, urls] of cluster) members.set(name, memberId(urls, token));
  const ids = [...members.values()].map((id) => BigInt('0x' + id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const buf = Buffer.alloc(8 * ids.length);
  ids.forEach((id, i) => buf.writeBigUInt64BE(id, 8 * i));
  const clusterId = createHash('sha1').update(buf).digest().subarray(0, 8).toString('hex').replace(/^0+(?=.)/, '');
  return { members, clusterId };
}

/** The pod object behind a running etcd, for tests and kubeadm's version checks. */
export function etcdPod(p: EtcdProcess): KObject | undefined {
  return p.node.kubelet.podWorkers().find((w) => (w.pod['spec'] as { containers?: { image?: string }[] }).containers?.some((c) => imageBaseName(c.image) === 'etcd'))?.pod;
}
