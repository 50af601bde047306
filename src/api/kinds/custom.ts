/**
 * Custom resources: the strategy for every resource a CRD serves. The CRD's openAPIV3Schema
 * defaults, prunes and validates; its status subresource, when declared, keeps status out of
 * main-resource writes.
 */
import type { FieldError } from '../errors.js';
import { resourceKey } from '../registry.js';
import type { KindStrategy, StrategyContext } from '../strategy.js';
import type { KObject, Stored } from '../types.js';
import { applyDefaults, prune, validateObjectAgainstSchema, type Schema } from '../validation/schema.js';
import { CRD_KEY } from './crd.js';
import { isObj, list, type Obj } from './util.js';

interface Served {
  schema?: Schema;
  statusSubresource: boolean;
}

function served(ctx: StrategyContext): Served | undefined {
  const crd = ctx.get(CRD_KEY, '', resourceKey(ctx.resource));
  if (!crd) return undefined;
  const version = list((crd as Obj)['spec']?.['versions']).find((v) => v['name'] === ctx.resource.version);
  if (!version) return undefined;
  const schema = version['schema']?.['openAPIV3Schema'];
  return { schema: isObj(schema) ? (schema as Schema) : undefined, statusSubresource: isObj(version['subresources']?.['status']) };
}

function validate(obj: KObject, ctx: StrategyContext): FieldError[] {
  const s = served(ctx);
  return s ? validateObjectAgainstSchema(obj as Obj, s.schema) : [];
}

export const customResourceStrategy: KindStrategy = {
  generation: true,
  defaults(obj, ctx) {
    const s = served(ctx);
    if (!s?.schema) return;
    prune(obj, s.schema, true);
    applyDefaults(obj, s.schema);
  },
  prepareForCreate(obj, ctx) {
    if (served(ctx)?.statusSubresource) delete (obj as Obj)['status'];
  },
  prepareForUpdate(obj, old: Stored, ctx) {
    if (ctx.subresource || !served(ctx)?.statusSubresource) return;
    if ((old as Obj)['status'] === undefined) delete (obj as Obj)['status'];
    else (obj as Obj)['status'] = structuredClone((old as Obj)['status']);
  },
  validate: (obj, ctx) => validate(obj, ctx),
  validateUpdate: (obj, _old, ctx) => validate(obj, ctx),
};
