/**
 * The PersistentVolume binder (pkg/controller/volume/persistentvolume): binds claims to the
 * smallest fitting volume, hands claims of a provisioning class to their (external)
 * provisioner, waits for the first consumer with WaitForFirstConsumer classes, keeps phases
 * (Pending/Bound/Lost for claims, Available/Bound/Released/Failed for volumes) and reclaims
 * released volumes by their policy. Unbound claims are re-examined every 15 s, as the real
 * controller's resync does, so its events repeat while a claim stays Pending.
 */
import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import type { ReconcileResult, Reconciler } from '../../cluster/runloop.js';
import type { WatchEvent } from '../../api/store.js';
import { ApiError } from '../../api/errors.js';
import { clone } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import { deepEqual } from '../util/equal.js';
import { keyOf, splitKey } from '../util/keys.js';
import { isPodTerminal } from '../util/pods.js';
import type { Node, Pod, Pv, Pvc, StorageClass } from '../util/types.js';
import { Wakeups } from '../util/wakeups.js';
import { ANN, claimClass, findBestMatch, isVolumeBoundToClaim, volumeUnsatisfying } from './match.js';

export const COMPONENT = 'persistentvolume-controller';
export const PVCS = 'persistentvolumeclaims';
export const PVS = 'persistentvolumes';
export const CLASSES = 'storageclasses.storage.k8s.io';
const RESYNC_SECONDS = 15;
const CLAIM = 'claim:';
const VOLUME = 'volume:';

export class PersistentVolumeBinder implements Reconciler {
  readonly name = 'persistentvolume-binder-controller';
  readonly watches = [PVCS, PVS, 'pods', CLASSES];
  private readonly wake: Wakeups;

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
  }

  private get client() {
    return this.ctx.clientAs('persistent-volume-binder');
  }

  private get recorder() {
    return this.ctx.recorder(COMPONENT, this.client);
  }

  keysFor(event: WatchEvent): Iterable<string> {
    switch (event.resource) {
      case PVCS: {
        // Our own status writes and the protection finalizer are no reason for another pass.
        if (event.type === 'MODIFIED' && !claimChanged(event.old as Pvc, event.object as Pvc)) return [];
        const keys = [CLAIM + keyOf(event.object)];
        const vol = (event.object as Pvc).spec?.volumeName;
        if (vol) keys.push(VOLUME + vol);
        if (event.type === 'DELETED') for (const v of this.ctx.store.list(PVS) as Pv[]) if (isVolumeBoundToClaim(v, event.object as Pvc)) keys.push(VOLUME + v.metadata.name);
        return keys;
      }
      case PVS: {
        const keys = [VOLUME + event.object.metadata.name];
        const ref = (event.object as Pv).spec?.claimRef;
        if (ref?.name && event.type !== 'DELETED') keys.push(CLAIM + `${ref.namespace}/${ref.name}`);
        else if (event.type === 'DELETED') for (const c of this.ctx.store.list(PVCS) as Pvc[]) if (c.spec?.volumeName === event.object.metadata.name) keys.push(CLAIM + keyOf(c));
        if (event.type === 'ADDED') for (const c of this.ctx.store.list(PVCS) as Pvc[]) if (!c.spec?.volumeName) keys.push(CLAIM + keyOf(c));
        return keys;
      }
      case 'pods': {
        // A scheduled pod may be the first consumer a WaitForFirstConsumer claim waits for.
        const pod = event.object as Pod;
        if (!pod.spec?.nodeName || event.type === 'DELETED') return [];
        const volumes = pod.spec.volumes ?? [];
        let keys: string[] | undefined;
        for (const v of volumes) if (v.persistentVolumeClaim) (keys ??= []).push(CLAIM + `${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
        return keys ?? [];
      }
      case CLASSES:
        return (this.ctx.store.list(PVCS) as Pvc[]).filter((c) => !c.spec?.volumeName).map((c) => CLAIM + keyOf(c));
      default:
        return [];
    }
  }

  resyncKeys(): Iterable<string> {
    this.wake.clear();
    return [...this.ctx.store.list(PVS).map((v) => VOLUME + v.metadata.name), ...this.ctx.store.list(PVCS).map((c) => CLAIM + keyOf(c))];
  }

  reconcile(key: string): ReconcileResult | void {
    if (key.startsWith(VOLUME)) {
      const v = this.ctx.store.get(PVS, '', key.slice(VOLUME.length)) as Pv | undefined;
      if (v) this.syncVolume(v);
      return;
    }
    const { namespace, name } = splitKey(key.slice(CLAIM.length));
    const c = this.ctx.store.get(PVCS, namespace, name) as Pvc | undefined;
    if (!c) {
      this.wake.forget(key);
      return;
    }
    if (c.metadata.annotations?.[ANN.bindCompleted]) return this.syncBoundClaim(c);
    this.syncUnboundClaim(c);
    const latest = this.ctx.store.get(PVCS, namespace, name) as Pvc | undefined;
    if (latest && latest.status?.phase !== 'Bound') return this.wake.after(key, RESYNC_SECONDS);
  }

  // ---- claims --------------------------------------------------------------------------

  private syncUnboundClaim(c: Pvc): void {
    const requested = c.spec?.volumeName;
    if (requested) return this.syncRequestedVolume(c, requested);
    const className = claimClass(c);
    const sc = className ? (this.ctx.store.get(CLASSES, '', className) as StorageClass | undefined) : undefined;
    const delayBinding = sc?.volumeBindingMode === 'WaitForFirstConsumer';
    let selected = c.metadata.annotations?.[ANN.selectedNode];
    if (delayBinding && !selected) {
      // The scheduler names the node of the first consumer; we stand in when a consumer already runs somewhere.
      const consumer = this.consumers(c).find((p) => p.spec?.nodeName);
      if (consumer) {
        selected = consumer.spec!.nodeName!;
        c = this.patchClaim(c, { metadata: { annotations: { [ANN.selectedNode]: selected } } }) ?? c;
      }
    }
    const node = selected ? (this.ctx.store.get('nodes', '', selected) as Node | undefined) : undefined;
    const volume = findBestMatch(this.ctx.store.list(PVS) as Pv[], c, delayBinding, node);
    if (volume) {
      this.bind(volume, c);
      return;
    }
    if (c.spec?.storageClassName === undefined && !c.metadata.annotations?.[ANN.betaStorageClass]) {
      const def = this.defaultClass();
      if (def) {
        this.patchClaim(c, { spec: { storageClassName: def } });
        return;
      }
    }
    if (delayBinding && !selected) {
      const waiting = this.consumers(c).filter((p) => !p.spec?.nodeName).map((p) => p.metadata.name);
      if (waiting.length === 0) this.recorder.record(c, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      else if (waiting.length === 1) this.recorder.record(c, 'Normal', 'WaitForPodScheduled', `waiting for pod ${waiting[0]} to be scheduled`);
      else this.recorder.record(c, 'Normal', 'WaitForPodScheduled', `waiting for pods ${waiting.join(',')} to be scheduled`);
    } else if (className !== '') {
      this.provisionClaim(c, className, sc);
    } else {
      this.recorder.record(c, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    }
    this.claimStatus(c, 'Pending');
  }

  /** The user asked for a volume by name (spec.volumeName). */
  private syncRequestedVolume(c: Pvc, name: string): void {
    const v = this.ctx.store.get(PVS, '', name) as Pv | undefined;
    if (!v) {
      this.claimStatus(c, 'Pending');
      return;
    }
    if (!v.spec?.claimRef) {
      const why = volumeUnsatisfying(v, c);
      if (why) {
        this.recorder.record(c, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${v.metadata.name}": ${why}`);
        this.claimStatus(c, 'Pending');
      } else this.bind(v, c);
      return;
    }
    if (isVolumeBoundToClaim(v, c)) {
      this.bind(v, c);
      return;
    }
    this.recorder.record(c, 'Warning', 'FailedBinding', `volume "${v.metadata.name}" already bound to a different claim.`);
    this.claimStatus(c, 'Pending');
  }

  private syncBoundClaim(c: Pvc): void {
    const name = c.spec?.volumeName;
    if (!name) {
      this.claimStatus(c, 'Lost', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      return;
    }
    const v = this.ctx.store.get(PVS, '', name) as Pv | undefined;
    if (!v) {
      this.claimStatus(c, 'Lost', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      return;
    }
    if (!v.spec?.claimRef || v.spec.claimRef.uid === c.metadata.uid) {
      this.bind(v, c);
      return;
    }
    this.claimStatus(c, 'Lost', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
  }

  /** Claims of a class with a provisioner go to it; kubernetes.io/ names without a plugin fail. */
  private provisionClaim(c: Pvc, className: string, sc: StorageClass | undefined): void {
    if (!sc) {
      this.recorder.record(c, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    const provisioner = sc.provisioner;
    if (provisioner.startsWith('kubernetes.io/')) {
      this.recorder.record(c, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`);
      return;
    }
    const a = c.metadata.annotations ?? {};
    if (a[ANN.storageProvisioner] !== provisioner || a[ANN.betaStorageProvisioner] !== provisioner) {
      this.patchClaim(c, { metadata: { annotations: { [ANN.betaStorageProvisioner]: provisioner, [ANN.storageProvisioner]: provisioner } } });
    }
    this.recorder.record(c, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
  }

  private defaultClass(): string | undefined {
    const defaults = (this.ctx.store.list(CLASSES) as StorageClass[]).filter((s) => s.metadata.annotations?.[ANN.defaultClass] === 'true' || s.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true');
    return defaults.sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)))[0]?.metadata.name;
  }

  private consumers(c: Pvc): Pod[] {
    return (this.ctx.store.list('pods', c.metadata.namespace) as Pod[]).filter((p) => !isPodTerminal(p) && (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === c.metadata.name));
  }

  // ---- binding -------------------------------------------------------------------------

  /** bind: volume first (claimRef, Bound), then the claim (volumeName, annotations, Bound). */
  private bind(v: Pv, c: Pvc): void {
    const ref: ObjectReference = { kind: 'PersistentVolumeClaim', namespace: c.metadata.namespace, name: c.metadata.name, uid: c.metadata.uid, apiVersion: 'v1', resourceVersion: c.metadata.resourceVersion };
    let volume: Pv | undefined = v;
    const cur = v.spec?.claimRef;
    if (!cur || cur.uid !== c.metadata.uid || cur.name !== c.metadata.name) {
      const copy = clone(v) as Pv;
      copy.spec = { ...(copy.spec ?? {}), claimRef: ref };
      if (!cur) copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [ANN.boundByController]: 'yes' };
      volume = this.quiet(() => this.client.update<Pv>(PVS, copy));
      if (!volume) return;
    }
    this.volumePhase(volume, 'Bound');
    let claim: Pvc | undefined = c;
    if (c.spec?.volumeName !== v.metadata.name || !c.metadata.annotations?.[ANN.bindCompleted]) {
      const copy = clone(c) as Pvc;
      const byController = c.spec?.volumeName !== v.metadata.name;
      copy.spec = { ...(copy.spec ?? {}), volumeName: v.metadata.name };
      copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [ANN.bindCompleted]: 'yes', ...(byController ? { [ANN.boundByController]: 'yes' } : {}) };
      claim = this.quiet(() => this.client.update<Pvc>(PVCS, copy));
      if (!claim) return;
    }
    const vol = this.ctx.store.get(PVS, '', v.metadata.name) as Pv | undefined;
    this.claimStatus(claim, 'Bound', undefined, undefined, vol);
  }

  private claimStatus(c: Pvc, phase: string, reason?: string, message?: string, v?: Pv): void {
    const latest = this.ctx.store.get(PVCS, c.metadata.namespace ?? '', c.metadata.name) as Pvc | undefined;
    if (!latest) return;
    const status = clone(latest.status ?? {}) as NonNullable<Pvc['status']>;
    status.phase = phase;
    if (phase === 'Bound' && v) {
      status.accessModes = v.spec?.accessModes;
      status.capacity = v.spec?.capacity;
    } else if (phase !== 'Bound' && phase !== 'Lost') {
      delete status.accessModes;
      delete status.capacity;
    }
    if (deepEqual(latest.status ?? {}, status)) return;
    this.quiet(() => this.client.updateStatus(PVCS, { ...clone(latest), status }));
    if (reason) this.recorder.record(latest, 'Warning', reason, message ?? '');
  }

  // ---- volumes -------------------------------------------------------------------------

  private syncVolume(v: Pv): void {
    const ref = v.spec?.claimRef;
    if (!ref) return this.volumePhase(v, 'Available');
    if (!ref.uid) return this.volumePhase(v, 'Available');
    let claim = this.ctx.store.get(PVCS, ref.namespace ?? '', ref.name ?? '') as Pvc | undefined;
    if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
    if (!claim) {
      if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') this.volumePhase(v, 'Released');
      this.reclaim((this.ctx.store.get(PVS, '', v.metadata.name) as Pv | undefined) ?? v);
      return;
    }
    if (!claim.spec?.volumeName) return;
    if (claim.spec.volumeName === v.metadata.name) return this.volumePhase(v, 'Bound');
    // Bound to a claim that is bound elsewhere: the controller's own binding is undone.
    const copy = clone(v) as Pv;
    if (v.metadata.annotations?.[ANN.boundByController]) {
      delete copy.spec!.claimRef;
      delete copy.metadata.annotations![ANN.boundByController];
    } else copy.spec!.claimRef = { ...copy.spec!.claimRef!, uid: undefined };
    const updated = this.quiet(() => this.client.update<Pv>(PVS, copy));
    if (updated) this.volumePhase(updated, 'Available');
  }

  /** reclaimVolume: Retain keeps it Released; Delete removes it; Recycle scrubs it back to Available. */
  private reclaim(v: Pv): void {
    const policy = v.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Retain') return;
    if (policy === 'Recycle') {
      const copy = clone(v) as Pv;
      delete copy.spec!.claimRef;
      const updated = this.quiet(() => this.client.update<Pv>(PVS, copy));
      if (updated) {
        this.volumePhase(updated, 'Available');
        this.recorder.record(v, 'Normal', 'VolumeRecycled', 'Volume recycled');
      }
      return;
    }
    const provisioner = v.metadata.annotations?.[ANN.provisionedBy];
    if (provisioner && this.ctx.settings.provisioners.includes(provisioner)) return; // its provisioner deletes it
    if (v.status?.phase === 'Failed') return;
    const msg = `error getting deleter volume plugin for volume "${v.metadata.name}": no deletable volume plugin matched`;
    this.volumePhase(v, 'Failed', msg);
    this.recorder.record(v, 'Warning', 'VolumeFailedDelete', msg);
  }

  private volumePhase(v: Pv, phase: string, message?: string): void {
    const latest = (this.ctx.store.get(PVS, '', v.metadata.name) as Pv | undefined) ?? undefined;
    if (!latest) return;
    if (latest.status?.phase === phase && (latest.status?.message ?? undefined) === message) return;
    const status: NonNullable<Pv['status']> = { ...(latest.status ?? {}), phase };
    if (message) status.message = message;
    else delete status.message;
    if (latest.status?.phase !== phase) (status as { lastPhaseTransitionTime?: string }).lastPhaseTransitionTime = this.ctx.clock.iso();
    this.quiet(() => this.client.updateStatus(PVS, { ...clone(latest), status }));
  }

  private patchClaim(c: Pvc, patch: unknown): Pvc | undefined {
    return this.quiet(() => this.client.patch<Pvc>(PVCS, c.metadata.namespace ?? '', c.metadata.name, 'merge', patch));
  }

  private quiet<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ApiError && (e.code === 404 || e.code === 409)) return undefined;
      throw e;
    }
  }
}

/** Did anything but status, finalizers and the resourceVersion change? */
function claimChanged(old: Pvc | undefined, cur: Pvc): boolean {
  if (!old) return true;
  const strip = (c: Pvc) => {
    const { status: _s, metadata, ...rest } = c as Pvc & { status?: unknown };
    const { resourceVersion: _rv, finalizers: _f, managedFields: _m, ...meta } = metadata;
    return { ...rest, metadata: meta };
  };
  return !deepEqual(strip(old), strip(cur));
}
