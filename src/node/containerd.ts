/**
 * containerd as a systemd service: while it runs, CRI answers (the kubelet can run pods, crictl
 * can list them); stopped, both get "connection refused" on its socket, while the containers
 * already started keep running in their shims.
 */
import type { ContainerRuntime } from './runtime.js';
import type { Daemon, DaemonStart } from './systemd/systemd.js';

export const CONTAINERD_VERSION = '1.7.27';
export const CONTAINERD_REVISION = '05044ec0a9a75232cad458027ca83437aae3f4da';

export class Containerd implements Daemon {
  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly onChange: () => void,
  ) {}

  start(ctx: DaemonStart): number | undefined {
    const ts = new Date(ctx.now).toISOString().replace(/\.(\d{3})Z$/, '.$1456789Z');
    ctx.log(`time="${ts}" level=info msg="starting containerd" revision=${CONTAINERD_REVISION} version=${CONTAINERD_VERSION}`);
    ctx.log(`time="${ts}" level=info msg=serving... address=/run/containerd/containerd.sock`);
    ctx.log(`time="${ts}" level=info msg="containerd successfully booted in 0.041297s"`);
    this.runtime.running = true;
    this.onChange();
    return undefined;
  }

  stop(): void {
    this.runtime.running = false;
    this.onChange();
  }
}
