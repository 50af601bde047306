/**
 * Builders for node tests: boot the default cluster (with its controllers and scheduler),
 * create pods bound to a node, read statuses, events and logs.
 */
import { World } from '../../src/cluster/world.js';
import { bootCluster } from '../../src/cluster/boot.js';
import { defaultBootHooks } from '../../src/cluster/assemble.js';
import { defaultClusterSpec, type ClusterSpec } from '../../src/cluster/spec.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { KObject, Stored } from '../../src/api/types.js';
import type { ApiClient } from '../../src/api/client.js';

export function boot(overrides: Partial<ClusterSpec> = {}) {
  const world = new World({ seed: 7 });
  const cluster = bootCluster(world, defaultClusterSpec(overrides), defaultBootHooks());
  return { world, cluster, admin: cluster.admin() };
}

export interface ContainerInput {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  [key: string]: unknown;
}

export function pod(name: string, node: string, containers: ContainerInput[], spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...meta },
    spec: { nodeName: node, containers, restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', ...spec },
  };
}

export function create(admin: ApiClient, obj: KObject): Stored {
  return admin.create('pods', obj);
}

export type PodStatus = {
  phase?: string;
  podIP?: string;
  hostIP?: string;
  qosClass?: string;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
};

export type ContainerStatus = {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state: { running?: { startedAt: string }; waiting?: { reason?: string; message?: string }; terminated?: { exitCode: number; reason: string; message?: string } };
  lastState: { terminated?: { exitCode: number; reason: string } };
  volumeMounts?: unknown[];
};

export function status(admin: ApiClient, name: string, ns = 'default'): PodStatus {
  return (admin.find('pods', ns, name)?.['status'] ?? {}) as PodStatus;
}

export function container(admin: ApiClient, name: string, ns = 'default', index = 0): ContainerStatus {
  return status(admin, name, ns).containerStatuses![index]!;
}

/** "Reason: message" of the events about an object, oldest first, with counts when aggregated. */
export function events(admin: ApiClient, name: string, ns = 'default'): string[] {
  return admin
    .list('events', ns)
    .filter((e) => (e['involvedObject'] as { name: string }).name === name)
    .sort((a, b) => String(a['firstTimestamp']).localeCompare(String(b['firstTimestamp'])) || a.metadata.name.localeCompare(b.metadata.name))
    .map((e) => `${e['reason']}: ${e['message']}${Number(e['count']) > 1 ? ` (x${e['count']})` : ''}`);
}

export function logs(cluster: Cluster, node: string, name: string, containerName: string, previous = false, ns = 'default'): string[] {
  const host = cluster.nodes.get(node)!;
  const rec = host.kubelet.container(ns, name, containerName, previous);
  if (!rec) return [];
  return host.runtime.readLogs(rec, cluster.world.clock.now()).map((l) => l.line);
}

export function journal(cluster: Cluster, node: string, unit: string): string[] {
  return cluster.nodes.get(node)!.journal.read({ unit }).map((e) => `${e.ident}[${e.pid}]: ${e.message}`);
}
