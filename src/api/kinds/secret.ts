/** Secrets: type Opaque by default, stringData merged into base64 data, per-type keys, immutability. */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { fe, immutable } from '../validation/field.js';
import { configMapKey } from '../validation/names.js';
import { MAX_SECRET_SIZE, validateImmutable } from './configmap.js';
import { cannotHandle, isObj, type Obj } from './util.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function base64Error(value: string): string | undefined {
  const clean = value.replace(/[\r\n]/g, '');
  if (BASE64.test(clean) && clean.length % 4 === 0) return undefined;
  const bad = [...clean].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
  return `illegal base64 data at input byte ${bad >= 0 ? bad : clean.length - (clean.length % 4)}`;
}

function validate(obj: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const data: Obj = isObj(obj['data']) ? obj['data'] : {};
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    errs.push(...configMapKey(k).map((m) => fe.invalid(`data[${k}]`, k, m)));
    size += Buffer.from(String(v), 'base64').length;
  }
  if (size > MAX_SECRET_SIZE) errs.push(fe.tooLong('data', MAX_SECRET_SIZE));
  const need = (key: string): void => {
    if (!(key in data)) errs.push(fe.required(`data[${key}]`));
  };
  switch (obj['type']) {
    case 'kubernetes.io/service-account-token':
      if (!obj['metadata']?.['annotations']?.['kubernetes.io/service-account.name']) errs.push(fe.required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
      need('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      need('.dockerconfigjson');
      if ('.dockerconfigjson' in data) {
        try {
          JSON.parse(Buffer.from(String(data['.dockerconfigjson']), 'base64').toString('utf8'));
        } catch {
          errs.push(fe.invalid('data[.dockerconfigjson]', '<secret contents redacted>', 'invalid character looking for beginning of value'));
        }
      }
      break;
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) {
        errs.push(fe.required('data[username]'), fe.required('data[password]'));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(fe.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      need('tls.crt');
      need('tls.key');
      break;
  }
  return errs;
}

export const secretStrategy: KindStrategy = {
  defaults(obj, ctx) {
    const o = obj as Obj;
    if (!o['type']) o['type'] = 'Opaque';
    if (isObj(o['data'])) {
      for (const v of Object.values(o['data'])) {
        const err = base64Error(String(v ?? ''));
        if (err) throw cannotHandle(ctx.resource, err);
      }
    }
    // v1 conversion: stringData overwrites data, and is never stored.
    if (isObj(o['stringData'])) {
      const data: Obj = isObj(o['data']) ? o['data'] : (o['data'] = {});
      for (const [k, v] of Object.entries(o['stringData'])) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
      delete o['stringData'];
    }
  },
  validate: (obj) => validate(obj as Obj),
  validateUpdate: (obj, old) => [...immutable((obj as Obj)['type'], (old as Obj)['type'], 'type'), ...validateImmutable(obj as Obj, old as Obj, ['data']), ...validate(obj as Obj)],
  fieldSelectors: { type: (o) => String((o as Obj)['type'] ?? '') },
};
