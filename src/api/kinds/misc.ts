/**
 * Kinds whose server behaviour is small: ServiceAccounts, PriorityClasses, PodDisruptionBudgets,
 * Leases, Events, Endpoints and EndpointSlices.
 */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { validateLabelSelector } from '../validation/common.js';
import { fe, immutable, raw } from '../validation/field.js';
import { dns1123Label, IP_MESSAGE, isIP, portNum } from '../validation/names.js';
import { child, ensureStatus, isObj, list, setDefault, type Obj } from './util.js';
import { positiveIntOrPercent } from './workload.js';

export const serviceAccountStrategy: KindStrategy = {};

const HIGHEST_USER_PRIORITY = 1000000000;
const SYSTEM_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

function validatePriorityClass(obj: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const name = obj['metadata']?.['name'] ?? '';
  const value = Number(obj['value'] ?? 0);
  if (name.startsWith('system-')) {
    const known = SYSTEM_CLASSES[name];
    if (known === undefined) errs.push(fe.forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: priority class ${name} is not known`));
    else if (known !== value) errs.push(fe.forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: value of ${name} PriorityClass must be ${known}`));
  } else if (value > HIGHEST_USER_PRIORITY) {
    errs.push(fe.forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
  }
  const pp = obj['preemptionPolicy'];
  if (pp !== undefined && pp !== null) {
    if (!pp) errs.push(fe.required('preemptionPolicy'));
    else if (!['PreemptLowerPriority', 'Never'].includes(pp)) errs.push(fe.notSupported('preemptionPolicy', pp, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

export const priorityClassStrategy: KindStrategy = {
  defaults(obj) {
    setDefault(obj as Obj, 'preemptionPolicy', 'PreemptLowerPriority');
    if ((obj as Obj)['value'] === undefined) (obj as Obj)['value'] = 0;
  },
  validate: (obj) => validatePriorityClass(obj as Obj),
  validateUpdate(obj, old) {
    const errs: FieldError[] = [];
    if ((obj as Obj)['value'] !== (old as Obj)['value']) errs.push(fe.forbidden('value', 'may not be changed in an update.'));
    errs.push(...immutable((obj as Obj)['preemptionPolicy'], (old as Obj)['preemptionPolicy'], 'preemptionPolicy'));
    return errs;
  },
};

function validatePDB(obj: Obj): FieldError[] {
  const spec: Obj = obj['spec'] ?? {};
  const errs: FieldError[] = [];
  const both = spec['minAvailable'] !== undefined && spec['maxUnavailable'] !== undefined;
  if (both) errs.push(fe.invalid('spec', raw(`policy.PodDisruptionBudgetSpec{MinAvailable:${JSON.stringify(String(spec['minAvailable']))}, Selector:(*v1.LabelSelector)(...), MaxUnavailable:${JSON.stringify(String(spec['maxUnavailable']))}, UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}`), 'minAvailable and maxUnavailable cannot be both set'));
  for (const k of ['minAvailable', 'maxUnavailable']) {
    const v = spec[k];
    if (v === undefined) continue;
    errs.push(...positiveIntOrPercent(v, `spec.${k}`));
    if (typeof v === 'string' && /^\d+%$/.test(v) && Number(v.slice(0, -1)) > 100) errs.push(fe.invalid(`spec.${k}`, raw(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`), 'must not be greater than 100%'));
  }
  if (spec['selector'] !== undefined) errs.push(...validateLabelSelector(spec['selector'], 'spec.selector'));
  const uhp = spec['unhealthyPodEvictionPolicy'];
  if (uhp !== undefined && !['AlwaysAllow', 'IfHealthyBudget'].includes(uhp)) errs.push(fe.notSupported('spec.unhealthyPodEvictionPolicy', uhp, ['AlwaysAllow', 'IfHealthyBudget']));
  return errs;
}

export const podDisruptionBudgetStrategy: KindStrategy = {
  generation: true,
  statusSubresource: true,
  defaults(obj) {
    const status = ensureStatus(obj);
    for (const k of ['currentHealthy', 'desiredHealthy', 'disruptionsAllowed', 'expectedPods']) setDefault(status, k, 0);
  },
  validate: (obj) => validatePDB(obj as Obj),
  validateUpdate: (obj, _old, ctx) => (ctx.subresource === 'status' ? [] : validatePDB(obj as Obj)),
};

export const leaseStrategy: KindStrategy = {
  validate(obj) {
    const spec: Obj = (obj as Obj)['spec'] ?? {};
    const errs: FieldError[] = [];
    const d = spec['leaseDurationSeconds'];
    if (d !== undefined && d !== null && d <= 0) errs.push(fe.invalid('spec.leaseDurationSeconds', d, 'must be greater than 0'));
    const t = spec['leaseTransitions'];
    if (t !== undefined && t !== null && t < 0) errs.push(fe.invalid('spec.leaseTransitions', t, 'must be greater than or equal to 0'));
    return errs;
  },
};

export const eventStrategy: KindStrategy = {
  defaults(obj) {
    // Fields core/v1 Event always serializes.
    const o = obj as Obj;
    child(o, 'involvedObject');
    if (o['reportingComponent'] === undefined) o['reportingComponent'] = '';
    if (o['reportingInstance'] === undefined) o['reportingInstance'] = '';
    if (o['eventTime'] === undefined) o['eventTime'] = null;
  },
  validate(obj) {
    const o = obj as Obj;
    const errs: FieldError[] = [];
    const ns = obj.metadata.namespace ?? '';
    const io: Obj = o['involvedObject'] ?? {};
    if (io['namespace'] && io['namespace'] !== ns) errs.push(fe.invalid('involvedObject.namespace', io['namespace'], 'does not match event.namespace'));
    return errs;
  },
  fieldSelectors: {
    'involvedObject.kind': (o) => String((o as Obj)['involvedObject']?.['kind'] ?? ''),
    'involvedObject.namespace': (o) => String((o as Obj)['involvedObject']?.['namespace'] ?? ''),
    'involvedObject.name': (o) => String((o as Obj)['involvedObject']?.['name'] ?? ''),
    'involvedObject.uid': (o) => String((o as Obj)['involvedObject']?.['uid'] ?? ''),
    'involvedObject.apiVersion': (o) => String((o as Obj)['involvedObject']?.['apiVersion'] ?? ''),
    'involvedObject.resourceVersion': (o) => String((o as Obj)['involvedObject']?.['resourceVersion'] ?? ''),
    'involvedObject.fieldPath': (o) => String((o as Obj)['involvedObject']?.['fieldPath'] ?? ''),
    reason: (o) => String((o as Obj)['reason'] ?? ''),
    reportingComponent: (o) => String((o as Obj)['reportingComponent'] ?? ''),
    source: (o) => String((o as Obj)['source']?.['component'] ?? (o as Obj)['reportingComponent'] ?? ''),
    type: (o) => String((o as Obj)['type'] ?? ''),
  },
};

function validateAddress(a: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const ip = String(a['ip'] ?? '');
  if (!isIP(ip)) errs.push(fe.invalid(`${path}.ip`, ip, IP_MESSAGE));
  if (a['hostname']) errs.push(...dns1123Label(String(a['hostname'])).map((m) => fe.invalid(`${path}.hostname`, String(a['hostname']), m)));
  if (ip.startsWith('127.')) errs.push(fe.invalid(`${path}.ip`, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (ip.startsWith('169.254.')) errs.push(fe.invalid(`${path}.ip`, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  return errs;
}

function validateEndpointPort(p: Obj, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p['name']) errs.push(fe.required(`${path}.name`));
  else if (p['name']) errs.push(...dns1123Label(String(p['name'])).map((m) => fe.invalid(`${path}.name`, String(p['name']), m)));
  const port = Number(p['port'] ?? 0);
  errs.push(...portNum(port).map((m) => fe.invalid(`${path}.port`, port, m)));
  if (!p['protocol']) errs.push(fe.required(`${path}.protocol`));
  else if (!['SCTP', 'TCP', 'UDP'].includes(p['protocol'])) errs.push(fe.notSupported(`${path}.protocol`, p['protocol'], ['SCTP', 'TCP', 'UDP']));
  return errs;
}

export const endpointsStrategy: KindStrategy = {
  defaults(obj) {
    for (const ss of list((obj as Obj)['subsets'])) for (const p of list(ss?.['ports'])) if (isObj(p)) setDefault(p, 'protocol', 'TCP');
  },
  validate(obj) {
    const errs: FieldError[] = [];
    list((obj as Obj)['subsets']).forEach((ss, i) => {
      const p = `subsets[${i}]`;
      if (list(ss['addresses']).length === 0 && list(ss['notReadyAddresses']).length === 0) errs.push(fe.required(p, 'must specify `addresses` or `notReadyAddresses`'));
      list(ss['addresses']).forEach((a, j) => errs.push(...validateAddress(a, `${p}.addresses[${j}]`)));
      list(ss['notReadyAddresses']).forEach((a, j) => errs.push(...validateAddress(a, `${p}.notReadyAddresses[${j}]`)));
      const ports = list(ss['ports']);
      ports.forEach((port, j) => errs.push(...validateEndpointPort(port, ports.length > 1, `${p}.ports[${j}]`)));
    });
    return errs;
  },
};

export const endpointSliceStrategy: KindStrategy = {
  generation: true,
  defaults(obj) {
    for (const p of list((obj as Obj)['ports'])) if (isObj(p)) setDefault(p, 'protocol', 'TCP');
  },
  validate(obj) {
    const o = obj as Obj;
    const errs: FieldError[] = [];
    const type = o['addressType'];
    if (!type) errs.push(fe.required('addressType'));
    else if (!['FQDN', 'IPv4', 'IPv6'].includes(type)) errs.push(fe.notSupported('addressType', type, ['FQDN', 'IPv4', 'IPv6']));
    list(o['endpoints']).forEach((e, i) => {
      const addrs = Array.isArray(e['addresses']) ? (e['addresses'] as string[]) : [];
      if (addrs.length === 0) errs.push(fe.required(`endpoints[${i}].addresses`, 'must contain at least 1 address'));
      addrs.forEach((a, j) => {
        if (type !== 'FQDN' && !isIP(String(a))) errs.push(fe.invalid(`endpoints[${i}].addresses[${j}]`, String(a), IP_MESSAGE));
      });
    });
    list(o['ports']).forEach((p, i) => {
      if (typeof p['port'] === 'number') errs.push(...portNum(p['port']).map((m) => fe.invalid(`ports[${i}].port`, p['port'], m)));
    });
    return errs;
  },
};
