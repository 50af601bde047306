/**
 * kube-controller-manager and kube-scheduler as run-loop components: their reconcilers run only
 * while the static pod's process runs and the apiserver answers, as a real component that has
 * crashed, or cannot reach its apiserver, does nothing.
 */
import type { Cluster } from '../cluster.js';
import type { Component, Reconciler } from '../runloop.js';

export class ControlPlaneComponent implements Component {
  constructor(
    readonly name: string,
    private readonly cluster: Cluster,
    readonly reconcilers: Reconciler[],
  ) {}

  active(): boolean {
    return this.cluster.isRunning(this.name) && this.cluster.apiAvailable();
  }
}
