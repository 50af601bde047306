/**
 * The kubelet binary as a package installs it: `kubelet --version` prints the installed
 * binary's version, and a kubelet that systemd (re)starts runs that binary, so the Node's
 * status.nodeInfo.kubeletVersion follows an upgrade once the service is restarted, not before.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { Component, Reconciler } from '../cluster/runloop.js';
import type { NodeHost } from '../node/node.js';
import type { Program } from '../shell/types.js';
import { SYSTEM_USERS } from '../api/auth.js';
import { ApiError } from '../api/errors.js';
import { binaryVersion } from './packages/dpkg.js';
import { klogPrefix } from './format.js';

export function kubeletProgram(cluster: Cluster, node: NodeHost): Program {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    const version = binaryVersion(ctx.host.fs, 'kubelet') ?? node.facts.kubeletVersion;
    if (args.some((a) => a === '--version' || a === '--version=true')) {
      ctx.stdout.write(`Kubernetes ${version}\n`);
      return 0;
    }
    if (args.some((a) => a === '--version=raw')) {
      ctx.stdout.write(`version.Info{Major:"1", Minor:"${version.split('.')[1]}", GitVersion:"${version}", GitTreeState:"clean", Compiler:"gc", Platform:"linux/amd64"}\n`);
      return 0;
    }
    // A second kubelet started by hand finds the first one holding its port.
    const pid = 4242 + (cluster.world.clock.now() % 1000);
    ctx.stderr.write(`${klogPrefix('E', cluster.world.clock.now(), pid, 'run.go:72')}"command failed" err="failed to run Kubelet: failed to create listener: listen tcp 127.0.0.1:10248: bind: address already in use"\n`);
    return 1;
  };
}

interface UnitLike {
  pid?: number;
  active?: string;
}

/**
 * Watches a node's kubelet service: when it runs under a new process id, the kubelet reports the
 * version of the binary it started from (posting its node status as a starting kubelet does).
 */
export class KubeletVersionWatcher implements Component {
  readonly name: string;
  readonly reconcilers: Reconciler[];
  private lastPid: number | undefined;
  /** A restart was seen whose version is not reported yet. */
  private started = false;
  private readonly reconciler: Reconciler;

  constructor(
    private readonly cluster: Cluster,
    private readonly node: NodeHost,
  ) {
    this.name = `kubelet-binary/${node.hostname}`;
    this.lastPid = this.unit()?.pid;
    this.reconciler = { name: 'kubelet-version', resyncKeys: () => ['version'], reconcile: () => this.sync() };
    this.reconcilers = [this.reconciler];
  }

  /** The kubelet service's state: `service()` in the systemd model with daemons, `unit()` before it. */
  private unit(): UnitLike | undefined {
    const systemd = this.node.systemd as unknown as { service?(name: string): UnitLike | undefined; unit?(name: string): UnitLike | undefined };
    return systemd.service?.('kubelet') ?? systemd.unit?.('kubelet');
  }

  active(): boolean {
    return this.unit()?.active === 'active';
  }

  poll(): void {
    const pid = this.unit()?.pid;
    if (pid !== undefined && pid !== this.lastPid) {
      this.lastPid = pid;
      this.started = true;
      this.cluster.world.loop.enqueue(this.reconciler, 'version');
    }
  }

  private sync(): { requeueAfter?: number } | void {
    if (!this.started) return;
    const version = binaryVersion(this.node.fs, 'kubelet');
    if (!version) return;
    this.node.facts.kubeletVersion = version;
    if (!this.cluster.apiAvailable()) return { requeueAfter: 10 };
    const client = this.cluster.client(SYSTEM_USERS.node(this.node.hostname));
    const current = client.find('nodes', '', this.node.hostname);
    const reported = (current?.['status'] as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo?.kubeletVersion;
    if (!current || reported === version) {
      this.started = false;
      return;
    }
    try {
      client.patch('nodes', '', this.node.hostname, 'merge', { status: { nodeInfo: { kubeletVersion: version } } }, { subresource: 'status' });
      this.started = false;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return { requeueAfter: 10 };
    }
  }
}
