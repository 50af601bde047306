/**
 * VolumeRestrictions: every PersistentVolumeClaim the pod names must exist, and a
 * ReadWriteOncePod claim already in use by another pod blocks the pod everywhere.
 */
import { SKIP, unresolvable, unschedulable, type Plugin } from '../framework.js';

export const NAME = 'VolumeRestrictions';
export const ERR_REASON_RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

export function errClaimNotFound(name: string): string {
  return `persistentvolumeclaim "${name}" not found`;
}

interface State {
  conflicts: number;
}

export const volumeRestrictions: Plugin = {
  name: NAME,
  preFilter(ctx) {
    let rwop: string[] | undefined;
    for (const v of ctx.pod.pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const name = v.persistentVolumeClaim.claimName;
      const pvc = ctx.snapshot.pvcs.get(`${ctx.pod.namespace}/${name}`);
      if (!pvc) return unresolvable(errClaimNotFound(name));
      if (pvc.spec?.accessModes?.includes('ReadWriteOncePod')) (rwop ??= []).push(`${ctx.pod.namespace}/${name}`);
    }
    // Most pods have no such claim: nothing was built for them.
    if (!rwop) return SKIP;
    let conflicts = 0;
    for (const key of rwop) {
      if (ctx.snapshot.nodeInfos.some((n) => n.pods.some((p) => p.uid !== ctx.pod.uid && p.pvcKeys.includes(key)))) conflicts++;
    }
    if (conflicts === 0) return SKIP;
    ctx.state.write(NAME, { conflicts } satisfies State);
    return null;
  },
  filter(ctx) {
    const s = ctx.state.read<State>(NAME);
    return s && s.conflicts > 0 ? unschedulable(ERR_REASON_RWOP_CONFLICT) : null;
  },
};
