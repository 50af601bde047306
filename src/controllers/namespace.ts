/**
 * The namespace controller (pkg/controller/namespace): deletes everything in a namespace being
 * deleted, reports progress in the namespace's conditions as v1.33 words them, and removes the
 * `kubernetes` finalizer once nothing is left so the namespace goes.
 */
import type { NamespaceCondition } from 'kubernetes-types/core/v1.js';
import type { ReconcileResult, Reconciler } from '../cluster/runloop.js';
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { resourceKey } from '../api/registry.js';
import { clone } from '../api/types.js';
import type { ControllerContext } from './context.js';
import { deepEqual } from './util/equal.js';
import type { Namespace, Pod } from './util/types.js';
import { Wakeups } from './util/wakeups.js';
import { errorMessage } from './util/writes.js';

export const COMPONENT = 'namespace-controller';
/** Seconds assumed for objects held by finalizers (finalizerEstimateSeconds). */
const FINALIZER_ESTIMATE = 15;

const CONDITION_TYPES = ['NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure', 'NamespaceContentRemaining', 'NamespaceFinalizersRemaining'] as const;
const OK: Record<string, [reason: string, message: string]> = {
  NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'All resources successfully discovered'],
  NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  NamespaceDeletionContentFailure: ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  NamespaceContentRemaining: ['ContentRemoved', 'All content successfully removed'],
  NamespaceFinalizersRemaining: ['ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
};

export class NamespaceController implements Reconciler {
  readonly name = COMPONENT;
  private readonly wake: Wakeups;

  constructor(private readonly ctx: ControllerContext) {
    this.wake = new Wakeups(ctx.clock);
  }

  private get client() {
    return this.ctx.clientAs('namespace-controller');
  }

  keysFor(event: WatchEvent): Iterable<string> {
    if (event.resource === 'namespaces') return event.type !== 'DELETED' && event.object.metadata.deletionTimestamp ? [event.object.metadata.name] : [];
    const ns = event.object.metadata.namespace;
    if (!ns || (event.type !== 'DELETED' && !event.object.metadata.deletionTimestamp)) return [];
    return this.ctx.store.get('namespaces', '', ns)?.metadata.deletionTimestamp ? [ns] : [];
  }

  resyncKeys(): Iterable<string> {
    this.wake.clear();
    return this.ctx.store
      .list('namespaces')
      .filter((n) => n.metadata.deletionTimestamp)
      .map((n) => n.metadata.name);
  }

  reconcile(name: string): ReconcileResult | void {
    const ns = this.ctx.store.get('namespaces', '', name) as Namespace | undefined;
    if (!ns?.metadata.deletionTimestamp) {
      this.wake.forget(name);
      return;
    }
    if (!(ns.spec?.finalizers ?? []).includes('kubernetes')) {
      // Finalized already; a namespace nothing holds any more goes on the next DELETE.
      if (!(ns.spec?.finalizers?.length) && !(ns.metadata.finalizers?.length)) this.quiet(() => this.client.delete('namespaces', '', name));
      return;
    }
    const { estimate, remaining, finalizers, errors } = this.deleteAllContent(name);
    this.updateConditions(ns, remaining, finalizers, errors);
    if (estimate > 0 || errors.length > 0) return this.wake.after(name, estimate > 0 ? Math.floor(estimate / 2) + 1 : 1);
    const latest = this.ctx.store.get('namespaces', '', name) as Namespace | undefined;
    if (!latest) return;
    const copy = clone(latest) as Namespace;
    copy.spec = { ...(copy.spec ?? {}), finalizers: (copy.spec?.finalizers ?? []).filter((f) => f !== 'kubernetes') };
    this.quiet(() => this.client.api.update(this.client.user, 'namespaces', '', copy, { subresource: 'finalize' }));
  }

  /** Deletes every namespaced object; returns what is left and how long it may take. */
  private deleteAllContent(ns: string): { estimate: number; remaining: Map<string, number>; finalizers: Map<string, number>; errors: string[] } {
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    const errors: string[] = [];
    let estimate = 0;
    for (const info of this.ctx.client.api.registry.list()) {
      if (!info.namespaced || !info.verbs.includes('delete') || !info.verbs.includes('list')) continue;
      const key = resourceKey(info);
      for (const obj of this.ctx.store.list(key, ns)) {
        if (obj.metadata.deletionTimestamp) continue;
        try {
          this.client.delete(key, ns, obj.metadata.name, { propagationPolicy: 'Background' });
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 404)) errors.push(errorMessage(e));
        }
      }
      const left = this.ctx.store.list(key, ns);
      if (left.length === 0) continue;
      remaining.set(`${info.resource}.${info.group}`, left.length);
      let held = false;
      for (const obj of left) {
        for (const f of obj.metadata.finalizers ?? []) {
          finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
          held = true;
        }
      }
      let gvrEstimate = 0;
      if (key === 'pods') {
        for (const p of left as Pod[]) {
          const phase = p.status?.phase;
          if (phase === 'Succeeded' || phase === 'Failed') continue;
          gvrEstimate = Math.max(gvrEstimate, p.spec?.terminationGracePeriodSeconds ?? 30);
        }
      }
      if (gvrEstimate === 0 && held) gvrEstimate = FINALIZER_ESTIMATE;
      if (gvrEstimate === 0) {
        errors.push(`unexpected items still remain in namespace: ${ns} for gvr: ${info.group}/${info.version}, Resource=${info.resource}`);
        gvrEstimate = 1;
      }
      estimate = Math.max(estimate, gvrEstimate);
    }
    return { estimate, remaining, finalizers, errors };
  }

  /** namespaceConditionUpdater: every condition present, in its failing or its "ok" form. */
  private updateConditions(ns: Namespace, remaining: Map<string, number>, finalizers: Map<string, number>, errors: string[]): void {
    const now = this.ctx.clock.iso();
    const fresh = new Map<string, NamespaceCondition>();
    if (remaining.size > 0) {
      const list = [...remaining].map(([r, n]) => `${r} has ${n} resource instances`).sort();
      fresh.set('NamespaceContentRemaining', { type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${list.join(', ')}` });
    }
    if (finalizers.size > 0) {
      const list = [...finalizers].map(([f, n]) => `${f} in ${n} resource instances`).sort();
      fresh.set('NamespaceFinalizersRemaining', { type: 'NamespaceFinalizersRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${list.join(', ')}` });
    }
    if (errors.length > 0) {
      fresh.set('NamespaceDeletionContentFailure', { type: 'NamespaceDeletionContentFailure', status: 'True', lastTransitionTime: now, reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${errors.length} remaining: ${[...errors].sort().join(', ')}` });
    }
    const conditions = clone(ns.status?.conditions ?? []) as NamespaceCondition[];
    for (const type of CONDITION_TYPES) {
      const want = fresh.get(type) ?? { type, status: 'False', lastTransitionTime: now, reason: OK[type]![0], message: OK[type]![1] };
      const cur = conditions.find((c) => c.type === type);
      if (!cur) conditions.push(want);
      else if (cur.status !== want.status || cur.reason !== want.reason || cur.message !== want.message) {
        if (cur.status !== want.status) cur.lastTransitionTime = now;
        cur.status = want.status;
        cur.reason = want.reason;
        cur.message = want.message;
      }
    }
    const latest = this.ctx.store.get('namespaces', '', ns.metadata.name) as Namespace | undefined;
    if (!latest) return;
    const status = { ...(latest.status ?? {}), phase: 'Terminating', conditions };
    if (deepEqual(latest.status, status)) return;
    this.quiet(() => this.client.updateStatus('namespaces', { ...clone(latest), status }));
  }

  private quiet(fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof ApiError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  }
}
