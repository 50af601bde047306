/**
 * What is installed where: every machine gets the text tools (and the shell's own programs) and
 * openssl; the workstation and control-plane nodes get kubectl configured for their clusters;
 * nodes get systemctl, journalctl, crictl and the network tools, and the kubeadm/kubelet
 * packages (etcdctl on control planes). Installing is putting a Program on a machine's PATH.
 */
import type { Machine } from '../node/machine.js';
import type { BuiltWorld } from '../scenario/build.js';
import { CANDIDATE } from '../cluster/world.js';
import { kubectlProgram } from '../kubectl/index.js';
import { NodeHost } from '../node/node.js';
import { nodeTools } from '../node/tools/index.js';
import { installOps } from '../ops/index.js';
import { makeOpenssl } from '../pki/openssl/index.js';
import { KeySource } from '../pki/key-source.js';
import { textTools, toolPaths } from '../tools/index.js';

const BASHRC = `# ~/.bashrc: executed by bash(1) for non-login shells.
alias k=kubectl
source <(kubectl completion bash)
complete -o default -F __start_kubectl k
export PS1='\\u@\\h:\\w\\$ '
`;

export function installPrograms(machine: Machine, built: BuiltWorld): void {
  for (const [name, program] of Object.entries(textTools)) machine.programs.install(name, toolPaths[name] ?? `/usr/bin/${name}`, program);
  const world = built.world;
  // Keys come from the seeded pool so a replayed transcript recreates the same key files.
  const rng = world.rng.fork(`openssl:${machine.hostname}`);
  machine.programs.install('openssl', '/usr/bin/openssl', makeOpenssl({ clock: world.clock, rng, keys: new KeySource(rng.fork('keys')) }));
  if (machine instanceof NodeHost) {
    for (const [name, t] of Object.entries(nodeTools(machine))) machine.programs.install(name, t.path, t.program);
    const cluster = [...built.clusters.values()].find((c) => c.nodes.get(machine.hostname) === machine);
    if (cluster) installOps(cluster, machine);
  }
  const onControlPlane = machine instanceof NodeHost && machine.spec.role === 'control-plane';
  if (machine === world.workstation || onControlPlane) machine.programs.install('kubectl', '/usr/bin/kubectl', kubectlProgram(world));
  if (machine === world.workstation) {
    machine.fs.writeFile(`${CANDIDATE.home}/.bashrc`, BASHRC, { uid: CANDIDATE.uid, gid: CANDIDATE.uid });
  }
}
