/**
 * The apiserver's way to the kubelets (port 10250): container logs are what the node's kubelet
 * serves (src/node/kubelet/server.ts), but only while the kubelet there runs; otherwise the
 * dial fails as it does on a real cluster.
 */
import type { LogOptions, NodeProxy } from '../api/server.js';
import type { Stored } from '../api/types.js';
import type { Cluster } from './cluster.js';
import { containerLogLines } from '../node/kubelet/server.js';

export function nodeProxy(cluster: Cluster): NodeProxy {
  return {
    containerLogs(pod: Stored, container: string, opts: LogOptions) {
      const spec = pod['spec'] as { nodeName: string };
      const node = cluster.nodes.get(spec.nodeName);
      const ns = pod.metadata.namespace ?? 'default';
      const url = `https://${node?.ip ?? spec.nodeName}:10250/containerLogs/${ns}/${pod.metadata.name}/${container}`;
      if (!node || !node.kubelet.active()) return { ok: false, reason: '', message: `Get "${url}": dial tcp ${node?.ip ?? spec.nodeName}:10250: connect: connection refused` };
      const r = containerLogLines(node, { namespace: ns, pod: pod.metadata.name, container, previous: opts.previous, tailLines: opts.tailLines, sinceSeconds: opts.sinceSeconds, timestamps: opts.timestamps });
      if (r.ok) return { ok: true, lines: r.lines };
      // A pod the kubelet has not started yet: what its status says it waits for.
      if (r.code === 404) return { ok: false, reason: 'BadRequest', message: `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${waitingReason(pod, container)}` };
      return { ok: false, reason: 'BadRequest', message: r.message };
    },
  };
}

function waitingReason(pod: Stored, container: string): string {
  type Status = { name: string; state?: { waiting?: { reason?: string } } };
  const status = pod['status'] as { containerStatuses?: Status[]; initContainerStatuses?: Status[] } | undefined;
  const cs = [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? [])].find((c) => c.name === container);
  return cs?.state?.waiting?.reason || 'ContainerCreating';
}
