/**
 * Schema validation with ajv (draft 2020-12), turning ajv's errors into one sentence per problem
 * at the line and column of the offending value: what was expected and what was found.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { SCHEMAS } from './schemas.js';
// Precompiled at build time (scripts/write-validators.ts): no schema compilation at start-up.
import * as precompiled from './generated/validators.js';
import { pointerToPath, type SourceError, type YamlSource } from './source.js';

export type FileKind = keyof typeof SCHEMAS;

function compiled(): Record<FileKind, ValidateFunction> {
  return precompiled;
}

const CHECK_KINDS = ['get', 'list', 'canI', 'certificate', 'file', 'command', 'ready'];

export function validateSchema(kind: FileKind, source: YamlSource, value: unknown): SourceError[] {
  const validate = compiled()[kind];
  if (validate(value)) return [];
  const errors = relevant(validate.errors ?? [], value);
  const seen = new Set<string>();
  const out: SourceError[] = [];
  for (const e of errors) {
    const err = toSourceError(source, e, value);
    if (!seen.has(err.message)) {
      seen.add(err.message);
      out.push(err);
    }
  }
  return out.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
}

/**
 * A check is a oneOf over kinds; ajv reports every branch's complaints. Keep only those of the
 * branch the author meant (the kind key present), or one summary when no kind key is present.
 */
function relevant(errors: ErrorObject[], root: unknown): ErrorObject[] {
  return errors.filter((e) => {
    const m = /\/checks\/items\/oneOf\/(\d+)\//.exec(e.schemaPath);
    if (m) {
      const check = valueAt(root, checkPath(e.instancePath));
      const intended = CHECK_KINDS.findIndex((k) => check && typeof check === 'object' && k in (check as object));
      return intended === Number(m[1]);
    }
    if (e.keyword === 'oneOf' && /\/checks\/\d+$/.test(e.instancePath)) {
      const check = valueAt(root, pointerToPath(e.instancePath));
      return !CHECK_KINDS.some((k) => check && typeof check === 'object' && k in (check as object));
    }
    return e.keyword !== 'if';
  });
}

function checkPath(instancePath: string): (string | number)[] {
  const path = pointerToPath(instancePath);
  const i = path.lastIndexOf('checks');
  return path.slice(0, i + 2);
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v}"`;
  return String(v);
}

function toSourceError(source: YamlSource, e: ErrorObject, root: unknown): SourceError {
  const path = pointerToPath(e.instancePath);
  const found = valueAt(root, path);
  const where = path.length ? path.join('.').replace(/\.(\d+)/g, '[$1]') : 'the document';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return source.error(path, `${where}: missing required field "${String(p['missingProperty'])}"`);
    case 'additionalProperties': {
      const schema = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const allowed = Object.keys(schema?.properties ?? {}).join(', ');
      const name = String(p['additionalProperty']);
      return source.error([...path, name], `${where}: unknown field "${name}"${allowed ? ` (expected one of: ${allowed})` : ''}`, true);
    }
    case 'type':
      return source.error(path, `${where}: expected ${String(p['type']).replace(/,/g, ' or ')}, found ${describe(found)}`);
    case 'enum':
      return source.error(path, `${where}: expected one of ${(p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, found ${describe(found)}`);
    case 'const':
      return source.error(path, `${where}: expected ${JSON.stringify(p['allowedValue'])}, found ${describe(found)}`);
    case 'pattern':
      return source.error(path, `${where}: ${describe(found)} does not match the expected form ${String(p['pattern'])}`);
    case 'minItems':
      return source.error(path, `${where}: expected at least ${String(p['limit'])} item(s)`);
    case 'minProperties':
    case 'maxProperties':
      return path.includes('breakages')
        ? source.error(path, `${where}: a breakage names exactly one kind: file, staticPod, service, object, node, cni, kubeconfig, certificate or rbac`)
        : source.error(path, `${where}: expected ${e.keyword === 'minProperties' ? 'at least' : 'at most'} ${String(p['limit'])} field(s)`);
    case 'oneOf':
      return source.error(path, `${where}: a check needs exactly one kind: ${CHECK_KINDS.join(', ')}`);
    case 'exclusiveMinimum':
    case 'minimum':
    case 'maximum':
      return source.error(path, `${where}: ${e.message ?? 'out of range'}, found ${describe(found)}`);
    default:
      return source.error(path, `${where}: ${e.message ?? 'invalid'}`);
  }
}
