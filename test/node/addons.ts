/**
 * The cluster's own controllers now run kube-proxy (DaemonSet), CoreDNS (Deployment) and the
 * Endpoints: these helpers only let the run loop catch up until they are in place.
 */
import type { Cluster } from '../../src/cluster/cluster.js';

function runningPods(cluster: Cluster, label: string): number {
  return cluster.api.store
    .list('pods', 'kube-system')
    .filter((p) => p.metadata.labels?.['k8s-app'] === label && (p['status'] as { phase?: string } | undefined)?.phase === 'Running').length;
}

export function runKubeProxy(cluster: Cluster): void {
  cluster.world.loop.advanceUntil(() => runningPods(cluster, 'kube-proxy') >= cluster.nodes.size, 60);
}

export function runCoreDns(cluster: Cluster): void {
  cluster.world.loop.advanceUntil(() => runningPods(cluster, 'kube-dns') >= 1, 60);
}

/** The endpoints controller keeps Endpoints current; let it settle. */
export function syncEndpoints(cluster: Cluster): void {
  cluster.world.loop.advance(2);
}
