/** Ingresses and IngressClasses (networking.k8s.io/v1). */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { fe, immutable, raw } from '../validation/field.js';
import { dns1035Label, dns1123Subdomain, isIP, portName, portNum, wildcardDns1123Subdomain } from '../validation/names.js';
import { child, isObj, list, type Obj } from './util.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function pathSegment(value: string, path: string): FieldError[] {
  if (value === '.' || value === '..') return [fe.invalid(path, value, `may not be '${value}'`)];
  for (const bad of ['/', '%']) if (value.includes(bad)) return [fe.invalid(path, value, `may not contain '${bad}'`)];
  return [];
}

function typedRef(ref: unknown, path: string): FieldError[] {
  if (!isObj(ref)) return [];
  const errs: FieldError[] = [];
  if (typeof ref['apiGroup'] === 'string') errs.push(...dns1123Subdomain(ref['apiGroup']).map((m) => fe.invalid(`${path}.apiGroup`, ref['apiGroup'], m)));
  if (!ref['kind']) errs.push(fe.required(`${path}.kind`, 'kind is required'));
  else errs.push(...pathSegment(String(ref['kind']), `${path}.kind`));
  if (!ref['name']) errs.push(fe.required(`${path}.name`, 'name is required'));
  else errs.push(...pathSegment(String(ref['name']), `${path}.name`));
  return errs;
}

function validateBackend(b: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const hasResource = isObj(b['resource']);
  const svc = b['service'];
  if (hasResource && isObj(svc)) return [fe.invalid(path, '', 'cannot set both resource and service backends')];
  if (hasResource) return typedRef(b['resource'], `${path}.resource`);
  if (!isObj(svc)) return [fe.invalid(path, '', 'resource or service backend is required')];
  const name = typeof svc['name'] === 'string' ? svc['name'] : '';
  if (!name) errs.push(fe.required(`${path}.service.name`));
  else errs.push(...dns1035Label(name).map((m) => fe.invalid(`${path}.service.name`, name, m)));
  const port: Obj = isObj(svc['port']) ? svc['port'] : {};
  const hasName = typeof port['name'] === 'string' && port['name'].length > 0;
  const hasNumber = typeof port['number'] === 'number' && port['number'] !== 0;
  if (hasName && hasNumber) errs.push(fe.invalid(path, '', 'cannot set both port name & port number'));
  else if (hasName) errs.push(...portName(port['name']).map((m) => fe.invalid(`${path}.service.port.name`, port['name'], m)));
  else if (hasNumber) errs.push(...portNum(port['number']).map((m) => fe.invalid(`${path}.service.port.number`, port['number'], m)));
  else errs.push(fe.required(path, 'port name or number is required'));
  return errs;
}

function validatePath(p: Obj, path: string): FieldError[] {
  const type = p['pathType'];
  if (type === undefined || type === null) return [fe.required(`${path}.pathType`, 'pathType must be specified')];
  const errs: FieldError[] = [];
  const value = typeof p['path'] === 'string' ? p['path'] : '';
  if (type === 'Exact' || type === 'Prefix') {
    if (!value.startsWith('/')) errs.push(fe.invalid(`${path}.path`, value, 'must be an absolute path'));
    if (value) {
      for (const seq of ['//', '/./', '/../', '%2f', '%2F']) if (value.includes(seq)) errs.push(fe.invalid(`${path}.path`, value, `must not contain '${seq}'`));
      for (const suf of ['/..', '/.']) if (value.endsWith(suf)) errs.push(fe.invalid(`${path}.path`, value, `cannot end with '${suf}'`));
    }
  } else if (type === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) errs.push(fe.invalid(`${path}.path`, value, 'must be an absolute path'));
  } else {
    errs.push(fe.notSupported(`${path}.pathType`, type, PATH_TYPES));
  }
  return errs.concat(validateBackend(isObj(p['backend']) ? p['backend'] : {}, `${path}.backend`));
}

function validateIngress(obj: Obj, create: boolean): FieldError[] {
  const spec: Obj = obj['spec'] ?? {};
  const errs: FieldError[] = [];
  const rules = list(spec['rules']);
  if (rules.length === 0 && !isObj(spec['defaultBackend'])) errs.push(fe.invalid('spec', raw('[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'));
  if (isObj(spec['defaultBackend'])) errs.push(...validateBackend(spec['defaultBackend'], 'spec.defaultBackend'));
  rules.forEach((r, i) => {
    const host = typeof r['host'] === 'string' ? r['host'] : '';
    if (host) {
      if (isIP(host)) errs.push(fe.invalid(`spec.rules[${i}].host`, host, 'must be a DNS name, not an IP address'));
      const msgs = host.includes('*') ? wildcardDns1123Subdomain(host) : dns1123Subdomain(host);
      errs.push(...msgs.map((m) => fe.invalid(`spec.rules[${i}].host`, host, m)));
    }
    if (isObj(r['http'])) {
      const paths = list(r['http']['paths']);
      if (paths.length === 0) errs.push(fe.required(`spec.rules[${i}].http.paths`));
      paths.forEach((p, j) => errs.push(...validatePath(p, `spec.rules[${i}].http.paths[${j}]`)));
    }
  });
  list(spec['tls']).forEach((t, i) => {
    (Array.isArray(t['hosts']) ? (t['hosts'] as string[]) : []).forEach((h, j) => {
      const msgs = String(h).includes('*') ? wildcardDns1123Subdomain(String(h)) : dns1123Subdomain(String(h));
      errs.push(...msgs.map((m) => fe.invalid(`spec.tls[${i}].hosts[${j}]`, String(h), m)));
    });
    if (typeof t['secretName'] === 'string' && t['secretName']) errs.push(...dns1123Subdomain(t['secretName']).map((m) => fe.invalid(`spec.tls[${i}].secretName`, t['secretName'], m)));
  });
  if (typeof spec['ingressClassName'] === 'string') errs.push(...dns1123Subdomain(spec['ingressClassName']).map((m) => fe.invalid('spec.ingressClassName', spec['ingressClassName'], m)));
  const annotation = obj['metadata']?.['annotations']?.['kubernetes.io/ingress.class'];
  if (create && annotation !== undefined && spec['ingressClassName'] !== undefined && spec['ingressClassName'] !== null) {
    errs.push(fe.invalid('annotations.kubernetes.io/ingress.class', annotation, 'can not be set when the class field is also set'));
  }
  return errs;
}

export const ingressStrategy: KindStrategy = {
  generation: true,
  statusSubresource: true,
  defaults(obj) {
    child(child(obj as Obj, 'status'), 'loadBalancer');
  },
  validate: (obj) => validateIngress(obj as Obj, true),
  validateUpdate: (obj, _old, ctx) => (ctx.subresource === 'status' ? [] : validateIngress(obj as Obj, false)),
};

function validateIngressClass(obj: Obj): FieldError[] {
  const spec: Obj = obj['spec'] ?? {};
  const errs: FieldError[] = [];
  const controller = typeof spec['controller'] === 'string' ? spec['controller'] : '';
  if (controller.length > 250) errs.push(fe.tooLong('spec.controller', 250));
  // IsDomainPrefixedPath.
  if (!controller) errs.push(fe.required('spec.controller'));
  else {
    const slash = controller.indexOf('/');
    if (slash < 0) errs.push(fe.invalid('spec.controller', controller, 'must be a domain-prefixed path (such as "acme.io/foo")'));
    else errs.push(...dns1123Subdomain(controller.slice(0, slash)).map((m) => fe.invalid('spec.controller', controller.slice(0, slash), m)));
  }
  return errs.concat(typedRef(spec['parameters'], 'spec.parameters'));
}

export const ingressClassStrategy: KindStrategy = {
  generation: true,
  validate: (obj) => validateIngressClass(obj as Obj),
  validateUpdate: (obj, old) => [...immutable((obj as Obj)['spec']?.['controller'], (old as Obj)['spec']?.['controller'], 'spec.controller'), ...validateIngressClass(obj as Obj)],
};
