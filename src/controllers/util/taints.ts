/** Taints and tolerations (v1helper.TolerationsTolerateTaint and friends). */
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';

/** Does one toleration tolerate a taint (empty effect matches all effects; Exists with empty key matches all keys)? */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator || 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

export function toleratesTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => tolerates(t, taint));
}

/** The first taint matching `filter` that no toleration tolerates. */
export function findUntoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined, filter: (t: Taint) => boolean): Taint | undefined {
  return (taints ?? []).find((t) => filter(t) && !toleratesTaint(tolerations, t));
}

export function taintExists(taints: readonly Taint[] | undefined, key: string, effect: string): boolean {
  return (taints ?? []).some((t) => t.key === key && t.effect === effect);
}

/** v1helper.AddOrUpdateTolerationInPodSpec: replaces an equal toleration, else appends. */
export function addOrUpdateToleration(list: Toleration[], tol: Toleration): Toleration[] {
  const same = (a: Toleration): boolean => (a.key ?? '') === (tol.key ?? '') && (a.operator || 'Equal') === (tol.operator || 'Equal') && (a.value ?? '') === (tol.value ?? '') && (a.effect ?? '') === (tol.effect ?? '');
  const i = list.findIndex(same);
  if (i >= 0) {
    list[i] = tol;
    return list;
  }
  list.push(tol);
  return list;
}
