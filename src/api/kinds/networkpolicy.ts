/** NetworkPolicies (networking.k8s.io/v1): policyTypes defaulting and rule validation. */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { validateLabelSelector } from '../validation/common.js';
import { fe, raw } from '../validation/field.js';
import { CIDR_MESSAGE, isCIDR, portName, portNum } from '../validation/names.js';
import { child, isObj, list, setDefault, type Obj } from './util.js';

function validatePort(port: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const proto = port['protocol'];
  if (proto !== undefined && !['TCP', 'UDP', 'SCTP'].includes(proto)) errs.push(fe.notSupported(`${path}.protocol`, proto, ['TCP', 'UDP', 'SCTP']));
  const p = port['port'];
  if (typeof p === 'number') errs.push(...portNum(p).map((m) => fe.invalid(`${path}.port`, p, m)));
  else if (typeof p === 'string') errs.push(...portName(p).map((m) => fe.invalid(`${path}.port`, p, m)));
  const end = port['endPort'];
  if (end !== undefined && end !== null) {
    if (p === undefined) errs.push(fe.required(`${path}.port`, 'must be specified when `endPort` is specified'));
    else if (typeof p === 'string') errs.push(fe.forbidden(`${path}.endPort`, 'may not be specified when `port` is non-numeric'));
    else if (end < p) errs.push(fe.invalid(`${path}.endPort`, end, 'must be greater than or equal to `port`'));
  }
  return errs;
}

function validateIPBlock(b: Obj, path: string): FieldError[] {
  const cidr = typeof b['cidr'] === 'string' ? b['cidr'] : '';
  if (!cidr) return [fe.required(`${path}.cidr`)];
  if (!isCIDR(cidr)) return [fe.invalid(`${path}.cidr`, cidr, CIDR_MESSAGE)];
  const errs: FieldError[] = [];
  (Array.isArray(b['except']) ? (b['except'] as string[]) : []).forEach((ex, i) => {
    if (!isCIDR(String(ex))) errs.push(fe.invalid(`${path}.except[${i}]`, String(ex), CIDR_MESSAGE));
  });
  return errs;
}

function validatePeer(peer: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (isObj(peer['podSelector'])) {
    n++;
    errs.push(...validateLabelSelector(peer['podSelector'], `${path}.podSelector`));
  }
  if (isObj(peer['namespaceSelector'])) {
    n++;
    errs.push(...validateLabelSelector(peer['namespaceSelector'], `${path}.namespaceSelector`));
  }
  if (isObj(peer['ipBlock'])) {
    n++;
    errs.push(...validateIPBlock(peer['ipBlock'], `${path}.ipBlock`));
  }
  if (n === 0) errs.push(fe.required(path, 'must specify a peer'));
  else if (n > 1 && isObj(peer['ipBlock'])) errs.push(fe.forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validate(obj: Obj): FieldError[] {
  const spec: Obj = obj['spec'] ?? {};
  const errs = validateLabelSelector(isObj(spec['podSelector']) ? spec['podSelector'] : {}, 'spec.podSelector');
  for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    list(spec[dir]).forEach((rule, i) => {
      list(rule['ports']).forEach((p, j) => errs.push(...validatePort(p, `spec.${dir}[${i}].ports[${j}]`)));
      list(rule[peers]).forEach((p, j) => errs.push(...validatePeer(p, `spec.${dir}[${i}].${peers}[${j}]`)));
    });
  }
  const types = Array.isArray(spec['policyTypes']) ? (spec['policyTypes'] as string[]) : [];
  if (types.length > 2) return [...errs, fe.invalid('spec.policyTypes', raw(`&[]networking.PolicyType{${types.map((t) => JSON.stringify(t)).join(', ')}}`), 'may not specify more than two policyTypes')];
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(fe.notSupported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
  });
  return errs;
}

export const networkPolicyStrategy: KindStrategy = {
  generation: true,
  defaults(obj) {
    const spec = child(obj as Obj, 'spec');
    child(spec, 'podSelector');
    if (!Array.isArray(spec['policyTypes']) || spec['policyTypes'].length === 0) {
      spec['policyTypes'] = list(spec['egress']).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
    }
    for (const dir of ['ingress', 'egress']) for (const r of list(spec[dir])) for (const p of list(r['ports'])) if (isObj(p)) setDefault(p, 'protocol', 'TCP');
  },
  validate: (obj) => validate(obj as Obj),
};
