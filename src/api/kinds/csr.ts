/**
 * CertificateSigningRequests (certificates.k8s.io/v1): the requestor is recorded from the
 * authenticated user, the request must be a PEM CERTIFICATE REQUEST (deep checks are the PKI's),
 * the signer name and usages are validated, approval changes conditions only.
 */
import type { FieldError } from '../errors.js';
import type { KindStrategy, StrategyContext } from '../strategy.js';
import type { KObject, Stored } from '../types.js';
import { fe, raw } from '../validation/field.js';
import { dns1123Label, dns1123Subdomain } from '../validation/names.js';
import { list, type Obj } from './util.js';

const USAGES = [
  'any', 'cert sign', 'client auth', 'code signing', 'content commitment', 'crl sign', 'data encipherment', 'decipher only',
  'digital signature', 'email protection', 'encipher only', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'key agreement',
  'key encipherment', 'microsoft sgc', 'netscape sgc', 'ocsp signing', 's/mime', 'server auth', 'signing', 'timestamping',
];

/** %#v of a []byte, as the apiserver prints a bad spec.request. */
function goBytes(b: Buffer): string {
  return `[]byte{${[...b].map((x) => `0x${x.toString(16)}`).join(', ')}}`;
}

function pemError(request: Buffer): string | undefined {
  const text = request.toString('latin1');
  const m = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!m || m[1] !== 'CERTIFICATE REQUEST') return 'PEM block type must be CERTIFICATE REQUEST';
  const der = Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64');
  // A DER SEQUENCE is the least a PKCS#10 request must be.
  if (der.length < 2 || der[0] !== 0x30) return 'asn1: structure error: tags don\'t match (16 vs {class:0 tag:2 length:1 isCompound:false}) {optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false} certificateRequest @2';
  return undefined;
}

export function validateSignerName(name: string, path: string): FieldError[] {
  if (!name) return [fe.required(path)];
  const segments = name.split('/');
  if (segments.length !== 2) return [fe.invalid(path, name, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const [domain, rest] = segments as [string, string];
  const errs: FieldError[] = [];
  if (domain.length > 253) errs.push(fe.tooLong(path, 253));
  const labels = domain.split('.');
  for (const l of labels) {
    const msgs = dns1123Label(l);
    if (msgs.length) {
      errs.push(...msgs.map((m) => fe.invalid(path, domain, `validating label ${JSON.stringify(l)}: ${m}`)));
      break;
    }
  }
  if (labels.length < 2) errs.push(fe.invalid(path, domain, 'should be a domain with at least two segments separated by dots'));
  for (const l of rest.split('.')) {
    const msgs = dns1123Subdomain(l);
    if (msgs.length) {
      errs.push(...msgs.map((m) => fe.invalid(path, rest, `validating component ${JSON.stringify(l)}: ${m}`)));
      break;
    }
  }
  return errs;
}

function validate(obj: Obj): FieldError[] {
  const spec: Obj = obj['spec'] ?? {};
  const errs: FieldError[] = [];
  const request = Buffer.from(String(spec['request'] ?? ''), 'base64');
  const bad = pemError(request);
  if (bad) errs.push(fe.invalid('spec.request', raw(goBytes(request)), bad));
  const usages = Array.isArray(spec['usages']) ? (spec['usages'] as string[]) : [];
  if (usages.length === 0) errs.push(fe.required('spec.usages'));
  usages.forEach((u, i) => {
    if (!USAGES.includes(u)) errs.push(fe.notSupported(`spec.usages[${i}]`, u, USAGES));
    if (usages.indexOf(u) !== i) errs.push(fe.duplicate(`spec.usages[${i}]`, u));
  });
  const signer = String(spec['signerName'] ?? '');
  if (signer === 'kubernetes.io/legacy-unknown') errs.push(fe.invalid('spec.signerName', signer, 'the legacy signerName is not allowed via this API version'));
  else errs.push(...validateSignerName(signer, 'spec.signerName'));
  const exp = spec['expirationSeconds'];
  if (typeof exp === 'number' && exp < 600) errs.push(fe.invalid('spec.expirationSeconds', exp, 'may not specify a duration less than 600 seconds (10 minutes)'));
  return errs;
}

function validateConditions(obj: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const conds = list(obj['status']?.['conditions']);
  const types = new Set<string>();
  conds.forEach((c, i) => {
    const t = String(c['type'] ?? '');
    if (!t) errs.push(fe.required(`status.conditions[${i}].type`));
    if (['Approved', 'Denied', 'Failed'].includes(t) && types.has(t)) errs.push(fe.duplicate(`status.conditions[${i}].type`, t));
    types.add(t);
    const s = c['status'];
    if (!s) errs.push(fe.required(`status.conditions[${i}].status`));
    else if (!['True', 'False', 'Unknown'].includes(s)) errs.push(fe.notSupported(`status.conditions[${i}].status`, s, ['False', 'True', 'Unknown']));
  });
  if (types.has('Approved') && types.has('Denied')) errs.push(fe.invalid('status.conditions', raw('[]certificates.CertificateSigningRequestCondition{...}'), 'Approved and Denied conditions are mutually exclusive'));
  for (const t of ['Approved', 'Denied']) {
    if (list(old['status']?.['conditions']).some((c) => c['type'] === t) && !types.has(t)) errs.push(fe.forbidden('status.conditions', `updates may not remove a condition of type "${t}"`));
  }
  return errs;
}

function prepareForCreate(obj: KObject, ctx: StrategyContext): void {
  const spec: Obj = (obj as Obj)['spec'] ?? ((obj as Obj)['spec'] = {});
  // The requestor is whoever created the object: users cannot claim another identity.
  if (ctx.user) {
    spec['username'] = ctx.user.username;
    if (ctx.user.uid) spec['uid'] = ctx.user.uid;
    else delete spec['uid'];
    spec['groups'] = [...ctx.user.groups];
    if (ctx.user.extra && Object.keys(ctx.user.extra).length) spec['extra'] = structuredClone(ctx.user.extra);
    else delete spec['extra'];
  }
  (obj as Obj)['status'] = {};
}

function prepareForUpdate(obj: KObject, old: Stored, ctx: StrategyContext): void {
  const o = obj as Obj;
  if (ctx.subresource === 'approval') {
    // Approval changes conditions only.
    const conditions = o['status']?.['conditions'];
    o['spec'] = structuredClone((old as Obj)['spec']);
    o['status'] = { ...structuredClone((old as Obj)['status'] ?? {}), conditions };
    if (conditions === undefined) delete o['status']['conditions'];
    return;
  }
  o['spec'] = structuredClone((old as Obj)['spec']);
}

export const csrStrategy: KindStrategy = {
  statusSubresource: true,
  prepareForCreate,
  prepareForUpdate,
  validate: (obj) => validate(obj as Obj),
  validateUpdate(obj, old, ctx) {
    const errs = validate(obj as Obj);
    if (ctx.subresource === 'approval' || ctx.subresource === 'status') errs.push(...validateConditions(obj as Obj, old as Obj));
    return errs;
  },
  fieldSelectors: { 'spec.signerName': (o) => String((o as Obj)['spec']?.['signerName'] ?? '') },
};
