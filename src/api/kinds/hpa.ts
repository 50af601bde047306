/** HorizontalPodAutoscalers (autoscaling/v2): defaults for metrics and behavior, validation. */
import type { FieldError } from '../errors.js';
import type { KindStrategy } from '../strategy.js';
import { fe } from '../validation/field.js';
import { canonicalizeResourceList } from '../validation/quantity.js';
import { child, ensureStatus, isObj, list, setDefault, type Obj } from './util.js';

const SCALE_UP = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
const SCALE_DOWN = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

function defaultRules(rules: unknown, d: typeof SCALE_UP): Obj {
  if (!isObj(rules)) return structuredClone(d);
  if (!Array.isArray(rules['policies'])) rules['policies'] = structuredClone(d.policies);
  setDefault(rules, 'selectPolicy', d.selectPolicy);
  if (rules['stabilizationWindowSeconds'] === undefined || rules['stabilizationWindowSeconds'] === null) rules['stabilizationWindowSeconds'] = d.stabilizationWindowSeconds;
  return rules;
}

function validateTarget(t: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = t['type'];
  if (!type) errs.push(fe.required(`${path}.type`, 'must specify a metric target type'));
  else if (!['Utilization', 'Value', 'AverageValue'].includes(type)) errs.push(fe.invalid(`${path}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  if (t['averageUtilization'] !== undefined && t['averageUtilization'] < 1) errs.push(fe.invalid(`${path}.averageUtilization`, t['averageUtilization'], 'must be greater than 0'));
  if (type === 'Utilization' && t['averageUtilization'] === undefined) errs.push(fe.required(`${path}.averageUtilization`, 'must set averageUtilization when target type is Utilization'));
  if (type === 'Value' && t['value'] === undefined) errs.push(fe.required(`${path}.value`, 'must set value when target type is Value'));
  if (type === 'AverageValue' && t['averageValue'] === undefined) errs.push(fe.required(`${path}.averageValue`, 'must set averageValue when target type is AverageValue'));
  return errs;
}

function validateMetric(m: Obj, path: string): FieldError[] {
  const types = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
  const type = m['type'];
  if (!type) return [fe.required(`${path}.type`, 'must specify a metric source type')];
  if (!types.includes(type)) return [fe.notSupported(`${path}.type`, type, types)];
  const key = type.charAt(0).toLowerCase() + type.slice(1);
  const src = m[key];
  if (!isObj(src)) return [fe.required(`${path}.${key}`, `must populate information for the given metric source (only allowed when type is ${type})`)];
  const errs: FieldError[] = [];
  if (type === 'Resource' || type === 'ContainerResource') {
    if (!src['name']) errs.push(fe.required(`${path}.${key}.name`, 'must specify a resource name'));
    if (type === 'ContainerResource' && !src['container']) errs.push(fe.required(`${path}.${key}.container`, 'must specify a container'));
  }
  errs.push(...validateTarget(isObj(src['target']) ? src['target'] : {}, `${path}.${key}.target`));
  return errs;
}

function validate(obj: Obj): FieldError[] {
  const spec: Obj = obj['spec'] ?? {};
  const errs: FieldError[] = [];
  const ref: Obj = isObj(spec['scaleTargetRef']) ? spec['scaleTargetRef'] : {};
  if (!ref['kind']) errs.push(fe.required('spec.scaleTargetRef.kind'));
  if (!ref['name']) errs.push(fe.required('spec.scaleTargetRef.name'));
  const min = spec['minReplicas'];
  const max = Number(spec['maxReplicas'] ?? 0);
  if (typeof min === 'number' && min < 1) errs.push(fe.invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(fe.invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (typeof min === 'number' && max < min) errs.push(fe.invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  list(spec['metrics']).forEach((m, i) => errs.push(...validateMetric(m, `spec.metrics[${i}]`)));
  return errs;
}

export const hpaStrategy: KindStrategy = {
  generation: true,
  statusSubresource: true,
  defaults(obj) {
    const spec = child(obj as Obj, 'spec');
    if (spec['minReplicas'] === undefined || spec['minReplicas'] === null) spec['minReplicas'] = 1;
    if (list(spec['metrics']).length === 0) {
      spec['metrics'] = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    }
    for (const m of list(spec['metrics'])) {
      for (const k of ['resource', 'containerResource', 'pods', 'object', 'external']) {
        const t = m?.[k]?.['target'];
        if (!isObj(t)) continue;
        for (const q of ['value', 'averageValue']) {
          if (t[q] === undefined) continue;
          const one: Obj = { q: t[q] };
          if (canonicalizeResourceList(one)) t[q] = one['q'];
        }
      }
    }
    if (isObj(spec['behavior'])) {
      spec['behavior']['scaleUp'] = defaultRules(spec['behavior']['scaleUp'], SCALE_UP);
      spec['behavior']['scaleDown'] = defaultRules(spec['behavior']['scaleDown'], SCALE_DOWN);
    }
    const status = ensureStatus(obj);
    setDefault(status, 'desiredReplicas', 0);
  },
  validate: (obj) => validate(obj as Obj),
  validateUpdate: (obj, _old, ctx) => (ctx.subresource === 'status' ? [] : validate(obj as Obj)),
};
