/**
 * A simulated external provisioner (rancher.io/local-path and any other name configured): it
 * watches claims the PV controller handed to it and creates `pvc-<claim uid>` volumes, bound to
 * the claim through claimRef, on the selected node for WaitForFirstConsumer classes; and deletes
 * its released volumes whose policy is Delete. It is not part of kube-controller-manager: the
 * cluster runs it as its own component, alive while the provisioner's pod runs.
 */
import type { Reconciler } from '../../cluster/runloop.js';
import type { WatchEvent } from '../../api/store.js';
import { ApiError } from '../../api/errors.js';
import type { ControllerContext } from '../context.js';
import { keyOf, splitKey } from '../util/keys.js';
import type { Pv, Pvc, StorageClass } from '../util/types.js';
import { ANN, claimClass } from './match.js';
import { CLASSES, PVCS, PVS } from './binder.js';

const CLAIM = 'claim:';
const VOLUME = 'volume:';

export class ExternalProvisioner implements Reconciler {
  readonly name: string;
  readonly watches = [PVCS, PVS];
  private readonly identity: string;

  constructor(
    private readonly ctx: ControllerContext,
    readonly provisioner: string,
  ) {
    this.name = `provisioner:${provisioner}`;
    this.identity = `${provisioner}_${ctx.rng.fork(`provisioner:${provisioner}`).uuid()}`;
  }

  private get recorder() {
    return this.ctx.recorder(this.identity);
  }

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.type === 'DELETED') return [];
    if (event.resource === PVCS && event.object.metadata.annotations?.[ANN.storageProvisioner] === this.provisioner) return [CLAIM + keyOf(event.object)];
    if (event.resource === PVS && event.object.metadata.annotations?.[ANN.provisionedBy] === this.provisioner) return [VOLUME + event.object.metadata.name];
    return [];
  }

  resyncKeys(): Iterable<string> {
    return [
      ...this.ctx.store.list(PVCS).filter((c) => c.metadata.annotations?.[ANN.storageProvisioner] === this.provisioner).map((c) => CLAIM + keyOf(c)),
      ...this.ctx.store.list(PVS).filter((v) => v.metadata.annotations?.[ANN.provisionedBy] === this.provisioner).map((v) => VOLUME + v.metadata.name),
    ];
  }

  reconcile(key: string): void {
    if (!this.ctx.provisionerRunning(this.provisioner)) return;
    if (key.startsWith(VOLUME)) return this.maybeDelete(key.slice(VOLUME.length));
    const { namespace, name } = splitKey(key.slice(CLAIM.length));
    const c = this.ctx.store.get(PVCS, namespace, name) as Pvc | undefined;
    if (!c || c.spec?.volumeName || c.metadata.deletionTimestamp) return;
    const pvName = `pvc-${c.metadata.uid}`;
    if (this.ctx.store.get(PVS, '', pvName)) return;
    const sc = this.ctx.store.get(CLASSES, '', claimClass(c)) as StorageClass | undefined;
    if (!sc || sc.provisioner !== this.provisioner) return;
    const node = c.metadata.annotations?.[ANN.selectedNode];
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !node) return;
    this.recorder.record(c, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${namespace}/${name}"`);
    const pv = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { [ANN.provisionedBy]: this.provisioner, ...(node ? { 'local.path.provisioner/selected-node': node } : {}) } },
      spec: {
        accessModes: c.spec?.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: c.spec?.resources?.requests?.['storage'] ?? '1Gi' },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name, namespace, resourceVersion: c.metadata.resourceVersion, uid: c.metadata.uid },
        hostPath: { path: `/opt/local-path-provisioner/${pvName}_${namespace}_${name}`, type: 'DirectoryOrCreate' },
        ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } : {}),
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: c.spec?.volumeMode ?? 'Filesystem',
      },
    };
    try {
      this.ctx.client.create(PVS, pv);
    } catch (e) {
      this.recorder.record(c, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${sc.metadata.name}": ${e instanceof Error ? e.message : String(e)}`);
      if (e instanceof ApiError && e.code === 409) return;
      throw e;
    }
    this.recorder.record(c, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  }

  /** A released volume of ours with the Delete policy goes. */
  private maybeDelete(name: string): void {
    const v = this.ctx.store.get(PVS, '', name) as Pv | undefined;
    if (!v || v.metadata.deletionTimestamp || v.status?.phase !== 'Released' || (v.spec?.persistentVolumeReclaimPolicy ?? 'Delete') !== 'Delete') return;
    try {
      this.ctx.client.delete(PVS, '', name);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
  }
}
