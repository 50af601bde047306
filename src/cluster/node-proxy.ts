/**
 * The apiserver's way to the kubelets (port 10250): container logs come from the node's
 * container runtime, but only while the kubelet there runs; otherwise the dial fails as it does
 * on a real cluster.
 */
import type { LogOptions, NodeProxy } from '../api/server.js';
import type { Stored } from '../api/types.js';
import type { Cluster } from './cluster.js';

type Waiting = { reason?: string; message?: string };

export function nodeProxy(cluster: Cluster): NodeProxy {
  return {
    containerLogs(pod: Stored, container: string, opts: LogOptions) {
      const spec = pod['spec'] as { nodeName: string };
      const node = cluster.nodes.get(spec.nodeName);
      const ns = pod.metadata.namespace ?? 'default';
      const url = `https://${node?.ip ?? spec.nodeName}:10250/containerLogs/${ns}/${pod.metadata.name}/${container}`;
      if (!node || !node.kubelet.active()) return { ok: false, reason: '', message: `Get "${url}": dial tcp ${node?.ip ?? spec.nodeName}:10250: connect: connection refused` };
      const uid = pod.metadata.annotations?.['kubernetes.io/config.mirror'] ?? pod.metadata.uid;
      const records = node.runtime.containersOf(uid, container);
      const status = pod['status'] as { containerStatuses?: { name: string; state?: { waiting?: Waiting } }[]; initContainerStatuses?: { name: string; state?: { waiting?: Waiting } }[] } | undefined;
      const cs = [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? [])].find((c) => c.name === container);
      const current = records[records.length - 1];
      const target = opts.previous ? records[records.length - 2] : current;
      if (opts.previous && !target) return { ok: false, message: `previous terminated container "${container}" in pod "${pod.metadata.name}" not found` };
      if (!target) {
        const reason = cs?.state?.waiting?.reason ?? 'ContainerCreating';
        const why = reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
        return { ok: false, message: `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${why}` };
      }
      let lines = target.logs.map((l) => ({ at: l.at, line: l.line }));
      if (opts.sinceSeconds !== undefined) lines = lines.filter((l) => l.at >= cluster.world.clock.now() - opts.sinceSeconds! * 1000);
      if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = lines.slice(Math.max(0, lines.length - opts.tailLines));
      return { ok: true, lines };
    },
  };
}
