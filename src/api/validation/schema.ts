/**
 * Structural OpenAPI v3 schemas of CustomResourceDefinitions: defaulting, pruning of unknown
 * fields and validation of custom resources, worded as apiextensions-apiserver reports them
 * (`spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "3"`).
 */
import type { FieldError } from '../errors.js';
import { fe } from './field.js';

export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
}

type J = Record<string, unknown>;

function isMap(v: unknown): v is J {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Applies `default` values where fields are missing (structural defaulting). */
export function applyDefaults(value: unknown, schema: Schema | undefined): unknown {
  if (!schema) return value;
  if (isMap(value)) {
    for (const [k, s] of Object.entries(schema.properties ?? {})) {
      if (value[k] === undefined && s.default !== undefined) value[k] = structuredClone(s.default);
      if (value[k] !== undefined) value[k] = applyDefaults(value[k], s);
    }
    if (isMap(schema.additionalProperties)) for (const k of Object.keys(value)) value[k] = applyDefaults(value[k], schema.additionalProperties);
  } else if (Array.isArray(value) && schema.items) {
    return value.map((v) => applyDefaults(v, schema.items));
  }
  return value;
}

/** Drops fields the schema does not know (unless x-kubernetes-preserve-unknown-fields). */
export function prune(value: unknown, schema: Schema | undefined, isRoot = false): void {
  if (!schema || schema['x-kubernetes-preserve-unknown-fields']) {
    if (schema && isMap(value)) for (const [k, s] of Object.entries(schema.properties ?? {})) if (value[k] !== undefined) prune(value[k], s);
    return;
  }
  if (isMap(value)) {
    for (const k of Object.keys(value)) {
      if (isRoot && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
      const s = schema.properties?.[k] ?? (isMap(schema.additionalProperties) ? schema.additionalProperties : undefined);
      if (!s && schema.additionalProperties !== true) delete value[k];
      else if (s) prune(value[k], s);
    }
  } else if (Array.isArray(value) && schema.items) {
    for (const v of value) prune(v, schema.items);
  }
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: unknown, s: Schema): boolean {
  if (s['x-kubernetes-int-or-string']) return typeof v === 'string' || Number.isInteger(v);
  if (!s.type) return true;
  if (v === null) return !!s.nullable;
  const t = jsonType(v);
  if (s.type === 'number') return t === 'number' || t === 'integer';
  return t === s.type;
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Validates a value against its schema; `path` is the field path ("spec.replicas"). */
export function validateSchema(value: unknown, schema: Schema | undefined, path: string): FieldError[] {
  if (!schema || value === undefined) return [];
  if (!typeMatches(value, schema)) {
    const actual = jsonType(value) === 'integer' ? 'integer' : jsonType(value);
    return [fe.invalid(path, actual, `${path} in body must be of type ${schema.type}: ${JSON.stringify(show(value))}`)];
  }
  const errs: FieldError[] = [];
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errs.push(fe.notSupported(path, value, schema.enum.map((e) => String(e))));
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)) {
      errs.push(fe.invalid(path, value, `${path} in body should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${schema.minimum}`));
    }
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)) {
      errs.push(fe.invalid(path, value, `${path} in body should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${schema.maximum}`));
    }
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) errs.push(fe.invalid(path, value, `${path} in body should be at least ${schema.minLength} chars long`));
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) errs.push(fe.invalid(path, value, `${path} in body should be at most ${schema.maxLength} chars long`));
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) errs.push(fe.invalid(path, value, `${path} in body should match '${schema.pattern}'`));
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errs.push(fe.invalid(path, value.length, `${path} in body should have at least ${schema.minItems} items`));
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errs.push(fe.tooMany(path, value.length, schema.maxItems));
    value.forEach((v, i) => errs.push(...validateSchema(v, schema.items, `${path}[${i}]`)));
  }
  if (isMap(value)) {
    for (const r of schema.required ?? []) if (value[r] === undefined) errs.push(fe.required(`${path}.${r}`));
    for (const [k, v] of Object.entries(value)) {
      const s = schema.properties?.[k] ?? (isMap(schema.additionalProperties) ? schema.additionalProperties : undefined);
      errs.push(...validateSchema(v, s, path ? `${path}.${k}` : k));
    }
  }
  return errs;
}

/** Validates a whole custom resource: the root's fields are reported without a prefix. */
export function validateObjectAgainstSchema(obj: J, schema: Schema | undefined): FieldError[] {
  if (!schema) return [];
  const errs: FieldError[] = [];
  for (const r of schema.required ?? []) if (obj[r] === undefined) errs.push(fe.required(r));
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'metadata') continue;
    errs.push(...validateSchema(v, schema.properties?.[k] ?? (isMap(schema.additionalProperties) ? schema.additionalProperties : undefined), k));
  }
  return errs;
}
