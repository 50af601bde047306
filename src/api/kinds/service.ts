/**
 * Services: defaults (SetDefaults_Service and the IP family fields the REST storage fills),
 * validation (ValidateService), and ClusterIP / NodePort allocation with the allocators'
 * wording, released when the object goes or no longer needs them.
 */
import { AllocationError } from '../allocators.js';
import { ApiError, internalError, invalid, type FieldError } from '../errors.js';
import type { KindStrategy, StrategyContext } from '../strategy.js';
import type { KObject, Stored } from '../types.js';
import { qualifiedNameErrors, validateLabels } from '../validation/common.js';
import { deepEqual, fe, goSlice, goStruct, raw } from '../validation/field.js';
import { CIDR_MESSAGE, dns1123Label, dns1123Subdomain, IP_MESSAGE, isCIDR, isIP, portName, portNum } from '../validation/names.js';
import { child, isObj, list, setDefault, type Obj } from './util.js';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function spec(obj: KObject): Obj {
  return child(obj as Obj, 'spec');
}

function isHeadless(s: Obj): boolean {
  const ips = s['clusterIPs'];
  return Array.isArray(ips) && ips.length === 1 && ips[0] === 'None';
}

function externallyAccessible(s: Obj): boolean {
  return s['type'] === 'LoadBalancer' || s['type'] === 'NodePort' || (s['type'] === 'ClusterIP' && list(s['externalIPs']).length > 0);
}

function needsClusterIP(s: Obj): boolean {
  return s['type'] !== 'ExternalName' && !isHeadless(s);
}

function allocatesNodePorts(s: Obj): boolean {
  return s['type'] === 'NodePort' || (s['type'] === 'LoadBalancer' && s['allocateLoadBalancerNodePorts'] !== false);
}

function defaults(obj: KObject): void {
  const s = spec(obj);
  setDefault(s, 'sessionAffinity', 'None');
  if (s['sessionAffinity'] === 'None') delete s['sessionAffinityConfig'];
  if (s['sessionAffinity'] === 'ClientIP' && !(s['sessionAffinityConfig']?.['clientIP']?.['timeoutSeconds'] !== undefined)) {
    s['sessionAffinityConfig'] = { clientIP: { timeoutSeconds: 10800 } };
  }
  setDefault(s, 'type', 'ClusterIP');
  for (const p of list(s['ports'])) {
    if (!isObj(p)) continue;
    setDefault(p, 'protocol', 'TCP');
    if (p['targetPort'] === undefined || p['targetPort'] === 0 || p['targetPort'] === '') p['targetPort'] = p['port'];
  }
  if (externallyAccessible(s)) setDefault(s, 'externalTrafficPolicy', 'Cluster');
  if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(s['type'])) setDefault(s, 'internalTrafficPolicy', 'Cluster');
  if (s['type'] === 'LoadBalancer' && s['allocateLoadBalancerNodePorts'] === undefined) s['allocateLoadBalancerNodePorts'] = true;
  // clusterIP and clusterIPs are kept in step (normalizeClusterIPs).
  if (s['clusterIP'] && !(Array.isArray(s['clusterIPs']) && s['clusterIPs'].length)) s['clusterIPs'] = [s['clusterIP']];
  if (s['type'] !== 'ExternalName') {
    // IP families: a single-stack IPv4 cluster; headless without selector may take any family.
    if (isHeadless(s) && Object.keys(s['selector'] ?? {}).length === 0) setDefault(s, 'ipFamilyPolicy', 'RequireDualStack');
    else setDefault(s, 'ipFamilyPolicy', 'SingleStack');
    if (!Array.isArray(s['ipFamilies']) || s['ipFamilies'].length === 0) s['ipFamilies'] = ['IPv4'];
  }
  const status = child(obj as Obj, 'status');
  if (!isObj(status['loadBalancer'])) status['loadBalancer'] = {};
}

/** The (protocol, port) key ValidateService reports a duplicate with, as %#v prints it. */
function goServicePort(p: Obj): string {
  return goStruct('core.ServicePort', [
    ['Name', '""'],
    ['Protocol', JSON.stringify(p['protocol'] ?? '')],
    ['AppProtocol', '(*string)(nil)'],
    ['Port', String(p['port'] ?? 0)],
    ['TargetPort', 'intstr.IntOrString{Type:0, IntVal:0, StrVal:""}'],
    ['NodePort', '0'],
  ]).text;
}

function validatePort(p: Obj, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = typeof p['name'] === 'string' ? p['name'] : '';
  if (requireName && !name) errs.push(fe.required(`${path}.name`));
  else if (name) {
    errs.push(...dns1123Label(name).map((m) => fe.invalid(`${path}.name`, name, m)));
    if (names.has(name)) errs.push(fe.duplicate(`${path}.name`, name));
    else names.add(name);
  }
  const port = Number(p['port'] ?? 0);
  errs.push(...portNum(port).map((m) => fe.invalid(`${path}.port`, port, m)));
  const proto = p['protocol'] ?? '';
  if (!proto) errs.push(fe.required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(proto)) errs.push(fe.notSupported(`${path}.protocol`, proto, PROTOCOLS));
  const tp = p['targetPort'];
  if (typeof tp === 'number') errs.push(...portNum(tp).map((m) => fe.invalid(`${path}.targetPort`, tp, m)));
  else if (typeof tp === 'string') errs.push(...portName(tp).map((m) => fe.invalid(`${path}.targetPort`, tp, m)));
  if (typeof p['appProtocol'] === 'string') errs.push(...qualifiedNameErrors(p['appProtocol'], `${path}.appProtocol`));
  return errs;
}

function validateClusterIPs(s: Obj): FieldError[] {
  if (s['type'] === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips: string[] = Array.isArray(s['clusterIPs']) ? s['clusterIPs'] : [];
  if (s['clusterIP']) {
    if (ips.length === 0) errs.push(fe.required('spec.clusterIPs'));
    else if (ips[0] !== s['clusterIP']) errs.push(fe.invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(fe.invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  }
  list(s['ipFamilies']).forEach((f, i) => {
    if (!['IPv4', 'IPv6'].includes(String(f))) errs.push(fe.notSupported(`spec.ipFamilies[${i}]`, String(f), ['IPv4', 'IPv6']));
  });
  if (s['ipFamilyPolicy'] !== undefined && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(s['ipFamilyPolicy'])) {
    errs.push(fe.notSupported('spec.ipFamilyPolicy', s['ipFamilyPolicy'], ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) errs.push(fe.invalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      return;
    }
    if (!isIP(ip)) errs.push(fe.invalid(`spec.clusterIPs[${i}]`, ip, IP_MESSAGE));
  });
  if (ips.length > 2) errs.push(fe.invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  return errs;
}

export function validateService(obj: KObject): FieldError[] {
  const s = spec(obj);
  const errs: FieldError[] = [];
  const ports = list(s['ports']);
  if (ports.length === 0 && !isHeadless(s) && s['type'] !== 'ExternalName') errs.push(fe.required('spec.ports'));
  if (s['type'] === 'LoadBalancer' && isHeadless(s)) errs.push(fe.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
  if (s['type'] === 'NodePort' && isHeadless(s)) errs.push(fe.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
  if (s['type'] === 'ExternalName') {
    if (list(s['clusterIPs']).length > 0) errs.push(fe.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (list(s['ipFamilies']).length > 0) errs.push(fe.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (s['ipFamilyPolicy'] !== undefined) errs.push(fe.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = String(s['externalName'] ?? '').replace(/\.$/, '');
    if (cname) errs.push(...dns1123Subdomain(cname).map((m) => fe.invalid('spec.externalName', cname, m)));
    else errs.push(fe.required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validatePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (isObj(s['selector'])) errs.push(...validateLabels(s['selector'], 'spec.selector'));
  const sa = s['sessionAffinity'] ?? '';
  if (!sa) errs.push(fe.required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(sa)) errs.push(fe.notSupported('spec.sessionAffinity', sa, ['ClientIP', 'None']));
  if (sa === 'ClientIP') {
    const t = s['sessionAffinityConfig']?.['clientIP']?.['timeoutSeconds'];
    if (typeof t === 'number' && (t <= 0 || t > 86400)) errs.push(fe.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t, 'must be greater than 0 and less than 86400'));
  } else if (sa === 'None' && s['sessionAffinityConfig'] !== undefined) {
    errs.push(fe.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPs(s));
  list(s['externalIPs']).forEach((ip, i) => {
    if (!isIP(String(ip))) errs.push(fe.invalid(`spec.externalIPs[${i}]`, String(ip), IP_MESSAGE));
  });
  const type = s['type'] ?? '';
  if (!type) errs.push(fe.required('spec.type'));
  else if (!TYPES.includes(type)) errs.push(fe.notSupported('spec.type', type, TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p['nodePort']) errs.push(fe.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p['nodePort']) return;
    const key = `${p['protocol']}/${p['nodePort']}`;
    if (nodePorts.has(key)) errs.push(fe.duplicate(`spec.ports[${i}].nodePort`, Number(p['nodePort'])));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p['protocol']}/${p['port']}`;
    if (seen.has(key)) errs.push(fe.duplicate(`spec.ports[${i}]`, raw(goServicePort(p))));
    seen.add(key);
  });
  const ranges = list(s['loadBalancerSourceRanges']) as unknown as string[];
  if (ranges.length) {
    if (type !== 'LoadBalancer') errs.push(fe.forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => {
      if (!isCIDR(String(r).trim())) errs.push(fe.invalid(`spec.LoadBalancerSourceRanges[${i}]`, String(r).trim(), CIDR_MESSAGE));
    });
  }
  if (s['allocateLoadBalancerNodePorts'] !== undefined && type !== 'LoadBalancer') errs.push(fe.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  if (s['loadBalancerClass'] !== undefined && type !== 'LoadBalancer') errs.push(fe.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  if (!externallyAccessible(s)) {
    if (s['externalTrafficPolicy']) errs.push(fe.invalid('spec.externalTrafficPolicy', s['externalTrafficPolicy'], 'may only be set for externally-accessible services'));
  } else if (!s['externalTrafficPolicy']) {
    errs.push(fe.required('spec.externalTrafficPolicy'));
  } else if (!['Cluster', 'Local'].includes(s['externalTrafficPolicy'])) {
    errs.push(fe.notSupported('spec.externalTrafficPolicy', s['externalTrafficPolicy'], ['Cluster', 'Local']));
  }
  const itp = s['internalTrafficPolicy'];
  if (itp === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(type)) errs.push(fe.required('spec.internalTrafficPolicy'));
  if (itp !== undefined && !['Cluster', 'Local'].includes(itp)) errs.push(fe.notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  return errs;
}

function validateServiceUpdate(obj: KObject, old: Stored): FieldError[] {
  const s = spec(obj);
  const o = (old as Obj)['spec'] as Obj;
  const errs: FieldError[] = [];
  if (s['type'] !== 'ExternalName' && o['type'] !== 'ExternalName' && !(isHeadless(s) && isHeadless(o))) {
    const next: string[] = Array.isArray(s['clusterIPs']) ? s['clusterIPs'] : [];
    const prev: string[] = Array.isArray(o['clusterIPs']) ? o['clusterIPs'] : [];
    if (next.length === prev.length) {
      prev.forEach((ip, i) => {
        if (ip !== next[i]) errs.push(fe.invalid(`spec.clusterIPs[${i}]`, next, 'may not change once set'));
      });
    } else if (next.length < prev.length) {
      if (next.length === 0) errs.push(fe.invalid('spec.clusterIPs[0]', raw(goSlice('string', next)), 'primary clusterIP can not be unset'));
      else if (next[0] !== prev[0]) errs.push(fe.invalid('spec.clusterIPs[0]', next, 'may not change once set'));
    } else if (prev.length > 0 && next[0] !== prev[0]) {
      errs.push(fe.invalid('spec.clusterIPs[0]', next, 'may not change once set'));
    }
  }
  return [...errs, ...validateService(obj)];
}

/** An update that omits allocated values (kubectl replace) keeps the ones already held. */
function patchAllocatedValues(s: Obj, o: Obj): void {
  const needsIP = (x: Obj): boolean => (x['type'] ?? 'ClusterIP') !== 'ExternalName' && !isHeadless(x) && x['clusterIP'] !== 'None';
  if (needsIP(o) && needsIP(s)) {
    if (!s['clusterIP']) s['clusterIP'] = o['clusterIP'];
    if (list(s['clusterIPs']).length === 0 && list(o['clusterIPs']).length > 0) s['clusterIPs'] = [...o['clusterIPs']];
  }
  const needsNodePort = (x: Obj): boolean => x['type'] === 'NodePort' || x['type'] === 'LoadBalancer';
  if (needsNodePort(o) && needsNodePort(s)) {
    const used = new Set(list(s['ports']).map((p) => p['nodePort']).filter((n) => list(o['ports']).some((q) => q['nodePort'] === n)));
    const byName = new Map(list(o['ports']).map((p) => [p['name'] ?? '', p['nodePort']]));
    for (const p of list(s['ports'])) {
      const prev = byName.get(p['name'] ?? '');
      if (!p['nodePort'] && prev && !used.has(prev)) p['nodePort'] = prev;
    }
  }
}

/** dropTypeDependentFields: what a type change frees, if the user left it as it was. */
function prepareForUpdate(obj: KObject, old: Stored): void {
  const s = spec(obj);
  const o = (old as Obj)['spec'] as Obj;
  (obj as Obj)['status'] = structuredClone((old as Obj)['status'] ?? { loadBalancer: {} });
  patchAllocatedValues(s, o);
  if (s['type'] === o['type']) return;
  if (s['type'] === 'ExternalName' && needsClusterIP(o)) {
    if (s['clusterIP'] === o['clusterIP']) delete s['clusterIP'];
    if (deepEqual(s['clusterIPs'], o['clusterIPs'])) delete s['clusterIPs'];
    if (deepEqual(s['ipFamilies'], o['ipFamilies'])) delete s['ipFamilies'];
    if (s['ipFamilyPolicy'] === o['ipFamilyPolicy']) delete s['ipFamilyPolicy'];
  }
  if (!allocatesNodePorts(s) && allocatesNodePorts(o)) {
    const oldPorts = list(o['ports']);
    for (const p of list(s['ports'])) {
      if (p['nodePort'] && oldPorts.some((q) => q['nodePort'] === p['nodePort'])) delete p['nodePort'];
    }
  }
  if (s['type'] !== 'LoadBalancer' && o['type'] === 'LoadBalancer' && s['allocateLoadBalancerNodePorts'] === o['allocateLoadBalancerNodePorts']) delete s['allocateLoadBalancerNodePorts'];
  if (!externallyAccessible(s) && s['externalTrafficPolicy'] === o['externalTrafficPolicy']) delete s['externalTrafficPolicy'];
}

function svcInvalid(ctx: StrategyContext, name: string, errs: FieldError[]): ApiError {
  return invalid(ctx.resource, name, errs);
}

/** Allocates what the new object needs that the old one did not hold; releases the rest. */
function allocate(obj: KObject, old: Stored | undefined, ctx: StrategyContext, dryRun: boolean): void {
  const s = spec(obj);
  const o: Obj = old ? ((old as Obj)['spec'] as Obj) : {};
  const a = ctx.allocators;
  const name = obj.metadata.name ?? '';
  const taken: (() => void)[] = [];
  const release: (() => void)[] = [];
  try {
    const oldIP = old && needsClusterIP(o) ? (o['clusterIP'] as string | undefined) : undefined;
    if (needsClusterIP(s)) {
      if (!s['clusterIP'] || s['clusterIP'] !== oldIP) {
        const requested = s['clusterIP'] || undefined;
        try {
          const ip = a.allocateClusterIP(requested);
          taken.push(() => a.releaseClusterIP(ip));
          s['clusterIP'] = ip;
          s['clusterIPs'] = [ip];
        } catch (e) {
          if (e instanceof AllocationError) throw svcInvalid(ctx, name, [fe.invalid('spec.clusterIPs', list(s['clusterIPs']).length ? s['clusterIPs'] : [requested ?? ''], e.message)]);
          throw e;
        }
        if (oldIP) release.push(() => a.releaseClusterIP(oldIP));
      }
    } else if (isHeadless(s)) {
      s['clusterIP'] = 'None';
      if (oldIP) release.push(() => a.releaseClusterIP(oldIP));
    } else if (oldIP) {
      release.push(() => a.releaseClusterIP(oldIP));
    }
    const oldPorts = new Set(list(o['ports']).map((p) => Number(p['nodePort'] ?? 0)).filter(Boolean));
    const byPort = new Map<number, number>();
    list(s['ports']).forEach((p, i) => {
      if (!p['nodePort'] && !allocatesNodePorts(s)) return;
      const same = byPort.get(Number(p['port']));
      if (same && !p['nodePort']) {
        p['nodePort'] = same;
        return;
      }
      const requested = Number(p['nodePort'] ?? 0);
      if (requested && oldPorts.has(requested)) {
        oldPorts.delete(requested);
        byPort.set(Number(p['port']), requested);
        return;
      }
      try {
        const np = a.allocateNodePort(requested || undefined);
        taken.push(() => a.releaseNodePort(np));
        p['nodePort'] = np;
        byPort.set(Number(p['port']), np);
      } catch (e) {
        if (!(e instanceof AllocationError)) throw e;
        if (!requested) throw internalError(`failed to allocate a nodePort: ${e.message}`);
        throw svcInvalid(ctx, name, [fe.invalid(`spec.ports[${i}].nodePort`, requested, e.message)]);
      }
    });
    for (const np of oldPorts) release.push(() => a.releaseNodePort(np));
  } catch (e) {
    for (const undo of taken) undo();
    throw e;
  }
  if (dryRun) for (const undo of taken) undo();
  else for (const r of release) r();
}

function releaseAll(obj: Stored, ctx: StrategyContext): void {
  const s = ((obj as Obj)['spec'] ?? {}) as Obj;
  if (s['clusterIP'] && s['clusterIP'] !== 'None' && s['type'] !== 'ExternalName') ctx.allocators.releaseClusterIP(s['clusterIP']);
  for (const p of list(s['ports'])) if (p['nodePort']) ctx.allocators.releaseNodePort(Number(p['nodePort']));
}

export const serviceStrategy: KindStrategy = {
  statusSubresource: true,
  defaults: (obj) => defaults(obj),
  prepareForCreate(obj) {
    (obj as Obj)['status'] = { loadBalancer: {} };
  },
  prepareForUpdate: (obj, old) => prepareForUpdate(obj, old),
  validate: (obj) => validateService(obj),
  validateUpdate: (obj, old, ctx) => (ctx.subresource === 'status' ? [] : validateServiceUpdate(obj, old)),
  beforeStore: (obj, old, ctx, dryRun) => {
    if (ctx.subresource) return;
    allocate(obj, old, ctx, dryRun);
  },
  afterDelete: (obj, ctx) => releaseAll(obj, ctx),
  fieldSelectors: {
    'spec.clusterIP': (o) => String((o as Obj)['spec']?.['clusterIP'] ?? ''),
    'spec.type': (o) => String((o as Obj)['spec']?.['type'] ?? ''),
  },
};
