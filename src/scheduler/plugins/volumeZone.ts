/**
 * VolumeZone: a bound PV labelled with a zone or region keeps the pod on nodes in it (a node
 * with no zone or region labels at all is not constrained).
 */
import { SKIP, unresolvable, type Plugin } from '../framework.js';

export const NAME = 'VolumeZone';
export const ERR_REASON_CONFLICT = 'node(s) had no available volume zone';

const TOPOLOGY_LABELS = [
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
];

const GA_LABEL: Record<string, string> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
};

interface PvTopology {
  key: string;
  values: Set<string>;
}

export const volumeZone: Plugin = {
  name: NAME,
  nodeLocal: true,
  preFilter(ctx) {
    let topologies: PvTopology[] | undefined;
    for (const v of ctx.pod.pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const name = v.persistentVolumeClaim.claimName;
      if (!name) return unresolvable('PersistentVolumeClaim had no name');
      const pvc = ctx.snapshot.pvcs.get(`${ctx.pod.namespace}/${name}`);
      if (!pvc) return unresolvable(`persistentvolumeclaim "${name}" not found`);
      const pvName = pvc.spec?.volumeName;
      if (!pvName) continue; // unbound claims are VolumeBinding's business
      const pv = ctx.snapshot.pvs.get(pvName);
      if (!pv) return unresolvable(`persistentvolume "${pvName}" not found`);
      for (const key of TOPOLOGY_LABELS) {
        const value = pv.metadata?.labels?.[key];
        if (value !== undefined) (topologies ??= []).push({ key, values: new Set(value.split('__')) });
      }
    }
    if (!topologies) return SKIP;
    ctx.state.write(NAME, topologies);
    return null;
  },
  filter(ctx, node) {
    const topologies = ctx.state.read<PvTopology[]>(NAME) ?? [];
    if (!TOPOLOGY_LABELS.some((k) => k in node.labels)) return null;
    for (const t of topologies) {
      const v = node.labels[t.key] ?? (GA_LABEL[t.key] ? node.labels[GA_LABEL[t.key]!] : undefined);
      if (v === undefined || !t.values.has(v)) return unresolvable(ERR_REASON_CONFLICT);
    }
    return null;
  },
};
