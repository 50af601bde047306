/** Compute resource names and requirements (container and pod resources, quotas, limit ranges). */
import type { FieldError } from '../errors.js';
import { isObj, type Obj } from '../kinds/util.js';
import { fe, IS_NEGATIVE } from './field.js';
import { qualifiedName } from './names.js';
import { compareQuantity, isNegativeQuantity, milliValue, validQuantity } from './quantity.js';

const STANDARD_CONTAINER = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers', 'requests.cpu', 'requests.memory',
  'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
const QUOTA_STANDARD = new Set([...STANDARD].filter((r) => !['ephemeral-storage'].includes(r)).concat(['ephemeral-storage']));

export function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || name.startsWith('limits.hugepages-');
}

/** Extended resources (example.com/gpu): cannot be overcommitted and must be integral. */
export function isExtended(name: string): boolean {
  return name.includes('/') && !name.startsWith('kubernetes.io/') && !name.startsWith('requests.') && !/(^|\.)kubernetes\.io\//.test(name);
}

export function overcommitAllowed(name: string): boolean {
  return !isHugePages(name) && !isExtended(name);
}

function isStandard(name: string): boolean {
  return STANDARD.has(name) || isHugePages(name) || name.startsWith('count/');
}

/** validateResourceName. */
export function validateResourceName(name: string, path: string): FieldError[] {
  const errs = qualifiedName(name).map((m) => fe.invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandard(name)) return [fe.invalid(path, name, 'must be a standard resource type or fully qualified')];
  return [];
}

/** validateContainerResourceName. */
export function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER.has(name) && !name.startsWith('hugepages-')) errs.push(fe.invalid(path, name, 'must be a standard resource for containers'));
  } else if (!name.startsWith('kubernetes.io/') && !/^[a-z0-9.-]+\/[-._a-zA-Z0-9]+$/.test(name)) {
    errs.push(fe.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** ValidateResourceQuotaResourceName. */
export function validateQuotaResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/') && !QUOTA_STANDARD.has(name) && !isHugePages(name)) errs.push(fe.invalid(path, name, 'must be a standard resource for quota'));
  return errs;
}

/** ValidateResourceQuantityValue: not negative, whole for integer resources. */
export function validateQuantityValue(name: string, value: string | number, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isNegativeQuantity(value)) errs.push(fe.invalid(path, String(value), IS_NEGATIVE));
  if ((isExtended(name) || name === 'pods' || name.startsWith('count/')) && milliValue(value) % 1000n !== 0n) errs.push(fe.invalid(path, String(value), 'must be an integer'));
  return errs;
}

/** validateResourceRequirements for a container (or pod-level resources). */
export function validateResourceRequirements(r: Obj | undefined, path: string): FieldError[] {
  if (!isObj(r)) return [];
  const errs: FieldError[] = [];
  const limits = isObj(r['limits']) ? (r['limits'] as Obj) : {};
  const requests = isObj(r['requests']) ? (r['requests'] as Obj) : {};
  const limPath = `${path}.limits`;
  const reqPath = `${path}.requests`;
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugePages = false;
  for (const name of Object.keys(limits).sort()) {
    const p = `${limPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p));
    if (validQuantity(limits[name])) errs.push(...validateQuantityValue(name, limits[name], p));
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
    if (isHugePages(name)) hugePages = true;
  }
  for (const name of Object.keys(requests).sort()) {
    const p = `${reqPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p));
    const q = requests[name];
    if (validQuantity(q)) errs.push(...validateQuantityValue(name, q, p));
    if (limits[name] !== undefined && validQuantity(q) && validQuantity(limits[name])) {
      const cmp = compareQuantity(q, limits[name]);
      if (cmp !== 0 && !overcommitAllowed(name)) errs.push(fe.invalid(reqPath, String(q), `must be equal to ${name} limit of ${limits[name]}`));
      else if (cmp > 0) errs.push(fe.invalid(reqPath, String(q), `must be less than or equal to ${name} limit of ${limits[name]}`));
    } else if (limits[name] === undefined && !overcommitAllowed(name)) {
      errs.push(fe.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
    if (isHugePages(name)) hugePages = true;
  }
  if (hugePages && !limCpuMem && !reqCpuMem) errs.push(fe.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}
