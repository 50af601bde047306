/**
 * Where the parts meet (DESIGN "Boundaries": cluster wires them together): the reconcilers of
 * kube-controller-manager and kube-scheduler, and the PKI, plugged into every cluster boot.
 */
import type { BootHooks } from './boot.js';
import { schedulerReconcilers } from './components/scheduler.js';

export function defaultBootHooks(): BootHooks {
  return {
    scheduler: schedulerReconcilers,
  };
}

/** Re-issues certificates for certificate breakages; provided by the PKI once it is wired. */
export function certificateReissuer(): undefined {
  return undefined;
}
