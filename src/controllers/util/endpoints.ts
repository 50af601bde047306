/**
 * What the Endpoints and EndpointSlice controllers share: which pods back a Service, and the
 * port each service port resolves to on a pod (a named targetPort is looked up in the pod's
 * container ports).
 */
import type { ServicePort } from 'kubernetes-types/core/v1.js';
import type { Pod, Service } from './types.js';
import { isPodTerminal } from './pods.js';
import { keyOf, NO_KEYS } from './keys.js';

/** Services whose selector the controllers act on (nil or empty selectors are left alone). */
export function serviceSelector(svc: Service): Record<string, string> | undefined {
  const sel = svc.spec?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

export function selects(sel: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const [k, v] of Object.entries(sel)) if (labels?.[k] !== v) return false;
  return true;
}

export function podIP(pod: Pod): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined;
}

/** ShouldPodBeInEndpoints: has an IP, not terminal, and (unless included) not terminating. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!podIP(pod)) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** podutil.FindPort: the container port a service port targets on this pod. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** ShouldSetHostname: the pod names this service as its subdomain. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

export function ipLess(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Keys of the services whose selector selects a pod's labels now or before an update: the
 * endpoints controllers ask it of every pod event, so no array is made when none does.
 */
export function keysOfServicesSelecting(services: readonly Service[], labels: Record<string, string> | undefined, oldLabels: Record<string, string> | undefined): string[] {
  let keys: string[] | undefined;
  for (let i = 0; i < services.length; i++) {
    const sel = serviceSelector(services[i]!);
    if (sel === undefined) continue;
    if ((labels !== undefined && selects(sel, labels)) || (oldLabels !== undefined && selects(sel, oldLabels))) (keys ??= []).push(keyOf(services[i]!));
  }
  return keys ?? NO_KEYS;
}
