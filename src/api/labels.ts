/**
 * Label selectors: the string form kubectl's -l takes (`app=web,tier!=db,env in (a,b),!legacy`)
 * and the structured LabelSelector of specs (matchLabels/matchExpressions), both compiled to
 * one list of requirements with apimachinery's semantics.
 */

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals' | 'Gt' | 'Lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export type Labels = Record<string, string> | undefined;

export class SelectorParseError extends Error {}

export function matchesRequirement(labels: Labels, r: Requirement): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels![r.key]! : undefined;
  switch (r.operator) {
    case 'Equals':
    case 'In':
      return has && r.values.includes(value!);
    case 'NotEquals':
    case 'NotIn':
      return !has || !r.values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const n = Number(value);
      const bound = Number(r.values[0]);
      if (!Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return r.operator === 'Gt' ? n > bound : n < bound;
    }
  }
}

export function matchesAll(labels: Labels, requirements: readonly Requirement[]): boolean {
  for (const r of requirements) if (!matchesRequirement(labels, r)) return false;
  return true;
}

/**
 * Compiles a spec LabelSelector. An empty selector ({}) matches everything; a missing one
 * (undefined) matches nothing, as metav1.LabelSelectorAsSelector does.
 */
export function fromLabelSelector(sel: LabelSelector | undefined | null): Requirement[] | null {
  if (!sel) return null;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, operator: 'In', values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) {
      throw new SelectorParseError(`"${e.operator}" is not a valid label selector operator`);
    }
    reqs.push({ key: e.key, operator: e.operator as Operator, values: [...(e.values ?? [])] });
  }
  return reqs;
}

/** Does `labels` match the spec selector? undefined selector: nothing; {}: everything. */
export function selectorMatches(sel: LabelSelector | undefined | null, labels: Labels): boolean {
  const reqs = fromLabelSelector(sel);
  return reqs !== null && matchesAll(labels, reqs);
}

/** A plain map selector (Service.spec.selector, ReplicationController): empty matches nothing. */
export function mapSelectorMatches(selector: Record<string, string> | undefined, labels: Labels): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false;
  return true;
}

// ---- string form -------------------------------------------------------------------------

const KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Parses kubectl's -l syntax. Throws SelectorParseError with apimachinery's wording. */
export function parseSelector(text: string): Requirement[] {
  const reqs: Requirement[] = [];
  const s = text.trim();
  if (s === '') return reqs;
  let i = 0;
  const skipWs = (): void => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const readToken = (): string => {
    skipWs();
    const start = i;
    while (i < s.length && !' ,()=!'.includes(s[i]!)) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
    }
    const key = readToken();
    if (!key) throw new SelectorParseError(`unable to parse requirement: found '${s[i] ?? ''}', expected: identifier`);
    validateKey(key);
    skipWs();
    if (negate) {
      reqs.push({ key, operator: 'DoesNotExist', values: [] });
    } else if (i >= s.length || s[i] === ',') {
      reqs.push({ key, operator: 'Exists', values: [] });
    } else if (s.startsWith('!=', i)) {
      i += 2;
      reqs.push({ key, operator: 'NotEquals', values: [readValue()] });
    } else if (s.startsWith('==', i)) {
      i += 2;
      reqs.push({ key, operator: 'Equals', values: [readValue()] });
    } else if (s[i] === '=') {
      i += 1;
      reqs.push({ key, operator: 'Equals', values: [readValue()] });
    } else {
      const word = readToken();
      if (word === 'in' || word === 'notin') {
        reqs.push({ key, operator: word === 'in' ? 'In' : 'NotIn', values: readSet() });
      } else if (word === 'gt' || word === 'lt') {
        reqs.push({ key, operator: word === 'gt' ? 'Gt' : 'Lt', values: [readValue()] });
      } else {
        throw new SelectorParseError(`unable to parse requirement: found '${word}', expected: in, notin, =, ==, !=, gt, lt`);
      }
    }
    skipWs();
    if (i < s.length) {
      if (s[i] !== ',') throw new SelectorParseError(`found '${s[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return reqs;

  function readValue(): string {
    skipWs();
    const start = i;
    while (i < s.length && !' ,()'.includes(s[i]!)) i++;
    const v = s.slice(start, i);
    if (v.includes('=') || v.includes('!')) throw new SelectorParseError(`unable to parse requirement: invalid label value: "${v}"`);
    return v;
  }

  function readSet(): string[] {
    skipWs();
    if (s[i] !== '(') throw new SelectorParseError(`unable to parse requirement: found '${s[i] ?? ''}', expected: '('`);
    i++;
    const values: string[] = [];
    for (;;) {
      const v = readValue();
      skipWs();
      if (v) values.push(v);
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ')') {
        i++;
        break;
      }
      throw new SelectorParseError(`unable to parse requirement: found '${s[i] ?? ''}', expected: ',', ')' or identifier`);
    }
    return values;
  }
}

function validateKey(key: string): void {
  if (!KEY_RE.test(key) || key.length > 317) {
    throw new SelectorParseError(`unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`);
  }
}

/** Requirements back to their canonical string (as `kubectl describe` prints selectors). */
export function formatRequirements(reqs: readonly Requirement[]): string {
  return reqs
    .map((r) => {
      switch (r.operator) {
        case 'Equals':
          return `${r.key}=${r.values[0]}`;
        case 'NotEquals':
          return `${r.key}!=${r.values[0]}`;
        case 'In':
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        case 'Gt':
          return `${r.key}>${r.values[0]}`;
        case 'Lt':
          return `${r.key}<${r.values[0]}`;
      }
    })
    .join(',');
}

/** Formats a spec LabelSelector as kubectl describe does ("app=web,tier in (a,b)"). */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const reqs = fromLabelSelector(sel);
  if (reqs === null) return '<none>';
  if (reqs.length === 0) return '<none>';
  return formatRequirements([...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}
