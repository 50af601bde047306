/**
 * Reads the schema of every built-in kind from the installed kubernetes-types package: its
 * .d.ts files carry each type's fields, their types, which are required (no `?`) and the
 * descriptions from the Kubernetes API as JSDoc. The files are generated and regular, so a
 * line reader suffices: `/** doc *\/` comments, `export interface X {`, `name?: Type;` members,
 * `{ [name: string]: T; }` maps, and `export type X = ...;` aliases.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';

/** A field's type as the .d.ts spells it. */
export type TypeRef =
  | { kind: 'string' | 'number' | 'boolean' | 'int-or-string' }
  | { kind: 'ref'; module: string; name: string }
  | { kind: 'array'; of: TypeRef }
  | { kind: 'map'; of: TypeRef };

export interface FieldDecl {
  name: string;
  type: TypeRef;
  required: boolean;
  description: string;
}

export interface TypeDecl {
  /** Package module path inside kubernetes-types: "apps/v1", "meta/v1", "runtime". */
  module: string;
  name: string;
  description: string;
  /** Undefined for type aliases (Time, Quantity, JSONSchemaPropsOrBool, ...). */
  fields?: FieldDecl[];
  /** The aliased text for `export type X = ...`. */
  alias?: string;
}

/** Every declaration, keyed "module.Name" ("apps/v1.Deployment"). */
export type Declarations = Map<string, TypeDecl>;

export function declKey(module: string, name: string): string {
  return `${module}.${name}`;
}

/** Where kubernetes-types is installed (throws when it is not). */
export function kubernetesTypesRoot(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('kubernetes-types/package.json'));
}

function listDts(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir)).sort()) {
    const rel = dir ? `${dir}/${entry}` : entry;
    if (statSync(join(root, rel)).isDirectory()) out.push(...listDts(root, rel));
    else if (entry.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Reads every .d.ts of the package. */
export function readDeclarations(root = kubernetesTypesRoot()): Declarations {
  const decls: Declarations = new Map();
  for (const file of listDts(root)) {
    const module = file.replace(/\.d\.ts$/, '');
    for (const d of parseModule(module, readFileSync(join(root, file), 'utf8'))) decls.set(declKey(d.module, d.name), d);
  }
  return decls;
}

/** The text of a JSDoc comment: one line, or ` * `-prefixed lines. */
function docText(lines: string[]): string {
  const joined = lines.join('\n').trim();
  const body = joined.replace(/^\/\*\*/, '').replace(/\*\/$/, '');
  if (!body.includes('\n')) return body.trim();
  return body
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .replace(/^[ \t]*\n/, '')
    .replace(/\n[ \t]*$/, '');
}

/** Parses one generated module. Exported for tests. */
export function parseModule(module: string, text: string): TypeDecl[] {
  const imports = new Map<string, string>();
  const decls: TypeDecl[] = [];
  const lines = text.split('\n');
  let doc = '';
  let current: TypeDecl | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    const imp = /^import \{ (.+) \} from "(.+)";$/.exec(trimmed);
    if (imp) {
      const from = posix.normalize(posix.join(posix.dirname(module), imp[2]!));
      for (const n of imp[1]!.split(',')) imports.set(n.trim(), from);
      continue;
    }
    if (trimmed.startsWith('/**')) {
      const chunk = [line];
      while (!lines[i]!.trim().endsWith('*/')) chunk.push(lines[++i]!);
      doc = docText(chunk);
      continue;
    }
    const iface = /^export interface (\w+) \{(\})?$/.exec(trimmed);
    if (iface) {
      current = { module, name: iface[1]!, description: doc, fields: [] };
      decls.push(current);
      if (iface[2]) current = undefined;
      doc = '';
      continue;
    }
    const alias = /^export type (\w+) = (.+);$/.exec(trimmed);
    if (alias) {
      decls.push({ module, name: alias[1]!, description: doc, alias: alias[2]! });
      doc = '';
      continue;
    }
    if (trimmed === '}' && current) {
      current = undefined;
      continue;
    }
    const member = /^(?:readonly )?("?[\w$-]+"?)(\??): (.+)$/.exec(trimmed);
    if (member && current) {
      let typeText = member[3]!;
      if (typeText === '{') {
        // { [name: string]: T; }
        const value = /^\[\w+: string\]: (.+);$/.exec(lines[++i]!.trim());
        i++; // the closing "};"
        typeText = `{map}${value ? value[1] : 'string'}`;
      } else {
        typeText = typeText.replace(/;$/, '');
      }
      const local = (n: string) => ({ kind: 'ref' as const, module: imports.get(n) ?? module, name: n });
      current.fields!.push({ name: member[1]!.replace(/"/g, ''), type: parseType(typeText, local), required: member[2] !== '?', description: doc });
      doc = '';
    }
  }
  return decls;
}

function parseType(text: string, ref: (name: string) => TypeRef): TypeRef {
  if (text.startsWith('{map}')) return { kind: 'map', of: parseType(text.slice(5), ref) };
  const arr = /^Array<(.+)>$/.exec(text);
  if (arr) return { kind: 'array', of: parseType(arr[1]!, ref) };
  if (text === 'number | string' || text === 'string | number') return { kind: 'int-or-string' };
  if (text === 'string' || /^"[^"]*"$/.test(text)) return { kind: 'string' };
  if (text === 'number') return { kind: 'number' };
  if (text === 'boolean') return { kind: 'boolean' };
  return ref(text);
}
