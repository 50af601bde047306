/**
 * `kubectl get --raw URI`: the apiserver's response body, as it sends it. Non-resource paths
 * (/healthz, /livez, /readyz with ?verbose and single checks, /version, /api, /apis, the group
 * discovery documents, /openapi/v3) are authorized as non-resource requests; resource paths
 * (/api/v1/namespaces/default/pods, .../pods/NAME, .../pods/NAME/log, /apis/apps/v1/...) go
 * through the API as `get`/`list`. Objects are compact JSON with a newline, as the apiserver's
 * serializer writes them (typed fields first in struct order: kind, apiVersion, metadata, ...).
 */
import { ApiError } from '../../api/errors.js';
import { apiVersionOf, resourceKey, type ResourceInfo } from '../../api/registry.js';
import type { KObject, Stored } from '../../api/types.js';
import { goJsonCompact } from '../../util/gofmt.js';
import type { Invocation } from '../command.js';
import { usageError } from '../errors.js';
import { discover } from './discovery.js';
import { selfSubjectAccessReview } from './auth-review.js';

/** kube-aggregator's group order (groupPriorityMinimum) for /apis. */
const GROUP_ORDER = [
  'apiregistration.k8s.io', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch', 'certificates.k8s.io', 'networking.k8s.io', 'policy',
  'rbac.authorization.k8s.io', 'storage.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

const HEALTH_CHECKS = [
  'ping', 'log', 'etcd', 'poststarthook/start-apiserver-admission-initializer', 'poststarthook/generic-apiserver-start-informers', 'poststarthook/priority-and-fairness-config-consumer',
  'poststarthook/priority-and-fairness-filter', 'poststarthook/storage-object-count-tracker-hook', 'poststarthook/start-apiextensions-informers', 'poststarthook/start-apiextensions-controllers',
  'poststarthook/crd-informer-synced', 'poststarthook/start-system-namespaces-controller', 'poststarthook/start-cluster-authentication-info-controller',
  'poststarthook/start-kube-apiserver-identity-lease-controller', 'poststarthook/start-kube-apiserver-identity-lease-garbage-collector', 'poststarthook/start-legacy-token-tracking-controller',
  'poststarthook/start-service-ip-repair-controllers', 'poststarthook/rbac/bootstrap-roles', 'poststarthook/scheduling/bootstrap-system-priority-classes',
  'poststarthook/priority-and-fairness-config-producer', 'poststarthook/bootstrap-controller', 'poststarthook/start-kubernetes-service-cidr-controller',
  'poststarthook/aggregator-reload-proxy-client-cert', 'poststarthook/start-kube-aggregator-informers', 'poststarthook/apiservice-status-local-available-controller',
  'poststarthook/apiservice-status-remote-available-controller', 'poststarthook/apiservice-registration-controller', 'poststarthook/apiservice-discovery-controller',
  'poststarthook/kube-apiserver-autoregistration', 'autoregister-completion', 'poststarthook/apiservice-openapi-controller', 'poststarthook/apiservice-openapiv3-controller',
];
const READY_ONLY = ['informer-sync', 'etcd-readiness', 'shutdown'];

const NOT_FOUND = () => new ApiError(404, 'NotFound', 'the server could not find the requested resource');

/** Typed objects' leading fields, in Go struct order. */
const TOP_ORDER = ['kind', 'apiVersion', 'metadata', 'spec', 'data', 'stringData', 'binaryData', 'type', 'status'];
const META_ORDER = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

function ordered(obj: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in obj) out[k] = obj[k];
  for (const k of Object.keys(obj)) if (!(k in out)) out[k] = obj[k];
  return out;
}

function typed(obj: KObject, withType = true): Record<string, unknown> {
  const o = { ...(obj as unknown as Record<string, unknown>) };
  if (!withType) {
    delete o['kind'];
    delete o['apiVersion'];
  }
  o['metadata'] = ordered({ ...(obj.metadata as Record<string, unknown>) }, META_ORDER);
  return ordered(o, TOP_ORDER);
}

function json(v: unknown): string {
  return goJsonCompact(v, { sortKeys: false }) + '\n';
}

export function runGetRaw(inv: Invocation, raw: string): number {
  if (!raw.startsWith('/') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) throw usageError(`--raw must be a valid URL path: parse "${raw}": invalid URI for request`);
  const url = new URL(raw, 'https://apiserver');
  inv.kctx.client();
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const resource = /^\/(?:api\/v1|apis\/[^/]+\/[^/]+)\/(.+)$/.exec(path);
  inv.out.write(resource && !isDiscoveryPath(path) ? resourceBody(inv, path, url.searchParams) : nonResourceBody(inv, path, url.searchParams));
  return 0;
}

function isDiscoveryPath(path: string): boolean {
  return /^\/apis\/[^/]+\/[^/]+$/.test(path) || path === '/api/v1';
}

function nonResourceBody(inv: Invocation, path: string, query: URLSearchParams): string {
  const client = inv.kctx.client();
  const review = selfSubjectAccessReview(client, { kind: 'nonResource', verb: 'get', path });
  if (!review.allowed) throw new ApiError(403, 'Forbidden', `forbidden: User "${client.user.username}" cannot get path "${path}"`);
  const api = client.api;
  const health = /^\/(healthz|livez|readyz)(?:\/(.+))?$/.exec(path);
  if (health) {
    const checks = health[1] === 'readyz' ? [...HEALTH_CHECKS.slice(0, 3), ...READY_ONLY, ...HEALTH_CHECKS.slice(3)] : HEALTH_CHECKS;
    if (health[2]) {
      if (!checks.includes(health[2])) throw NOT_FOUND();
      return 'ok';
    }
    if (!query.has('verbose')) return 'ok';
    return checks.map((c) => `[+]${c} ok\n`).join('') + `${health[1]} check passed\n`;
  }
  const d = discover(api);
  switch (path) {
    case '/version': {
      const v = inv.kctx.cluster().spec.version;
      const minor = v.split('.')[1] ?? '33';
      const info = {
        major: '1', minor, emulationMajor: '1', emulationMinor: minor, minCompatibilityMajor: '1', minCompatibilityMinor: String(Number(minor) - 1), gitVersion: v,
        gitCommit: 'a4d9a7d1d7a7b3f9ad1a8b5c2e4a3f0c1b2d3e4f', gitTreeState: 'clean', buildDate: '2025-06-17T18:36:28Z', goVersion: 'go1.24.4', compiler: 'gc', platform: 'linux/amd64',
      };
      return JSON.stringify(info, null, 2);
    }
    case '/api':
      return json({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${inv.kctx.cluster().controlPlane().ip}:6443` }] });
    case '/apis':
      return json({ kind: 'APIGroupList', apiVersion: 'v1', groups: groups(d.groupVersions).map(groupJson) });
    case '/api/v1':
      return json(resourceList('v1', d.resources.filter((r) => r.group === '')));
    case '/openapi/v3':
      return json({ paths: Object.fromEntries(d.groupVersions.map((gv) => [gv.includes('/') ? `apis/${gv}` : `api/${gv}`, { serverRelativeURL: `/openapi/v3/${gv.includes('/') ? 'apis' : 'api'}/${gv}` }])) });
  }
  const apisGroup = /^\/apis\/([^/]+)$/.exec(path);
  if (apisGroup) {
    const g = groups(d.groupVersions).find((x) => x.name === apisGroup[1]);
    if (!g) throw NOT_FOUND();
    return json({ kind: 'APIGroup', apiVersion: 'v1', ...groupJson(g) });
  }
  const gvPath = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
  if (gvPath) {
    const gv = `${gvPath[1]}/${gvPath[2]}`;
    if (!d.groupVersions.includes(gv)) throw NOT_FOUND();
    return json(resourceList(gv, d.resources.filter((r) => apiVersionOf(r) === gv)));
  }
  throw NOT_FOUND();
}

interface Group {
  name: string;
  versions: string[];
}

function groups(groupVersions: string[]): Group[] {
  const byName = new Map<string, string[]>();
  for (const gv of groupVersions) {
    if (!gv.includes('/')) continue;
    const [g, v] = gv.split('/') as [string, string];
    byName.set(g, [...(byName.get(g) ?? []), v]);
  }
  const rank = (g: string) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);
  return [...byName]
    .map(([name, versions]) => ({ name, versions: versions.sort((a, b) => (a > b ? -1 : 1)) }))
    .sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : 1));
}

function groupJson(g: Group): Record<string, unknown> {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

function resourceList(gv: string, resources: ResourceInfo[]): unknown {
  const list: Record<string, unknown>[] = [];
  for (const r of resources) {
    list.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
    });
    for (const s of r.subresources) list.push({ name: `${r.resource}/${s}`, singularName: '', namespaced: r.namespaced, kind: s === 'scale' ? 'Scale' : r.kind, verbs: s === 'log' ? ['get'] : s === 'exec' || s === 'attach' || s === 'portforward' ? ['create', 'get'] : ['get', 'patch', 'update'] });
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: list };
}

function resourceBody(inv: Invocation, path: string, query: URLSearchParams): string {
  const client = inv.kctx.client();
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(path)!;
  const group = m[1] ? '' : m[2]!;
  const version = m[1] ?? m[3]!;
  let rest = m[4]!.split('/');
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const info = client.api.registry.list().find((r) => r.group === group && r.version === version && r.resource === rest[0]);
  if (!info || rest.length > 3) throw NOT_FOUND();
  const key = resourceKey(info);
  const [, name, sub] = rest;
  if (!name) {
    const result = client.listResult(key, info.namespaced ? namespace : undefined, { labelSelector: query.get('labelSelector') ?? undefined, fieldSelector: query.get('fieldSelector') ?? undefined });
    return json({ kind: result.kind, apiVersion: result.apiVersion, metadata: result.metadata, items: result.items.map((o) => typed(o, false)) });
  }
  if (sub === 'log' && info.resource === 'pods') {
    const pod = client.get<KObject>('pods', namespace ?? '', name) as Stored;
    const containers = ((pod['spec'] as { containers?: { name: string }[] }).containers ?? []).map((c) => c.name);
    const container = query.get('container') ?? (containers.length === 1 ? containers[0]! : '');
    if (!container) throw new ApiError(400, 'BadRequest', `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
    const tail = query.get('tailLines');
    return client.api.podLogs(client.user, namespace ?? '', name, container, { tailLines: tail ? Number(tail) : undefined }).map((l) => l.line + '\n').join('');
  }
  if (sub && !info.subresources.includes(sub)) throw NOT_FOUND();
  const obj = client.api.get(client.user, key, namespace ?? '', name, sub);
  if (sub === 'scale') return json(scaleOf(obj));
  return json(typed(obj));
}

/** The autoscaling/v1 Scale the apiserver serves for a scalable object. */
export function scaleOf(obj: Stored): KObject {
  const spec = (obj['spec'] ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } | Record<string, string> };
  const status = (obj['status'] ?? {}) as { replicas?: number };
  const sel = spec.selector as { matchLabels?: Record<string, string> } | undefined;
  const labels = sel?.matchLabels ?? (sel as Record<string, string> | undefined) ?? {};
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, selector: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') },
  } as KObject;
}
