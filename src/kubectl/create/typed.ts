/**
 * What decoding into Go structs and encoding again adds to an object: the fields that have no
 * `omitempty` (or are structs, which omitempty never drops). kubectl's typed commands (set,
 * run, expose, rollout undo) print objects that went through this, so a local file comes back
 * with `creationTimestamp: null`, `resources: {}`, `strategy: {}` and `status: {}`.
 */
import type { KObject } from '../../api/types.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function meta(m: unknown): Obj {
  const out: Obj = isObj(m) ? { ...m } : {};
  if (!('creationTimestamp' in out)) out['creationTimestamp'] = null;
  return out;
}

function container(c: unknown): unknown {
  if (!isObj(c)) return c;
  return 'resources' in c ? c : { ...c, resources: {} };
}

function podSpec(s: unknown): Obj {
  const spec: Obj = isObj(s) ? { ...s } : {};
  for (const k of ['containers', 'initContainers']) if (Array.isArray(spec[k])) spec[k] = (spec[k] as unknown[]).map(container);
  if (!('containers' in spec)) spec['containers'] = null;
  return spec;
}

function template(t: unknown): Obj {
  const tpl: Obj = isObj(t) ? { ...t } : {};
  tpl['metadata'] = meta(tpl['metadata']);
  tpl['spec'] = podSpec(tpl['spec']);
  return tpl;
}

function withSpec(obj: Obj, f: (spec: Obj) => Obj): void {
  obj['spec'] = f(isObj(obj['spec']) ? { ...(obj['spec'] as Obj) } : {});
}

function defaultStatus(obj: Obj, status: Obj): void {
  obj['status'] = isObj(obj['status']) ? { ...status, ...(obj['status'] as Obj) } : status;
}

/** The object as a typed round trip would leave it (kinds kubectl decodes into structs). */
export function typedRoundTrip<T extends KObject>(input: T): T {
  const obj = structuredClone(input) as unknown as Obj & { kind: string };
  obj['metadata'] = meta(obj['metadata']);
  switch (obj.kind) {
    case 'Pod':
      obj['spec'] = podSpec(obj['spec']);
      defaultStatus(obj, {});
      break;
    case 'Deployment':
      withSpec(obj, (s) => ({ ...s, template: template(s['template']), strategy: s['strategy'] ?? {} }));
      defaultStatus(obj, {});
      break;
    case 'ReplicaSet':
    case 'ReplicationController':
      withSpec(obj, (s) => ({ ...s, template: template(s['template']) }));
      defaultStatus(obj, { replicas: 0 });
      break;
    case 'DaemonSet':
      withSpec(obj, ({ replicas: _unknown, ...s }) => ({ ...s, template: template(s['template']), updateStrategy: s['updateStrategy'] ?? {} }));
      defaultStatus(obj, { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
      break;
    case 'StatefulSet':
      withSpec(obj, (s) => ({ ...s, template: template(s['template']), serviceName: s['serviceName'] ?? '', updateStrategy: s['updateStrategy'] ?? {} }));
      defaultStatus(obj, { replicas: 0, availableReplicas: 0 });
      break;
    case 'Job':
      withSpec(obj, ({ replicas: _unknown, ...s }) => ({ ...s, template: template(s['template']) }));
      defaultStatus(obj, {});
      break;
    case 'CronJob':
      withSpec(obj, (s) => {
        const jt: Obj = isObj(s['jobTemplate']) ? { ...(s['jobTemplate'] as Obj) } : {};
        jt['metadata'] = meta(jt['metadata']);
        const jspec: Obj = isObj(jt['spec']) ? { ...(jt['spec'] as Obj) } : {};
        jspec['template'] = template(jspec['template']);
        jt['spec'] = jspec;
        return { ...s, jobTemplate: jt };
      });
      defaultStatus(obj, {});
      break;
    case 'Service':
      withSpec(obj, (s) => (Array.isArray(s['ports']) ? { ...s, ports: (s['ports'] as unknown[]).map((p) => (isObj(p) && !('targetPort' in p) ? { ...p, targetPort: 0 } : p)) } : s));
      defaultStatus(obj, { loadBalancer: {} });
      break;
  }
  return obj as unknown as T;
}
