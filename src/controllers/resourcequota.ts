/**
 * The ResourceQuota controller (pkg/controller/resourcequota): status.hard mirrors spec.hard and
 * status.used is recomputed from the store for every resource the quota names: object counts
 * (pods, services, count/deployments.apps, ...), compute requests and limits of non-terminal
 * pods, and storage requests of claims (also per storage class).
 */
import type { Reconciler } from '../cluster/runloop.js';
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { tryQuantity, formatBytes, formatMilliCpu, milliCpu } from '../api/quantity.js';
import { clone } from '../api/types.js';
import type { ControllerContext } from './context.js';
import { deepEqual } from './util/equal.js';
import { keyOf, splitKey } from './util/keys.js';
import { isPodTerminal } from './util/pods.js';
import type { Pod, Pvc, ResourceQuota, Service } from './util/types.js';

const QUOTAS = 'resourcequotas';

/** Legacy names of object counts. */
const COUNT_ALIASES: Record<string, string> = {
  pods: 'pods',
  services: 'services',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
  secrets: 'secrets',
  configmaps: 'configmaps',
  persistentvolumeclaims: 'persistentvolumeclaims',
};

export class ResourceQuotaController implements Reconciler {
  readonly name = 'resourcequota-controller';
  /** Never counted here, so never a reason to recount (the quota controller's ignored resources). */
  readonly ignores = ['events', 'events.events.k8s.io', 'leases.coordination.k8s.io'];

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource === QUOTAS) {
      if (event.type === 'DELETED') return [];
      if (event.type === 'MODIFIED' && deepEqual((event.old as ResourceQuota | undefined)?.spec, (event.object as ResourceQuota).spec) && deepEqual(event.old?.['status'], event.object['status'])) return [];
      return [keyOf(event.object)];
    }
    const ns = event.object.metadata.namespace;
    if (!ns) return [];
    if (this.ctx.store.count(QUOTAS, ns) === 0) return [];
    return this.ctx.store.list(QUOTAS, ns).map(keyOf);
  }

  resyncKeys(): Iterable<string> {
    return this.ctx.store.list(QUOTAS).map(keyOf);
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const quota = this.ctx.store.get(QUOTAS, namespace, name) as ResourceQuota | undefined;
    if (!quota || quota.metadata.deletionTimestamp) return;
    const hard = quota.spec?.hard ?? {};
    const used: Record<string, string> = {};
    for (const resource of Object.keys(hard)) used[resource] = this.usage(namespace, resource, hard[resource]);
    const status = { hard: clone(hard), used };
    if (deepEqual(quota.status, status)) return;
    try {
      this.ctx.clientAs('resourcequota-controller').updateStatus(QUOTAS, { ...clone(quota), status });
    } catch (e) {
      if (!(e instanceof ApiError && (e.code === 404 || e.code === 409))) throw e;
    }
  }

  private usage(ns: string, resource: string, hardValue: unknown): string {
    const store = this.ctx.store;
    const count = (key: string) => String(store.count(key, ns));
    if (COUNT_ALIASES[resource]) {
      if (resource === 'pods') return String((store.list('pods', ns) as Pod[]).filter((p) => !isPodTerminal(p)).length);
      return count(resource);
    }
    if (resource === 'services.nodeports') return String((store.list('services', ns) as Service[]).reduce((n, s) => n + (s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer' ? (s.spec.ports ?? []).length : 0), 0));
    if (resource === 'services.loadbalancers') return String((store.list('services', ns) as Service[]).filter((s) => s.spec?.type === 'LoadBalancer').length);
    if (resource.startsWith('count/')) {
      const rest = resource.slice(6);
      const dot = rest.indexOf('.');
      const key = dot < 0 ? rest : `${rest.slice(0, dot)}.${rest.slice(dot + 1)}`;
      return count(key);
    }
    const pods = (store.list('pods', ns) as Pod[]).filter((p) => !isPodTerminal(p));
    const sumPods = (kind: 'requests' | 'limits', r: 'cpu' | 'memory' | 'ephemeral-storage') => {
      let total = 0;
      for (const p of pods) {
        let containers = 0;
        for (const c of p.spec?.containers ?? []) containers += quantityOf(c.resources?.[kind]?.[r], r);
        let init = 0;
        for (const c of p.spec?.initContainers ?? []) init = Math.max(init, quantityOf(c.resources?.[kind]?.[r], r));
        total += Math.max(containers, init) + quantityOf(p.spec?.overhead?.[r], r);
      }
      return total;
    };
    const fmt = (r: string, v: number) => (r === 'cpu' ? formatMilliCpu(v) : formatQuantityLike(v, hardValue));
    const m = /^(requests|limits)\.(cpu|memory|ephemeral-storage)$/.exec(resource);
    if (m) return fmt(m[2]!, sumPods(m[1] as 'requests' | 'limits', m[2] as 'cpu'));
    if (resource === 'cpu' || resource === 'memory' || resource === 'ephemeral-storage') return fmt(resource, sumPods('requests', resource));
    const claims = store.list('persistentvolumeclaims', ns) as Pvc[];
    const storageOf = (cs: Pvc[]) => cs.reduce((s, c) => s + (tryQuantity(c.spec?.resources?.requests?.['storage']) ?? 0), 0);
    if (resource === 'requests.storage') return formatQuantityLike(storageOf(claims), hardValue);
    const sc = /^(.+)\.storageclass\.storage\.k8s\.io\/(requests\.storage|persistentvolumeclaims)$/.exec(resource);
    if (sc) {
      const mine = claims.filter((c) => (c.spec?.storageClassName ?? '') === sc[1]);
      return sc[2] === 'persistentvolumeclaims' ? String(mine.length) : formatQuantityLike(storageOf(mine), hardValue);
    }
    return '0';
  }
}

function quantityOf(v: string | number | undefined, r: string): number {
  if (v === undefined) return 0;
  return r === 'cpu' ? milliCpu(v) : (tryQuantity(v) ?? 0);
}

/** Bytes formatted in the style of the hard limit ("1Gi" style, or decimal "1G" style, or plain). */
function formatQuantityLike(bytes: number, hard: unknown): string {
  if (bytes === 0) return '0';
  const h = String(hard ?? '');
  if (/i$/.test(h)) return formatBytes(bytes);
  for (const [suffix, unit] of [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return formatBytes(bytes);
}
