/** ConfigMaps: key validation, size limit, immutability. */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { deepEqual, fe } from '../validation/field.js';
import { configMapKey } from '../validation/names.js';
import { isObj, type Obj } from './util.js';

export const MAX_SECRET_SIZE = 1024 * 1024;

function validate(obj: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const data: Obj = isObj(obj['data']) ? obj['data'] : {};
  const binary: Obj = isObj(obj['binaryData']) ? obj['binaryData'] : {};
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    errs.push(...configMapKey(k).map((m) => fe.invalid(`data[${k}]`, k, m)));
    if (k in binary) errs.push(fe.invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    size += String(v).length;
  }
  for (const [k, v] of Object.entries(binary)) {
    errs.push(...configMapKey(k).map((m) => fe.invalid(`binaryData[${k}]`, k, m)));
    size += Buffer.from(String(v), 'base64').length;
  }
  if (size > MAX_SECRET_SIZE) errs.push(fe.tooLong('', MAX_SECRET_SIZE));
  return errs;
}

/** The immutable-flag rules ConfigMaps and Secrets share. */
export function validateImmutable(obj: Obj, old: Obj, fields: string[]): FieldError[] {
  if (old['immutable'] !== true) return [];
  const errs: FieldError[] = [];
  if (obj['immutable'] !== true) errs.push(fe.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) if (!deepEqual(obj[f] ?? {}, old[f] ?? {})) errs.push(fe.forbidden(f, 'field is immutable when `immutable` is set'));
  return errs;
}

export const configMapStrategy: KindStrategy = {
  validate: (obj) => validate(obj as Obj),
  validateUpdate: (obj, old) => [...validateImmutable(obj as Obj, old as Obj, ['data', 'binaryData']), ...validate(obj as Obj)],
};
