/**
 * What the apiserver's discovery serves (/api, /apis): every resource of the registry (CRDs
 * included), the extra built-in versions a v1.33 apiserver also serves (autoscaling/v1), and
 * aggregated APIs registered by APIService objects. An aggregated API is available while its
 * backing service has a ready endpoint (what kube-aggregator's availability controller checks);
 * until then its group is listed but its resources fail, as metrics-server's do when its pod
 * is down.
 */
import type { ResourceInfo } from '../../api/registry.js';
import type { ApiServer } from '../../api/server.js';

/** Versions served besides the registry's preferred ones. */
const EXTRA_VERSIONS = ['autoscaling/v1'];

/** Resources of the aggregated APIs kubedrill knows (metrics-server's). */
const AGGREGATED: Record<string, ResourceInfo[]> = {
  'metrics.k8s.io/v1beta1': [
    { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetrics', resource: 'nodes', singular: '', shortNames: [], namespaced: false, verbs: ['get', 'list'], categories: [], subresources: [] },
    { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics', resource: 'pods', singular: '', shortNames: [], namespaced: true, verbs: ['get', 'list'], categories: [], subresources: [] },
  ],
};

export interface AggregatedApi {
  groupVersion: string;
  available: boolean;
}

interface ApiServiceSpec {
  group?: string;
  version?: string;
  service?: { namespace?: string; name?: string } | null;
}

/** APIService objects for non-local groups, with whether their backend answers. */
export function aggregatedApis(api: ApiServer): AggregatedApi[] {
  const out: AggregatedApi[] = [];
  for (const svc of api.store.list('apiservices.apiregistration.k8s.io')) {
    const spec = (svc['spec'] ?? {}) as ApiServiceSpec;
    if (!spec.group || !spec.version || !spec.service) continue;
    out.push({ groupVersion: `${spec.group}/${spec.version}`, available: hasReadyEndpoint(api, spec.service.namespace ?? '', spec.service.name ?? '') });
  }
  return out.sort((a, b) => (a.groupVersion < b.groupVersion ? -1 : 1));
}

function hasReadyEndpoint(api: ApiServer, namespace: string, name: string): boolean {
  const ep = api.store.get('endpoints', namespace, name) as { subsets?: { addresses?: unknown[] }[] } | undefined;
  return !!ep?.subsets?.some((s) => (s.addresses?.length ?? 0) > 0);
}

export interface Discovery {
  /** Preferred version of every group, core first (ServerPreferredResources). */
  resources: ResourceInfo[];
  /** Every served group/version, sorted (api-versions). */
  groupVersions: string[];
  /** Group/versions whose resource list failed. */
  failed: string[];
}

export function discover(api: ApiServer): Discovery {
  const resources = [...api.registry.list()];
  const groupVersions = new Set<string>([...resources.map((r) => (r.group ? `${r.group}/${r.version}` : r.version)), ...EXTRA_VERSIONS]);
  const failed: string[] = [];
  for (const a of aggregatedApis(api)) {
    groupVersions.add(a.groupVersion);
    if (!a.available) failed.push(a.groupVersion);
    else resources.push(...(AGGREGATED[a.groupVersion] ?? []));
  }
  return { resources, groupVersions: [...groupVersions].sort(), failed };
}

/** kubectl's aggregate discovery error for unavailable aggregated APIs. */
export function discoveryFailure(failed: string[]): string {
  return `unable to retrieve the complete list of server APIs: ${failed.map((gv) => `${gv}: the server is currently unable to handle the request`).join(', ')}`;
}
