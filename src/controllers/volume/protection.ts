/**
 * Storage object in-use protection: the kubernetes.io/pvc-protection finalizer keeps a claim
 * that a scheduled, unfinished pod uses; kubernetes.io/pv-protection keeps a Bound volume. The
 * controllers add the finalizers and remove them once deletion is safe.
 */
import type { Reconciler } from '../../cluster/runloop.js';
import type { WatchEvent } from '../../api/store.js';
import { ApiError } from '../../api/errors.js';
import type { Stored } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import { keyOf, splitKey } from '../util/keys.js';
import { isPodTerminal } from '../util/pods.js';
import type { Pod, Pv } from '../util/types.js';
import { PVCS, PVS } from './binder.js';

export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
const NO_KEYS: readonly string[] = Object.freeze([]);
const NO_VOLUMES: readonly NonNullable<NonNullable<Pod['spec']>['volumes']>[number][] = Object.freeze([]);
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

function setFinalizer(ctx: ControllerContext, sa: string, resource: string, obj: Stored, finalizer: string, present: boolean): void {
  const fins = obj.metadata.finalizers ?? [];
  if (fins.includes(finalizer) === present) return;
  const next = present ? [...fins, finalizer] : fins.filter((f) => f !== finalizer);
  // An update, as the real controllers do: their RBAC roles grant update, not patch.
  const metadata = { ...obj.metadata, finalizers: next.length ? next : undefined };
  try {
    ctx.clientAs(sa).update(resource, { ...obj, metadata });
  } catch (e) {
    if (!(e instanceof ApiError && (e.code === 404 || e.code === 409))) throw e;
  }
}

export class PvcProtectionController implements Reconciler {
  readonly name = 'persistentvolumeclaim-protection-controller';
  readonly watches = [PVCS, 'pods'];

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource === PVCS) return event.type === 'DELETED' ? [] : [keyOf(event.object)];
    if (event.resource !== 'pods') return [];
    const pod = event.object as Pod;
    // Every pod write comes here and few pods use claims: no arrays for those that do not.
    let keys: string[] | undefined;
    for (const v of pod.spec?.volumes ?? NO_VOLUMES) if (v.persistentVolumeClaim) (keys ??= []).push(`${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
    return keys ?? NO_KEYS;
  }

  resyncKeys(): Iterable<string> {
    return this.ctx.store.list(PVCS).map(keyOf);
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const pvc = this.ctx.store.get(PVCS, namespace, name);
    if (!pvc) return;
    if (!pvc.metadata.deletionTimestamp) return setFinalizer(this.ctx, 'pvc-protection-controller', PVCS, pvc, PVC_PROTECTION, true);
    if (!(pvc.metadata.finalizers ?? []).includes(PVC_PROTECTION)) return;
    const inUse = (this.ctx.store.list('pods', namespace) as Pod[]).some((p) => p.spec?.nodeName && !isPodTerminal(p) && (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === name));
    if (!inUse) setFinalizer(this.ctx, 'pvc-protection-controller', PVCS, pvc, PVC_PROTECTION, false);
  }
}

export class PvProtectionController implements Reconciler {
  readonly name = 'persistentvolume-protection-controller';
  readonly watches = [PVS];

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(event: WatchEvent): Iterable<string> {
    return event.resource === PVS && event.type !== 'DELETED' ? [event.object.metadata.name] : [];
  }

  resyncKeys(): Iterable<string> {
    return this.ctx.store.list(PVS).map((v) => v.metadata.name);
  }

  reconcile(name: string): void {
    const pv = this.ctx.store.get(PVS, '', name) as Pv | undefined;
    if (!pv) return;
    if (!pv.metadata.deletionTimestamp) return setFinalizer(this.ctx, 'pv-protection-controller', PVS, pv, PV_PROTECTION, true);
    if (pv.status?.phase !== 'Bound') setFinalizer(this.ctx, 'pv-protection-controller', PVS, pv, PV_PROTECTION, false);
  }
}
