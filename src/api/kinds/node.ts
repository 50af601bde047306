/** Nodes: taint validation (reported under metadata.taints, as the apiserver does), podCIDR rules. */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { validateLabelName } from '../validation/common.js';
import { fe, goStruct, raw } from '../validation/field.js';
import { CIDR_MESSAGE, isCIDR, labelValue } from '../validation/names.js';
import { validateTaintEffect } from '../validation/podspec.js';
import { canonicalizeResourceList } from '../validation/quantity.js';
import { isObj, list, type Obj } from './util.js';

function goTaint(t: Obj): string {
  return goStruct('core.Taint', [
    ['Key', JSON.stringify(t['key'] ?? '')],
    ['Value', JSON.stringify(t['value'] ?? '')],
    ['Effect', JSON.stringify(t['effect'] ?? '')],
    ['TimeAdded', '(*v1.Time)(nil)'],
  ]).text;
}

export function validateTaints(taints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  list(taints).forEach((t, i) => {
    const p = `${path}[${i}]`;
    const key = String(t['key'] ?? '');
    const effect = String(t['effect'] ?? '');
    errs.push(...validateLabelName(key, `${p}.key`));
    const msgs = labelValue(String(t['value'] ?? ''));
    if (msgs.length) errs.push(fe.invalid(`${p}.value`, String(t['value'] ?? ''), msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, `${p}.effect`));
    if (unique.get(effect)?.has(key)) {
      errs.push(fe.duplicate(p, raw(goTaint(t)), 'taints must be unique by key and effect pair'));
      return;
    }
    if (!unique.has(effect)) unique.set(effect, new Set());
    unique.get(effect)!.add(key);
  });
  return errs;
}

function validate(obj: Obj): FieldError[] {
  const errs = validateTaints(obj['spec']?.['taints'], 'metadata.taints');
  const cidrs = Array.isArray(obj['spec']?.['podCIDRs']) ? (obj['spec']['podCIDRs'] as string[]) : [];
  cidrs.forEach((c, i) => {
    if (!isCIDR(String(c))) errs.push(fe.invalid(`spec.podCIDRs[${i}]`, String(c), CIDR_MESSAGE));
  });
  return errs;
}

export const nodeStrategy: KindStrategy = {
  defaults(obj) {
    const status = (obj as Obj)['status'];
    if (!isObj(status)) return;
    canonicalizeResourceList(isObj(status['capacity']) ? status['capacity'] : undefined);
    canonicalizeResourceList(isObj(status['allocatable']) ? status['allocatable'] : undefined);
    if (!isObj(status['allocatable']) && isObj(status['capacity'])) status['allocatable'] = { ...status['capacity'] };
  },
  prepareForUpdate(obj, old) {
    // Status belongs to the kubelet (nodes/status).
    if ((old as Obj)['status'] !== undefined) (obj as Obj)['status'] = structuredClone((old as Obj)['status']);
  },
  validate: (obj) => validate(obj as Obj),
  validateUpdate(obj, old) {
    const o = obj as Obj;
    const prev = (old as Obj)['spec'] ?? {};
    const errs = validate(o);
    const oldCidrs = list(prev['podCIDRs']) as unknown as string[];
    const newCidrs = (Array.isArray(o['spec']?.['podCIDRs']) ? o['spec']['podCIDRs'] : []) as string[];
    if (oldCidrs.length > 0 && (oldCidrs.length !== newCidrs.length || oldCidrs.some((c, i) => c !== newCidrs[i]))) {
      errs.push(fe.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
    }
    if (prev['providerID'] && prev['providerID'] !== o['spec']?.['providerID']) errs.push(fe.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
    return errs;
  },
  fieldSelectors: { 'spec.unschedulable': (o) => String((o as Obj)['spec']?.['unschedulable'] === true) },
};
