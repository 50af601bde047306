/**
 * Field errors as apimachinery v0.33 prints them (field.Error.Error()): the bad value is
 * rendered the way Go's fmt does for the value's type — %v for numbers and booleans, %q for
 * strings, "null" for nil pointers, %#v for everything else (maps, slices, structs). Structs
 * are rendered by the caller with the go* helpers below, since their Go type names
 * (v1.LabelSelector, rbac.RoleRef, ...) are part of the text a user sees.
 */
import type { FieldError } from '../errors.js';

/** A value already rendered in Go syntax (%#v of a struct, for example). */
export class GoRaw {
  constructor(readonly text: string) {}
}

export function raw(text: string): GoRaw {
  return new GoRaw(text);
}

/** %q: Go's quoting agrees with JSON for the printable ASCII that API values carry. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** How ErrorBody renders a bad value. */
export function goValue(value: unknown): string {
  if (value instanceof GoRaw) return value.text;
  if (value === null || value === undefined) return '"null"';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return goSlice('string', value);
  if (typeof value === 'object') return goStringMap(value as Record<string, unknown>);
  return String(value);
}

/** %#v of []T for string-like T: `[]string{"a", "b"}`, `[]string(nil)` when absent. */
export function goSlice(type: string, items: readonly unknown[] | undefined | null): string {
  if (!items) return `[]${type}(nil)`;
  return `[]${type}{${items.map((v) => goQuote(String(v))).join(', ')}}`;
}

/** %#v of map[string]string: keys sorted, as fmt prints maps. */
export function goStringMap(m: Record<string, unknown> | undefined | null, type = 'map[string]string'): string {
  if (!m) return `${type}(nil)`;
  const keys = Object.keys(m).sort();
  return `${type}{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

/** %#v of a metav1.LabelSelector (the pointer is dereferenced by ErrorBody). */
export function goLabelSelector(sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined | null): GoRaw {
  if (!sel) return raw('"null"');
  const exprs = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${goSlice('string', e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return raw(`v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprs}}`);
}

/** %#v of an intstr.IntOrString value (its String() has a pointer receiver, so no Stringer). */
export function goIntOrString(v: number | string | undefined): GoRaw {
  if (typeof v === 'string') return raw(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  return raw(`intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`);
}

/** A Go struct literal with the given fields in declaration order: `pkg.T{A:"x", B:1}`. */
export function goStruct(type: string, fields: [string, string][]): GoRaw {
  return raw(`${type}{${fields.map(([k, v]) => `${k}:${v}`).join(', ')}}`);
}

function make(type: FieldError['type'], path: string, body: string): FieldError {
  return { type, field: path, message: `${path}: ${body}` };
}

function withDetail(body: string, detail: string): string {
  return detail ? `${body}: ${detail}` : body;
}

/** Builders mirroring k8s.io/apimachinery/pkg/util/validation/field. */
export const fe = {
  invalid(path: string, value: unknown, detail: string): FieldError {
    return make('FieldValueInvalid', path, withDetail(`Invalid value: ${goValue(value)}`, detail));
  },
  required(path: string, detail = ''): FieldError {
    return make('FieldValueRequired', path, withDetail('Required value', detail));
  },
  duplicate(path: string, value: unknown, detail = ''): FieldError {
    return make('FieldValueDuplicate', path, withDetail(`Duplicate value: ${goValue(value)}`, detail));
  },
  notFound(path: string, value: unknown, detail = ''): FieldError {
    return make('FieldValueNotFound', path, withDetail(`Not found: ${goValue(value)}`, detail));
  },
  notSupported(path: string, value: unknown, valid: readonly string[]): FieldError {
    const detail = valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : '';
    return make('FieldValueNotSupported', path, withDetail(`Unsupported value: ${goValue(value)}`, detail));
  },
  forbidden(path: string, detail: string): FieldError {
    return make('FieldValueForbidden', path, withDetail('Forbidden', detail));
  },
  tooLong(path: string, max: number): FieldError {
    return make('FieldValueTooLong', path, `Too long: may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`);
  },
  tooMany(path: string, actual: number, max: number): FieldError {
    return make('FieldValueTooMany', path, `Too many: ${actual}: must have at most ${max} ${max === 1 ? 'item' : 'items'}`);
  },
  typeInvalid(path: string, value: unknown, detail: string): FieldError {
    return make('FieldValueTypeInvalid', path, withDetail(`Invalid value: ${goValue(value)}`, detail));
  },
  internal(path: string, detail: string): FieldError {
    return make('InternalError', path, `Internal error: ${detail}`);
  },
};

export const IS_NEGATIVE = 'must be greater than or equal to 0';
export const IMMUTABLE = 'field is immutable';
export const NOT_POSITIVE = 'must be greater than zero';

/** ValidateNonnegativeField. */
export function nonNegative(value: number | undefined, path: string): FieldError[] {
  return value !== undefined && value < 0 ? [fe.invalid(path, value, IS_NEGATIVE)] : [];
}

/** ValidateImmutableField, comparing JSON-equal values; `shown` is how the new value prints. */
export function immutable(newVal: unknown, oldVal: unknown, path: string, shown: unknown = newVal): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [fe.invalid(path, shown, IMMUTABLE)];
}

/** Semantic equality of plain JSON values (undefined and missing keys are alike). */
export function deepEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}
