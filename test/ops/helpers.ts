/**
 * A booted kubeadm cluster with the real PKI on its nodes and the ops programs installed, and a
 * root shell on the control plane (as `ssh controlplane; sudo -i` gives the candidate).
 */
import { World } from '../../src/cluster/world.js';
import { bootCluster } from '../../src/cluster/boot.js';
import { defaultBootHooks } from '../../src/cluster/assemble.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { defaultClusterSpec, type ClusterSpec } from '../../src/cluster/spec.js';
import { writeControlPlanePki, writeWorkerPki } from '../../src/pki/kubeadm.js';
import { ShellSession } from '../../src/shell/index.js';
import { BufferSink } from '../../src/shell/types.js';
import type { NodeHost } from '../../src/node/node.js';
import { installOps } from '../../src/ops/index.js';

export function writeRealPki(cluster: Cluster): void {
  const cp = cluster.controlPlane();
  const world = cluster.world;
  const pki = writeControlPlanePki(cp.fs, { nodeName: cp.hostname, nodeIp: cp.ip, clock: world.clock, rng: cluster.rng.fork('pki'), clusterName: 'kubernetes' });
  for (const node of cluster.nodes.values()) {
    if (node === cp) continue;
    writeWorkerPki(node.fs, { nodeName: node.hostname, nodeIp: node.ip, clock: world.clock, rng: cluster.rng.fork(`pki:${node.hostname}`), keys: pki.keys, ca: pki.ca, server: pki.server });
  }
}

export interface OpsWorld {
  world: World;
  cluster: Cluster;
  cp: NodeHost;
  node(name: string): NodeHost;
  /** Runs a line as root on a node; the cluster settles after it as after every command. */
  sh(line: string, host?: string, stdin?: string): Promise<{ stdout: string; stderr: string; status: number }>;
}

export function bootOps(overrides: Partial<ClusterSpec> = {}): OpsWorld {
  const world = new World({ seed: 7 });
  const cluster = bootCluster(world, defaultClusterSpec(overrides), { ...defaultBootHooks(), writeCredentials: writeRealPki });
  for (const node of cluster.nodes.values()) installOps(cluster, node);
  const shells = new Map<string, ShellSession>();
  const shell = (name: string) => {
    let s = shells.get(name);
    if (!s) {
      const host = cluster.nodes.get(name)!;
      s = new ShellSession({ host, account: 'root', hosts: { resolve: (n) => world.resolveHost(n) }, waiter: { sleep: async (sec) => world.loop.advance(sec) }, afterCommand: () => world.loop.settle() });
      shells.set(name, s);
    }
    return s;
  };
  return {
    world,
    cluster,
    cp: cluster.controlPlane(),
    node: (name) => cluster.nodes.get(name)!,
    async sh(line, host = 'controlplane', stdin) {
      const stdout = new BufferSink();
      const stderr = new BufferSink();
      const status = await shell(host).run(line, { stdout, stderr, stdin });
      world.loop.settle();
      world.loop.advance(2);
      return { stdout: stdout.text(), stderr: stderr.text(), status };
    },
  };
}
