/**
 * client-go's jsonpath evaluator (util/jsonpath/jsonpath.go) over decoded JSON, with its
 * printing rules: each expression's results are joined by a space, maps and lists print as
 * compact JSON (sorted keys, HTML-escaped), a JSON null as `null`, and `{range}...{end}`
 * repeats its body per element. Integral numbers are int64 and others float64, as
 * apimachinery decodes them, which matters to filters (`[?(@.n > 1)]`).
 *
 * A value here: `undefined` is Go's invalid reflect.Value, `null` a nil interface.
 */

import { GoFloat, formatFloatV, goJsonCompact, goJsonIndent, sprintV } from '../../../util/gofmt.js';
import type { JPNode, ListNode } from './parser.js';
import { parseJsonPath } from './parser.js';

export class JsonPathExecError extends Error {}

type V = unknown;

export class JsonPath {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JPNode | undefined;
  private rootNodes: JPNode[];
  allowMissingKeys = false;
  outputJSON = false;

  constructor(readonly root: ListNode) {
    this.rootNodes = root.nodes;
  }

  static parse(template: string): JsonPath {
    return new JsonPath(parseJsonPath(template));
  }

  /** Execute: the text the template prints for `data`; throws JsonPathExecError. */
  execute(data: V): string {
    this.reset();
    const full = this.findResults(data);
    return full.map((r) => this.printResults(r)).join('');
  }

  /** Clears range state left by an earlier run. */
  reset(): void {
    this.rootNodes = this.root.nodes;
    this.beginRange = this.inRange = this.endRange = 0;
    this.lastEndNode = undefined;
  }

  findResults(data: V): V[][] {
    const cur: V[] = [data];
    const nodes = this.rootNodes;
    const full: V[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.rootNodes = nodes.slice(i + 1);
            full.push(...this.findResults(value));
          }
        } else {
          this.rootNodes = nodes.slice(i + 1);
          this.findResults(undefined);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  printResults(results: V[]): string {
    if (this.outputJSON) results = [results];
    let out = '';
    results.forEach((r, i) => {
      const isJson = r !== null && typeof r === 'object' && !(r instanceof GoFloat);
      let text: string;
      if (this.outputJSON) text = goJsonIndent(r) + '\n';
      else if (isJson) text = goJsonCompact(r);
      else text = evalToText(r);
      if (i !== results.length - 1) text += ' ';
      out += text;
    });
    return out;
  }

  private walk(value: V[], node: JPNode): V[] {
    switch (node.type) {
      case 'list':
        return this.evalList(value, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(value, node.value);
      case 'array':
        return this.evalArray(value, node);
      case 'filter':
        return this.evalFilter(value, node);
      case 'int':
      case 'float':
      case 'bool':
        return value.map(() => node.value);
      case 'wildcard':
        return this.evalWildcard(value);
      case 'recursive':
        return this.evalRecursive(value);
      case 'union':
        return node.nodes.flatMap((list) => this.evalList(value, list));
      case 'identifier':
        return this.evalIdentifier(value, node.name);
    }
  }

  evalList(value: V[], node: ListNode): V[] {
    let cur = value;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: V[], name: string): V[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JsonPathExecError('not in range, nothing to end');
    }
    throw new JsonPathExecError(`unrecognized identifier ${name}`);
  }

  private evalArray(input: V[], node: Extract<JPNode, { type: 'array' }>): V[] {
    const result: V[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value)) throw new JsonPathExecError(`${goTypeName(value)} is not array or slice`);
      const params = node.params.map((p) => ({ ...p }));
      const [p0, p1, p2] = params as [(typeof params)[0], (typeof params)[0], (typeof params)[0]];
      if (!p0.known) p0.value = 0;
      if (p0.value < 0) p0.value += value.length;
      if (!p1.known) p1.value = value.length;
      if (p1.value < 0 || (p1.value === 0 && p1.derived)) p1.value += value.length;
      const len = value.length;
      if (p1.value === p0.value) return result;
      if (p0.value >= len || p0.value < 0) throw new JsonPathExecError(`array index out of bounds: index ${p0.value}, length ${len}`);
      if (p1.value > len || p1.value < 0) throw new JsonPathExecError(`array index out of bounds: index ${p1.value - 1}, length ${len}`);
      if (p0.value > p1.value) throw new JsonPathExecError(`starting index ${p0.value} is greater than ending index ${p1.value}`);
      const slice = value.slice(p0.value, p1.value);
      let step = 1;
      if (p2.known) {
        if (p2.value <= 0) throw new JsonPathExecError('step must be > 0');
        step = p2.value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalField(input: V[], name: string): V[] {
    const results: V[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (isMap(value) && Object.prototype.hasOwnProperty.call(value, name)) results.push(value[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathExecError(`${name} is not found`);
    return results;
  }

  private evalWildcard(input: V[]): V[] {
    const results: V[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      results.push(...children(value));
    }
    return results;
  }

  private evalRecursive(input: V[]): V[] {
    const result: V[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      const kids = children(value);
      if (kids.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: V[], node: Extract<JPNode, { type: 'filter' }>): V[] {
    const results: V[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) throw new JsonPathExecError(`${value === undefined || value === null ? '<nil>' : sprintV(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        const temp = [item];
        if (node.operator === 'exists') {
          let lefts: V[] = [];
          try {
            lefts = this.evalList(temp, node.left);
          } catch {
            lefts = [];
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        const lefts = this.evalList(temp, node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        const rights = this.evalList(temp, node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

function isMap(v: V): v is Record<string, V> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoFloat);
}

/** Elements of a map (in key order), list, or string (its bytes). */
function children(v: V): V[] {
  if (Array.isArray(v)) return [...v];
  if (isMap(v)) return Object.values(v);
  if (typeof v === 'string') return [...Buffer.from(v, 'utf8')];
  return [];
}

/** The Go type name in "x is not array or slice". */
export function goTypeName(v: V): string {
  if (v instanceof GoFloat) return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int64' : 'float64';
    case 'object':
      return 'map[string]interface {}';
  }
  return 'interface {}';
}

function evalToText(v: V): string {
  if (v === undefined) return '<no value>';
  if (v === null) return 'null';
  if (v instanceof GoFloat) return formatFloatV(v.value);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloatV(v);
  return String(v);
}

// ---- the forked text/template comparison functions -----------------------------------

type Kind = 'bool' | 'int' | 'float' | 'string';

function basicKind(v: V): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  throw new JsonPathExecError('invalid type for comparison');
}

const num = (v: V): number => (v instanceof GoFloat ? v.value : (v as number));

function equal(a: V, b: V): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) throw new JsonPathExecError('incompatible types for comparison');
  if (k1 === 'int' || k1 === 'float') return num(a) === num(b);
  return a === b;
}

function less(a: V, b: V): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) throw new JsonPathExecError('incompatible types for comparison');
  if (k1 === 'bool') throw new JsonPathExecError('invalid type for comparison');
  if (k1 === 'string') return (a as string) < (b as string);
  return num(a) < num(b);
}

function compare(op: string, a: V, b: V): boolean {
  switch (op) {
    case '<':
      return less(a, b);
    case '>':
      return !(less(a, b) || equal(a, b));
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<=':
      return less(a, b) || equal(a, b);
    case '>=':
      return !less(a, b);
  }
  throw new JsonPathExecError(`unrecognized filter operator ${op}`);
}
