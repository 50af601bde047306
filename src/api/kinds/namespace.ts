/** Namespaces: the kubernetes.io/metadata.name label, the kubernetes finalizer, phase Active. */
import type { KindStrategy } from '../strategy.js';
import { fe } from '../validation/field.js';
import { qualifiedName } from '../validation/names.js';
import { child, isObj, type Obj } from './util.js';

export const namespaceStrategy: KindStrategy = {
  statusSubresource: true,
  defaults(obj) {
    if (obj.metadata.name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
    const status = child(obj as Obj, 'status');
    if (!status['phase']) status['phase'] = 'Active';
  },
  prepareForCreate(obj) {
    (obj as Obj)['spec'] = { ...((obj as Obj)['spec'] ?? {}), finalizers: ['kubernetes'] };
    (obj as Obj)['status'] = { phase: 'Active' };
  },
  prepareForUpdate(obj, old, ctx) {
    // Finalizers change only through the finalize subresource.
    if (ctx.subresource === 'finalize') return;
    (obj as Obj)['spec'] = { ...((obj as Obj)['spec'] ?? {}), finalizers: (old as Obj)['spec']?.['finalizers'] };
    if ((obj as Obj)['spec']['finalizers'] === undefined) delete (obj as Obj)['spec']['finalizers'];
  },
  validate(obj) {
    const finalizers = (obj as Obj)['spec']?.['finalizers'];
    return (Array.isArray(finalizers) ? finalizers : []).flatMap((f: string) => finalizerErrors(String(f), 'spec.finalizers'));
  },
  validateUpdate(obj, _old, ctx) {
    const o = obj as Obj;
    const errs = [];
    if (ctx.subresource === 'status') {
      const phase = o['status']?.['phase'];
      if (!obj.metadata.deletionTimestamp && phase !== 'Active') errs.push(fe.invalid('status.Phase', phase ?? '', "may only be 'Active' if `deletionTimestamp` is empty"));
      if (obj.metadata.deletionTimestamp && phase !== 'Terminating') errs.push(fe.invalid('status.Phase', phase ?? '', "may only be 'Terminating' if `deletionTimestamp` is not empty"));
    }
    const finalizers = isObj(o['spec']) && Array.isArray(o['spec']['finalizers']) ? (o['spec']['finalizers'] as string[]) : [];
    finalizers.forEach((f, i) => errs.push(...finalizerErrors(String(f), ctx.subresource === 'finalize' ? `spec.finalizers[${i}]` : 'spec.finalizers')));
    return errs;
  },
  fieldSelectors: { 'status.phase': (o) => String((o as Obj)['status']?.['phase'] ?? '') },
};

function finalizerErrors(name: string, path: string) {
  const errs = qualifiedName(name).map((m) => fe.invalid(path, name, m));
  if (!name.includes('/') && name !== 'kubernetes') errs.push(fe.invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  return errs;
}
