/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for each Service with a
 * selector, slices named `<service>-<5 random>` labelled kubernetes.io/service-name and managed
 * by endpointslice-controller.k8s.io, up to 100 endpoints each, one set of slices per distinct
 * port mapping, with ready/serving/terminating conditions. A Service without endpoints keeps one
 * empty placeholder slice; the slices' owner reference lets the garbage collector remove them.
 */
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1.js';
import type { Reconciler } from '../cluster/runloop.js';
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { clone, type KObject } from '../api/types.js';
import { toRfc3339 } from '../util/clock.js';
import type { ControllerContext } from './context.js';
import { deepEqual } from './util/equal.js';
import { findPort, podIP, serviceSelector, keysOfServicesSelecting, shouldPodBeInEndpoints, shouldSetHostname, selects } from './util/endpoints.js';
import { keyOf, splitKey } from './util/keys.js';
import { isPodReady } from './util/pods.js';
import type { EndpointSlice, Node, Pod, Service } from './util/types.js';
import { HEADLESS_LABEL, TRIGGER_TIME } from './endpoints.js';

export const SLICES = 'endpointslices.discovery.k8s.io';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
export const MAX_ENDPOINTS_PER_SLICE = 100;

interface Group {
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

export class EndpointSliceController implements Reconciler {
  readonly name = 'endpointslice-controller';
  readonly watches = ['services', SLICES, 'pods'];

  constructor(private readonly ctx: ControllerContext) {}

  private get client() {
    return this.ctx.clientAs('endpointslice-controller');
  }

  keysFor(event: WatchEvent): Iterable<string> {
    switch (event.resource) {
      case 'services':
        return [keyOf(event.object)];
      case SLICES: {
        const svc = event.object.metadata.labels?.[SERVICE_NAME_LABEL];
        if (!svc || event.object.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY || event.type === 'ADDED') return [];
        return [`${event.object.metadata.namespace}/${svc}`];
      }
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
    return this.ctx.store.list('services').map(keyOf);
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.ctx.store.get('services', namespace, name) as Service | undefined;
    if (!svc || svc.metadata.deletionTimestamp) return;
    const selector = serviceSelector(svc);
    if (!selector) return;
    const pods = (this.ctx.store.list('pods', namespace) as Pod[]).filter((p) => selects(selector, p.metadata.labels));
    const groups = this.desired(svc, pods);
    const existing = (this.ctx.store.list(SLICES, namespace) as EndpointSlice[])
      .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY)
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    const labels = sliceLabels(svc);
    const wanted: Group[] = [];
    for (const g of groups) for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) wanted.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    const placeholder = wanted.length === 0;
    if (placeholder) wanted.push({ ports: [], endpoints: [] });

    const unused = [...existing];
    const take = (ports: EndpointPort[]): EndpointSlice | undefined => {
      const i = unused.findIndex((s) => deepEqual(s.ports ?? [], ports));
      const j = i >= 0 ? i : 0;
      return unused.length ? unused.splice(j, 1)[0] : undefined;
    };
    for (const w of wanted) {
      const slice = take(w.ports);
      const body = this.sliceBody(svc, labels, w, placeholder);
      if (!slice) {
        this.quiet(() => this.client.create(SLICES, body));
        continue;
      }
      const same = deepEqual(slice.endpoints ?? [], body['endpoints']) && deepEqual(slice.ports ?? [], body['ports'] ?? []) && deepEqual(slice.metadata.labels ?? {}, labels);
      if (same) continue;
      const copy = clone(slice) as KObject;
      copy.metadata.labels = labels;
      copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [TRIGGER_TIME]: toRfc3339(this.ctx.now()) };
      copy['endpoints'] = body['endpoints'];
      if (body['ports']) copy['ports'] = body['ports'];
      else delete copy['ports'];
      this.quiet(() => this.client.update(SLICES, copy));
    }
    for (const s of unused) this.quiet(() => this.client.delete(SLICES, namespace, s.metadata.name));
  }

  /** Endpoints grouped by the ports each pod resolves (named ports may differ between pods). */
  private desired(svc: Service, pods: Pod[]): Group[] {
    const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
    const groups = new Map<string, Group>();
    for (const pod of [...pods].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports: EndpointPort[] = [];
      for (const sp of svc.spec?.ports ?? []) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        ports.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
      }
      const serving = publishNotReady || isPodReady(pod);
      const terminating = !!pod.metadata.deletionTimestamp;
      const ready = publishNotReady || (serving && !terminating);
      const node = pod.spec?.nodeName ? (this.ctx.store.get('nodes', '', pod.spec.nodeName) as Node | undefined) : undefined;
      const zone = node?.metadata.labels?.['topology.kubernetes.io/zone'];
      const ep: Endpoint = {
        addresses: [podIP(pod)!],
        conditions: { ready, serving, terminating },
        ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec!.hostname } : {}),
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        ...(zone ? { zone } : {}),
      };
      const k = JSON.stringify(ports);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { ports, endpoints: [] }));
      g.endpoints.push(ep);
    }
    return [...groups.values()];
  }

  private sliceBody(svc: Service, labels: Record<string, string>, g: Group, placeholder: boolean): KObject {
    return {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${svc.metadata.name}-`,
        namespace: svc.metadata.namespace,
        labels,
        annotations: { [TRIGGER_TIME]: toRfc3339(this.ctx.now()) },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints: g.endpoints,
      ...(placeholder ? {} : { ports: g.ports }),
    };
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

/** setEndpointSliceLabels: the Service's labels plus the slice's own. */
function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL) labels[k] = v;
  if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = svc.metadata.name;
  labels[MANAGED_BY_LABEL] = MANAGED_BY;
  return labels;
}
