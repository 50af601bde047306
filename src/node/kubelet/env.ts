/**
 * A container's environment as the kubelet builds it: service links, envFrom (ConfigMaps and
 * Secrets, with prefixes), then env entries in order with $(VAR) expansion, fieldRef and
 * resourceFieldRef. A missing object or key is the CreateContainerConfigError message.
 */
import type { ApiClient } from '../../api/client.js';
import type { KObject } from '../../api/types.js';
import { parseQuantity } from '../../api/quantity.js';

export type EnvResult = { ok: true; env: Map<string, string> } | { ok: false; message: string };

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    fieldRef?: { fieldPath: string; apiVersion?: string };
    resourceFieldRef?: { resource: string; containerName?: string; divisor?: string | number };
  };
}

interface EnvFrom {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

export interface EnvContext {
  client?: ApiClient;
  pod: KObject;
  container: { name: string; env?: unknown; envFrom?: unknown; resources?: unknown };
  nodeName: string;
  nodeIp: string;
  podIp?: string;
  /** Node allocatable (for resourceFieldRef without limits). */
  allocatable: { cpu: number; memoryBytes: number };
  /** Service environment variables (FOO_SERVICE_HOST, ...) unless enableServiceLinks is false. */
  serviceEnv?: ReadonlyMap<string, string>;
}

/** Expands $(VAR) references; $$ escapes; unknown references stay as written. */
export function expandVars(text: string, vars: Map<string, string>): string {
  if (!text.includes('$')) return text; // nothing to expand (most arguments)
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    return vars.has(name!) ? vars.get(name!)! : m;
  });
}

function objectData(obj: KObject, secret: boolean): Record<string, string> {
  const data = (obj['data'] ?? {}) as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) out[k] = secret ? Buffer.from(v, 'base64').toString('utf8') : v;
  if (!secret) for (const [k, v] of Object.entries((obj['binaryData'] ?? {}) as Record<string, string>)) out[k] = Buffer.from(v, 'base64').toString('utf8');
  else for (const [k, v] of Object.entries((obj['stringData'] ?? {}) as Record<string, string>)) out[k] = v;
  return out;
}

/** The container's environment, starting from `base` (the image's variables), which it takes over. */
export function buildEnv(ctx: EnvContext, base: Map<string, string>): EnvResult {
  const ns = ctx.pod.metadata.namespace ?? 'default';
  const env = base;
  if (ctx.serviceEnv) for (const [k, v] of ctx.serviceEnv) env.set(k, v);
  const find = (kind: 'configmaps' | 'secrets', name: string) => ctx.client?.find(kind, ns, name);
  for (const from of ((ctx.container.envFrom ?? []) as EnvFrom[])) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const secret = !!from.secretRef;
    const obj = find(secret ? 'secrets' : 'configmaps', ref.name);
    if (!obj) {
      if (ref.optional) continue;
      return { ok: false, message: `${secret ? 'secret' : 'configmap'} "${ref.name}" not found` };
    }
    for (const [k, v] of Object.entries(objectData(obj, secret))) env.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of ((ctx.container.env ?? []) as EnvVar[])) {
    if (!e?.name) continue;
    if (e.valueFrom === undefined) {
      env.set(e.name, expandVars(e.value ?? '', env));
      continue;
    }
    const vf = e.valueFrom;
    if (vf.configMapKeyRef || vf.secretKeyRef) {
      const secret = !!vf.secretKeyRef;
      const ref = (vf.configMapKeyRef ?? vf.secretKeyRef)!;
      const obj = find(secret ? 'secrets' : 'configmaps', ref.name);
      if (!obj) {
        if (ref.optional) continue;
        return { ok: false, message: `${secret ? 'secret' : 'configmap'} "${ref.name}" not found` };
      }
      const data = objectData(obj, secret);
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in ${secret ? 'Secret' : 'ConfigMap'} ${ns}/${ref.name}` };
      }
      env.set(e.name, data[ref.key]!);
      continue;
    }
    if (vf.fieldRef) {
      const v = fieldValue(ctx, vf.fieldRef.fieldPath);
      if (v === undefined) return { ok: false, message: `unsupported fieldPath: ${vf.fieldRef.fieldPath}` };
      env.set(e.name, v);
      continue;
    }
    if (vf.resourceFieldRef) {
      const v = resourceValue(ctx, vf.resourceFieldRef);
      if (v === undefined) return { ok: false, message: `unsupported container resource : "${vf.resourceFieldRef.resource}"` };
      env.set(e.name, v);
    }
  }
  return { ok: true, env };
}

export function fieldValue(ctx: Pick<EnvContext, 'pod' | 'nodeName' | 'nodeIp' | 'podIp'>, path: string): string | undefined {
  const m = ctx.pod.metadata;
  const spec = (ctx.pod['spec'] ?? {}) as { serviceAccountName?: string };
  switch (path) {
    case 'metadata.name':
      return m.name ?? '';
    case 'metadata.namespace':
      return m.namespace ?? 'default';
    case 'metadata.uid':
      return m.uid ?? '';
    case 'metadata.labels':
      return Object.entries(m.labels ?? {}).map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'metadata.annotations':
      return Object.entries(m.annotations ?? {}).map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'spec.nodeName':
      return ctx.nodeName;
    case 'spec.serviceAccountName':
      return spec.serviceAccountName ?? 'default';
    case 'status.hostIP':
    case 'status.hostIPs':
      return ctx.nodeIp;
    case 'status.podIP':
    case 'status.podIPs':
      return ctx.podIp ?? '';
  }
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
  if (label) return m.labels?.[label[1]!] ?? '';
  const ann = /^metadata\.annotations\['(.+)'\]$/.exec(path);
  if (ann) return m.annotations?.[ann[1]!] ?? '';
  return undefined;
}

function resourceValue(ctx: EnvContext, ref: { resource: string; containerName?: string; divisor?: string | number }): string | undefined {
  const containers = ((ctx.pod['spec'] as { containers?: { name: string; resources?: unknown }[] })?.containers ?? []);
  const target = ref.containerName ? containers.find((c) => c.name === ref.containerName) : ctx.container;
  const res = ((target?.resources ?? {}) as { limits?: Record<string, string>; requests?: Record<string, string> });
  const [kind, resource] = ref.resource.split('.') as [string, string];
  if (!['limits', 'requests'].includes(kind) || !['cpu', 'memory', 'ephemeral-storage'].includes(resource)) return undefined;
  const fromSpec = (kind === 'limits' ? res.limits : res.requests)?.[resource] ?? (kind === 'requests' ? res.limits?.[resource] : undefined);
  let value: number;
  if (fromSpec !== undefined) value = parseQuantity(fromSpec);
  else if (kind === 'limits') value = resource === 'cpu' ? ctx.allocatable.cpu : ctx.allocatable.memoryBytes;
  else value = 0;
  const divisor = ref.divisor !== undefined ? parseQuantity(ref.divisor) : 1;
  // The kubelet rounds up: cpu limits of 250m with divisor 1 give "1".
  return String(Math.ceil(value / divisor - 1e-9));
}
