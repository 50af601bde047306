/**
 * The small defaulting plugins: DefaultTolerationSeconds, DefaultStorageClass,
 * StorageObjectInUseProtection, DefaultIngressClass and TaintNodesByCondition.
 */
import type { AdmissionPlugin } from '../admission.js';
import type { StrategyContext } from '../strategy.js';
import { child, list, type Obj } from '../kinds/util.js';
import { isMainWrite, obj } from './util.js';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  mutate(req) {
    if (!isMainWrite(req, 'pods')) return;
    const spec = child(obj(req), 'spec');
    const tolerations = list(spec['tolerations']);
    const tolerates = (key: string): boolean =>
      tolerations.some((t) => (t['key'] === key || !t['key']) && (t['effect'] === 'NoExecute' || !t['effect']));
    const add: Obj[] = [];
    if (!tolerates(NOT_READY)) add.push(NOT_READY_TOLERATION);
    if (!tolerates(UNREACHABLE)) add.push(UNREACHABLE_TOLERATION);
    if (add.length) spec['tolerations'] = [...tolerations, ...add];
  },
};

// Complete and the same for every pod: shared frozen (the store freezes what it stores anyway).
const NOT_READY_TOLERATION: Obj = Object.freeze({ effect: 'NoExecute', key: NOT_READY, operator: 'Exists', tolerationSeconds: 300 });
const UNREACHABLE_TOLERATION: Obj = Object.freeze({ effect: 'NoExecute', key: UNREACHABLE, operator: 'Exists', tolerationSeconds: 300 });

/** The default object of a class kind: annotated default, newest first (then by name). */
function defaultOf(ctx: StrategyContext, key: string, annotations: string[]): Obj | undefined {
  const candidates = (ctx.list(key) as unknown as Obj[]).filter((o) => annotations.some((a) => o['metadata']?.['annotations']?.[a] === 'true'));
  candidates.sort((a, b) => {
    const ta = String(a['metadata']['creationTimestamp'] ?? '');
    const tb = String(b['metadata']['creationTimestamp'] ?? '');
    return ta !== tb ? (ta < tb ? 1 : -1) : a['metadata']['name'] < b['metadata']['name'] ? -1 : 1;
  });
  return candidates[0];
}

export const defaultStorageClass: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  mutate(req, ctx) {
    if (!isMainWrite(req, 'persistentvolumeclaims')) return;
    const pvc = obj(req);
    const spec = child(pvc, 'spec');
    if (spec['storageClassName'] !== undefined && spec['storageClassName'] !== null) return;
    if (pvc['metadata']?.['annotations']?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
    const def = defaultOf(ctx, 'storageclasses.storage.k8s.io', ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class']);
    if (def) spec['storageClassName'] = def['metadata']['name'];
  },
};

function addFinalizer(o: Obj, finalizer: string): void {
  const meta = child(o, 'metadata');
  const finalizers: string[] = Array.isArray(meta['finalizers']) ? meta['finalizers'] : [];
  if (!finalizers.includes(finalizer)) meta['finalizers'] = [...finalizers, finalizer];
}

export const storageObjectInUseProtection: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  mutate(req) {
    if (isMainWrite(req, 'persistentvolumeclaims')) addFinalizer(obj(req), 'kubernetes.io/pvc-protection');
    if (isMainWrite(req, 'persistentvolumes')) addFinalizer(obj(req), 'kubernetes.io/pv-protection');
  },
};

export const defaultIngressClass: AdmissionPlugin = {
  name: 'DefaultIngressClass',
  mutate(req, ctx) {
    if (!isMainWrite(req, 'ingresses.networking.k8s.io')) return;
    const ing = obj(req);
    const spec = child(ing, 'spec');
    if (spec['ingressClassName'] !== undefined && spec['ingressClassName'] !== null) return;
    if (ing['metadata']?.['annotations']?.['kubernetes.io/ingress.class'] !== undefined) return;
    const def = defaultOf(ctx, 'ingressclasses.networking.k8s.io', ['ingressclass.kubernetes.io/is-default-class']);
    if (def) spec['ingressClassName'] = def['metadata']['name'];
  },
};

export const taintNodesByCondition: AdmissionPlugin = {
  name: 'TaintNodesByCondition',
  mutate(req) {
    if (!isMainWrite(req, 'nodes')) return;
    const spec = child(obj(req), 'spec');
    const taints = list(spec['taints']);
    if (taints.some((t) => t['key'] === NOT_READY && t['effect'] === 'NoSchedule')) return;
    spec['taints'] = [...taints, { effect: 'NoSchedule', key: NOT_READY }];
  },
};
