/**
 * The Endpoints controller (pkg/controller/endpoint): for each Service with a selector, an
 * Endpoints object of the same name listing ready pod addresses and not-ready ones separately,
 * with the ports each pod resolves, repacked into subsets that share port sets. Services without
 * a selector are left to their owners; a deleted Service takes its Endpoints with it.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1.js';
import type { Reconciler } from '../cluster/runloop.js';
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { clone } from '../api/types.js';
import { toRfc3339 } from '../util/clock.js';
import type { ControllerContext } from './context.js';
import { deepEqual } from './util/equal.js';
import { findPort, ipLess, podIP, serviceSelector, keysOfServicesSelecting, shouldPodBeInEndpoints, shouldSetHostname, selects } from './util/endpoints.js';
import { keyOf, splitKey } from './util/keys.js';
import { isPodReady } from './util/pods.js';
import type { Endpoints, Pod, Service } from './util/types.js';

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

export class EndpointsController implements Reconciler {
  readonly name = 'endpoints-controller';
  readonly watches = ['services', 'endpoints', 'pods'];

  constructor(private readonly ctx: ControllerContext) {}

  private get client() {
    return this.ctx.clientAs('endpoint-controller');
  }

  keysFor(event: WatchEvent): Iterable<string> {
    switch (event.resource) {
      case 'services':
        return [keyOf(event.object)];
      case 'endpoints':
        return event.type === 'ADDED' ? [] : [keyOf(event.object)];
      case 'pods': {
        // No service in the namespace (often so): nothing to list.
        if (event.object.metadata.namespace !== undefined && this.ctx.store.count('services', event.object.metadata.namespace) === 0) return [];
        const services = this.ctx.store.list('services', event.object.metadata.namespace) as Service[];
        return keysOfServicesSelecting(services, event.object.metadata.labels, event.old?.metadata.labels);
      }
      default:
        return [];
    }
  }

  resyncKeys(): Iterable<string> {
    return [...this.ctx.store.list('services').map(keyOf), ...this.ctx.store.list('endpoints').map(keyOf)];
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.ctx.store.get('services', namespace, name) as Service | undefined;
    const current = this.ctx.store.get('endpoints', namespace, name) as Endpoints | undefined;
    if (!svc) {
      if (current) this.quiet(() => this.client.delete('endpoints', namespace, name));
      return;
    }
    const selector = serviceSelector(svc);
    if (!selector) return;
    const pods = (this.ctx.store.list('pods', namespace) as Pod[]).filter((p) => selects(selector, p.metadata.labels));
    const subsets = computeSubsets(svc, pods);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
    if (current && deepEqual(current.subsets ?? [], subsets) && deepEqual(current.metadata.labels ?? {}, labels)) return;
    const metadata = { name, namespace, ...(Object.keys(labels).length ? { labels } : {}), annotations: { ...(current?.metadata.annotations ?? {}), [TRIGGER_TIME]: toRfc3339(this.ctx.now()) } };
    const body = { apiVersion: 'v1', kind: 'Endpoints', metadata, ...(subsets.length ? { subsets } : {}) };
    if (!current) this.quiet(() => this.client.create('endpoints', body));
    else {
      const copy = { ...clone(current), metadata: { ...clone(current.metadata), labels: Object.keys(labels).length ? labels : undefined, annotations: metadata.annotations } } as Endpoints;
      if (subsets.length) copy.subsets = subsets;
      else delete copy.subsets;
      this.quiet(() => this.client.update('endpoints', copy));
    }
  }

  private quiet(fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof ApiError && (e.code === 404 || e.code === 409 || e.code === 403)) return;
      throw e;
    }
  }
}

/** Addresses with their readiness and ports, repacked into subsets as endpoints.RepackSubsets does. */
export function computeSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const entries: { addr: EndpointAddress; ready: boolean; ports: EndpointPort[] }[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const addr: EndpointAddress = { ip: podIP(pod)!, ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec!.hostname } : {}), nodeName: pod.spec?.nodeName ?? '', targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid } };
    const ready = publishNotReady || isPodReady(pod);
    const ports: EndpointPort[] = [];
    const svcPorts = svc.spec?.ports ?? [];
    if (svcPorts.length === 0) {
      if (svc.spec?.clusterIP !== 'None') continue;
    } else {
      let any = false;
      for (const sp of svcPorts) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        any = true;
        ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
      }
      if (!any) continue;
    }
    entries.push({ addr, ready, ports });
  }
  // Group addresses by the exact set of ports they offer.
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const e of entries) {
    const ports = [...e.ports].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    const k = JSON.stringify(ports);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ports, ready: [], notReady: [] }));
    (e.ready ? g.ready : g.notReady).push(e.addr);
  }
  const byIp = (a: EndpointAddress, b: EndpointAddress) => ipLess(a.ip, b.ip) || (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');
  const subsets: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const s: EndpointSubset = {};
    if (g.ready.length) s.addresses = g.ready.sort(byIp);
    if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(byIp);
    if (g.ports.length) s.ports = g.ports;
    subsets.push(s);
  }
  return subsets.sort((a, b) => ipLess((a.addresses ?? a.notReadyAddresses)![0]!.ip, (b.addresses ?? b.notReadyAddresses)![0]!.ip));
}
