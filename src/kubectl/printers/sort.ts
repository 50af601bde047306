/**
 * `--sort-by` (kubectl get/sorter.go): a relaxed JSONPath (`.metadata.name`, `{.spec.replicas}`)
 * evaluated per object, ordered by Go's sort.Sort with kubectl's isLess: integers and floats
 * by value, strings as quantities when both parse ("10Gi" > "9Mi") else bytewise, missing
 * values first. Booleans, maps and lists are unsortable, which kubectl reports and exits on.
 */

import type { KObject } from '../../api/types.js';
import { GoFloat } from '../../util/gofmt.js';
import { goSort } from './gosort.js';
import { JsonPath } from './jsonpath/eval.js';
import { goTypeName } from './jsonpath/eval.js';
import { JsonPathParseError } from './jsonpath/parser.js';
import { isQuantityText, quantityValue } from './quantity.js';

export class SortError extends Error {
  /** kubectl exits through klog.Exitf (status 1) for unsortable values. */
  constructor(
    message: string,
    readonly fatal = false,
  ) {
    super(message);
  }
}

const JSON_RE = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: "a.b", ".a.b", "{a.b}" and "{.a.b}" all become "{.a.b}". */
export function relaxedJsonPath(expr: string): string {
  if (expr.length === 0) return expr;
  const m = JSON_RE.exec(expr);
  if (!m) throw new SortError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] || m[2]}}`;
}

function firstValue(path: JsonPath, obj: unknown): { found: boolean; value: unknown } {
  path.reset();
  const results = path.findResults(obj);
  if (results.length === 0 || results[0]!.length === 0) return { found: false, value: undefined };
  return { found: true, value: results[0]![0] };
}

function isLess(a: unknown, b: unknown, field: string, holder: string): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  const fail = (detail: string): never => {
    throw new SortError(`Field ${field} in ${holder} is an unsortable type: interface, err: ${detail}`, true);
  };
  if (typeof a === 'number' || a instanceof GoFloat) {
    const ak = goTypeName(a);
    if (goTypeName(b) !== ak) fail('unsortable interface: interface');
    const x = a instanceof GoFloat ? a.value : a;
    const y = b instanceof GoFloat ? b.value : (b as number);
    return x < y;
  }
  if (typeof a === 'string') {
    if (typeof b !== 'string') fail('unsortable interface: interface');
    const bs = b as string;
    if (isQuantityText(a) && isQuantityText(bs)) return quantityValue(a) < quantityValue(bs);
    return Buffer.compare(Buffer.from(a), Buffer.from(bs)) < 0;
  }
  return fail(`unsortable type: ${goTypeName(a)}`);
}

function compile(field: string, wrapParseError: boolean): JsonPath {
  try {
    const p = JsonPath.parse(field);
    p.allowMissingKeys = true;
    return p;
  } catch (e) {
    if (e instanceof JsonPathParseError && wrapParseError) throw new SortError(`sorting error: ${e.message}`);
    throw new SortError((e as Error).message);
  }
}

/**
 * Sorts the rows of one table (the human-readable path). Errors: "sorting error: ..." for a
 * template that does not parse, "couldn't find any field ..." when no row has the field.
 */
export function sortTableRows(objects: KObject[], sortBy: string): KObject[] {
  let field: string;
  try {
    field = relaxedJsonPath(sortBy);
  } catch {
    field = sortBy;
  }
  const path = compile(field, true);
  const values = objects.map((o) => firstValue(path, o));
  if (objects.length > 0 && !values.some((v) => v.found)) throw new SortError(`couldn't find any field with path "${field}" in the list of objects`);
  return sortByValues(objects, values, field, '[][][]reflect.Value');
}

/** Sorts list items (the -o json/yaml/name/custom-columns path, SortObjects). */
export function sortListItems(objects: KObject[], sortBy: string): KObject[] {
  if (objects.length === 0) return objects;
  const field = relaxedJsonPath(sortBy);
  const path = compile(field, false);
  const values = objects.map((o) => firstValue(path, o));
  if (!values.some((v) => v.found)) throw new SortError(`couldn't find any field with path "${field}" in the list of objects`);
  return sortByValues(objects, values, field, '*unstructured.Unstructured');
}

function sortByValues(objects: KObject[], values: { found: boolean; value: unknown }[], field: string, holder: string): KObject[] {
  const items = objects.map((obj, i) => ({ obj, v: values[i]! }));
  goSort(items, (x, y) => {
    if (!x.v.found) return true;
    if (!y.v.found) return false;
    return isLess(x.v.value, y.v.value, field, holder);
  });
  return items.map((i) => i.obj);
}
