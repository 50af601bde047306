/** `kubectl describe pv|pvc|storageclass` (describe.go). */

import type { PersistentVolume, PersistentVolumeClaim, Pod, VolumeNodeAffinity } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { KObject } from '../../../api/types.js';
import { canonicalQuantity } from '../../printers/quantity.js';
import { accessModesString, formatLabels } from '../../printers/table/format.js';
import { isDefaultStorageClass, storageClassOf } from '../../printers/table/columns/storage.js';
import type { DescribeContext } from '../common.js';
import { describeEvents, printAnnotationsMultiline, printBoolPtr, printLabelsMultiline, printPodsMultiline, rfc1123z, searchEvents, since } from '../common.js';
import { printPersistentVolumeClaim, printVolumeAttributes } from '../podspec.js';
import type { Writer } from '../writer.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString } from '../writer.js';

function printNodeAffinity(w: Writer, affinity: VolumeNodeAffinity | undefined): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const reqs = term.matchExpressions ?? [];
    if (reqs.length === 0) {
      w.writeLine('<none>');
      return;
    }
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(LEVEL_2, '\t');
      let expr = `${req.key} ${req.operator.toLowerCase()}`;
      if (req.values && req.values.length > 0) expr += ` [${req.values.join(', ')}]`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}

function pvSource(pv: PersistentVolume, w: Writer): void {
  const s = pv.spec ?? {};
  const b = (x: boolean | undefined): string => String(!!x);
  if (s.hostPath) w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${s.hostPath.path}\n    HostPathType:\t${s.hostPath.type ?? '<none>'}\n`);
  else if (s.nfs) w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${s.nfs.server}\n    Path:\t${s.nfs.path}\n    ReadOnly:\t${b(s.nfs.readOnly)}\n`);
  else if (s.local) w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${s.local.path}\n`);
  else if (s.csi) {
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${s.csi.driver}\n    FSType:\t${s.csi.fsType ?? ''}\n    VolumeHandle:\t${s.csi.volumeHandle}\n    ReadOnly:\t${b(s.csi.readOnly)}\n`);
    printVolumeAttributes(w, s.csi.volumeAttributes);
  } else w.write(LEVEL_1, '<unknown>\n');
}

export function describePersistentVolume(obj: KObject, ctx: DescribeContext): string {
  const pv = obj as unknown as PersistentVolume;
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  const spec = pv.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t[${(obj.metadata.finalizers ?? []).join(' ')}]\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pv)}\n`);
    if (obj.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(obj.metadata.deletionTimestamp, ctx.now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
    w.write(LEVEL_0, spec.claimRef ? `Claim:\t${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}\n` : 'Claim:\t\n');
    w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${canonicalQuantity(spec.capacity?.storage ?? '0')}\n`);
    printNodeAffinity(w, spec.nodeAffinity);
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(LEVEL_0, 'Source:\n');
    pvSource(pv, w);
    describeEvents(events, w, ctx.now);
  });
}

export function describePersistentVolumeClaim(obj: KObject, ctx: DescribeContext): string {
  const pvc = obj as unknown as PersistentVolumeClaim;
  const nsPods = ctx.lookup.list('pods', obj.metadata.namespace) as unknown as Pod[];
  const users: Pod[] = nsPods.filter((p) => (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === obj.metadata.name));
  for (const ref of obj.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = nsPods.find((p) => p.metadata?.uid === ref.uid);
    if (owner && !users.some((u) => u.metadata?.uid === owner.metadata?.uid)) users.push(owner);
  }
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  return tabbedString((w) => {
    printPersistentVolumeClaim(w, pvc, true, ctx.now);
    printPodsMultiline(w, 'Used By', users as unknown as KObject[]);
    const conditions = pvc.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    describeEvents(events, w, ctx.now);
  });
}

export function describeStorageClass(obj: KObject, ctx: DescribeContext): string {
  const sc = obj as unknown as StorageClass;
  const events = ctx.showEvents ? searchEvents(ctx, obj) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultStorageClass(obj) ? 'Yes' : 'No'}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(obj.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${printBoolPtr(sc.allowVolumeExpansion)}\n`);
    if (!sc.mountOptions || sc.mountOptions.length === 0) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const o of sc.mountOptions) w.write(LEVEL_1, `${o}\n`);
    }
    if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (sc.allowedTopologies) {
      w.write(LEVEL_0, 'AllowedTopologies:\t');
      if (sc.allowedTopologies.length === 0) w.writeLine('<none>');
      else {
        w.writeLine('');
        sc.allowedTopologies.forEach((term, i) => {
          w.write(LEVEL_1, `Term ${i}:\t`);
          const reqs = term.matchLabelExpressions ?? [];
          if (reqs.length === 0) {
            w.writeLine('<none>');
            return;
          }
          reqs.forEach((req, j) => {
            if (j !== 0) w.write(LEVEL_1, '\t');
            w.write(LEVEL_0, `${req.key} in${req.values.length > 0 ? ` [${req.values.join(', ')}]` : ''}\n`);
          });
        });
      }
    }
    describeEvents(events, w, ctx.now);
  });
}
