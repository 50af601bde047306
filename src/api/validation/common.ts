/** Validation shared by many kinds: label maps, label selectors, name checks of references. */
import type { FieldError } from '../errors.js';
import { fe } from './field.js';
import { dns1123Label, dns1123Subdomain, labelValue, qualifiedName } from './names.js';

export interface SelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** ValidateLabelName: a qualified name, reported against the given path. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return qualifiedName(name).map((m) => fe.invalid(path, name, m));
}

/** ValidateLabels: keys and values of a label map, all errors on the map's own path. */
export function validateLabels(labels: Record<string, unknown> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, path));
    for (const m of labelValue(String(v))) errs.push(fe.invalid(path, String(v), m));
  }
  return errs;
}

/** unversionedvalidation.ValidateLabelSelector. */
export function validateLabelSelector(sel: SelectorLike | undefined | null, path: string): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fe.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fe.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(fe.invalid(`${p}.operator`, e.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(e.key ?? '', `${p}.key`));
    values.forEach((v, j) => {
      for (const m of labelValue(v)) errs.push(fe.invalid(`${p}.values[${j}]`, v, m));
    });
  });
  return errs;
}

/** Is the selector structurally usable (LabelSelectorAsSelector would not fail)? */
export function selectorUsable(sel: SelectorLike | undefined | null): boolean {
  return (sel?.matchExpressions ?? []).every((e) => ['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator));
}

export function subdomainErrors(value: string, path: string): FieldError[] {
  return dns1123Subdomain(value).map((m) => fe.invalid(path, value, m));
}

export function labelErrors(value: string, path: string): FieldError[] {
  return dns1123Label(value).map((m) => fe.invalid(path, value, m));
}

/** ValidateQualifiedName on a field. */
export function qualifiedNameErrors(value: string, path: string): FieldError[] {
  return qualifiedName(value).map((m) => fe.invalid(path, value, m));
}
