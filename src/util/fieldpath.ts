/**
 * Field paths as instructors write them in breakages: `spec.containers[0].image`,
 * `command[0]`, `metadata.labels["app.kubernetes.io/name"]`. Get, set and remove on plain JSON.
 */

export type Segment = string | number;

export class FieldPathError extends Error {}

export function parseFieldPath(path: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  const s = path.startsWith('.') ? path.slice(1) : path;
  while (i < s.length) {
    if (s[i] === '[') {
      const close = s.indexOf(']', i);
      if (close < 0) throw new FieldPathError(`unclosed [ in field path "${path}"`);
      const inner = s.slice(i + 1, close).trim();
      const quoted = /^["'](.*)["']$/.exec(inner);
      if (quoted) out.push(quoted[1]!);
      else if (/^\d+$/.test(inner)) out.push(Number(inner));
      else throw new FieldPathError(`index "${inner}" in field path "${path}" is not a number or a quoted key`);
      i = close + 1;
      if (s[i] === '.') i++;
    } else {
      let j = i;
      while (j < s.length && s[j] !== '.' && s[j] !== '[') j++;
      if (j === i) throw new FieldPathError(`empty segment in field path "${path}"`);
      out.push(s.slice(i, j));
      i = j;
      if (s[i] === '.') i++;
    }
  }
  return out;
}

export function getPath(root: unknown, path: readonly Segment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Sets a value, creating maps (and extending lists by one) on the way. */
export function setPath(root: Record<string, unknown>, path: readonly Segment[], value: unknown): void {
  if (path.length === 0) throw new FieldPathError('cannot set the document root');
  let cur: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    let next = cur[seg];
    if (next === null || typeof next !== 'object') {
      next = typeof path[i + 1] === 'number' ? [] : {};
      cur[seg] = next;
    }
    cur = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(cur) && typeof last === 'number' && last > cur.length) throw new FieldPathError(`index ${last} is past the end of a list of ${cur.length}`);
  cur[last] = value;
}

export function removePath(root: unknown, path: readonly Segment[]): boolean {
  const parent = getPath(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || last === undefined) return false;
  if (Array.isArray(parent) && typeof last === 'number') {
    if (last >= parent.length) return false;
    parent.splice(last, 1);
    return true;
  }
  if (!(last in (parent as object))) return false;
  delete (parent as Record<string | number, unknown>)[last];
  return true;
}
