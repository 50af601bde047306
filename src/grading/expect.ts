/**
 * Expectations over values found by a JSONPath: equals, matches, exists, count, all, any,
 * contains, in, notEquals, gte, lte. Each failure says what was expected and what was found,
 * in words a candidate can act on.
 */
import { JSONPath } from 'jsonpath-plus';
import type { Expectation } from '../scenario/types.js';

export interface Verdict {
  passed: boolean;
  expected: string;
  found: string;
}

const PASS = (expected: string, found: string): Verdict => ({ passed: true, expected, found });
const FAIL = (expected: string, found: string): Verdict => ({ passed: false, expected, found });

export function query(target: unknown, path: string | undefined, listItems: boolean): unknown[] {
  if (!path || path === '$') return listItems && Array.isArray(target) ? target : [target];
  const out = JSONPath({ path, json: target as object, wrap: true }) as unknown[];
  return out.filter((v) => v !== undefined);
}

export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  // API objects are named, not dumped: `pod/web-1`.
  const meta = (v as { kind?: string; metadata?: { name?: string } } | null)?.metadata;
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof meta?.name === 'string') {
    const kind = (v as { kind?: string }).kind;
    return kind ? `${kind.toLowerCase()}/${meta.name}` : meta.name;
  }
  const s = JSON.stringify(v);
  return s.length > 120 ? s.slice(0, 117) + '...' : s;
}

function showAll(values: unknown[], path?: string): string {
  const where = path && path !== '$' ? ` at ${path}` : '';
  if (values.length === 0) return `nothing${where}`;
  if (values.length === 1) return show(values[0]) + where;
  const shown = values.slice(0, 5).map(show).join(', ');
  return `[${shown}${values.length > 5 ? `, … (${values.length} values)` : ''}]${where}`;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' || typeof a === 'boolean') && typeof b === 'string') return String(a) === b;
  if ((typeof b === 'number' || typeof b === 'boolean') && typeof a === 'string') return String(b) === a;
  return JSON.stringify(a) === JSON.stringify(b);
}

function containsValue(container: unknown, item: unknown): boolean {
  if (Array.isArray(container)) return container.some((x) => same(x, item) || (typeof item === 'object' && item !== null && isSubset(item, x)));
  if (typeof container === 'string') return container.includes(String(item));
  if (container && typeof container === 'object' && typeof item === 'object' && item !== null) return isSubset(item, container);
  return false;
}

/** Every field of `part` is in `whole` (for "contains a toleration like this"). */
function isSubset(part: unknown, whole: unknown): boolean {
  if (part === null || typeof part !== 'object') return same(part, whole);
  if (whole === null || typeof whole !== 'object') return false;
  return Object.entries(part as object).every(([k, v]) => isSubset(v, (whole as Record<string, unknown>)[k]));
}

/**
 * Evaluates an expectation against a target. `listItems` says the target is a list whose items
 * are the values when no path is given (list checks).
 */
export function evaluate(e: Expectation, target: unknown, listItems = false): Verdict {
  let values: unknown[];
  try {
    values = query(target, e.path, listItems);
  } catch (err) {
    return FAIL(`a valid JSONPath`, `${e.path}: ${(err as Error).message}`);
  }
  const found = showAll(values, e.path);
  const checks: Verdict[] = [];
  if (e.exists !== undefined) {
    const want = `${e.exists ? 'a value' : 'no value'}${e.path ? ` at ${e.path}` : ''}`;
    checks.push(values.length > 0 === e.exists ? PASS(want, found) : FAIL(want, found));
  }
  if (e.count) checks.push(countVerdict(e.count, values.length, found));
  const every = (desc: string, pred: (v: unknown) => boolean): Verdict => (values.length > 0 && values.every(pred) ? PASS(desc, found) : FAIL(desc, found));
  if (e.equals !== undefined) checks.push(every(show(e.equals), (v) => same(v, e.equals)));
  if (e.notEquals !== undefined) checks.push(values.every((v) => !same(v, e.notEquals)) ? PASS('', found) : FAIL(`anything but ${show(e.notEquals)}`, found));
  if (e.matches !== undefined) {
    const re = new RegExp(e.matches);
    checks.push(every(`a value matching /${e.matches}/`, (v) => typeof v !== 'object' && re.test(String(v))));
  }
  if (e.contains !== undefined) checks.push(every(`a value containing ${show(e.contains)}`, (v) => containsValue(v, e.contains)));
  if (e.in !== undefined) checks.push(every(`one of ${e.in.map(show).join(', ')}`, (v) => e.in!.some((x) => same(v, x))));
  if (e.gte !== undefined) checks.push(every(`a number >= ${e.gte}`, (v) => Number(v) >= e.gte!));
  if (e.lte !== undefined) checks.push(every(`a number <= ${e.lte}`, (v) => Number(v) <= e.lte!));
  if (e.all) checks.push(quantified('every', values, e.all));
  if (e.any) checks.push(quantified('some', values, e.any));
  const failed = checks.find((c) => !c.passed);
  if (failed) return failed;
  return PASS(checks.map((c) => c.expected).filter(Boolean).join(' and '), found);
}

function countVerdict(c: { min?: number; max?: number; equals?: number }, n: number, found: string): Verdict {
  const want = c.equals !== undefined ? `exactly ${c.equals}` : c.min !== undefined && c.max !== undefined ? `between ${c.min} and ${c.max}` : c.min !== undefined ? `at least ${c.min}` : `at most ${c.max}`;
  const ok = (c.equals === undefined || n === c.equals) && (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
  const foundText = `${n} (${found})`;
  return ok ? PASS(`${want} value(s)`, foundText) : FAIL(`${want} value(s)`, foundText);
}

function quantified(kind: 'every' | 'some', values: unknown[], inner: Expectation): Verdict {
  const verdicts = values.map((v) => evaluate(inner, v));
  const pass = kind === 'every' ? values.length > 0 && verdicts.every((v) => v.passed) : verdicts.some((v) => v.passed);
  const firstFail = verdicts.find((v) => !v.passed);
  const expected = `${kind} item: ${verdicts[0]?.expected ?? describeInner(inner)}`;
  if (pass) return PASS(expected, `${values.length} item(s)`);
  if (values.length === 0) return FAIL(expected, 'no items');
  return FAIL(expected, kind === 'every' ? `${verdicts.filter((v) => !v.passed).length} of ${values.length} item(s) did not: ${firstFail?.found ?? ''}` : `none of ${values.length} item(s) did`);
}

function describeInner(e: Expectation): string {
  return JSON.stringify(e);
}
