/**
 * What is installed where: every machine gets the text tools and the shell's own programs; the
 * workstation and control-plane nodes get kubectl configured for their clusters; nodes get
 * systemctl, journalctl, crictl and friends. Installing is putting a Program on a machine's PATH.
 */
import type { Machine } from '../node/machine.js';
import type { BuiltWorld } from '../scenario/build.js';
import { CANDIDATE } from '../cluster/world.js';
import { kubectlProgram } from '../kubectl/index.js';
import { NodeHost } from '../node/node.js';
import { textTools, toolPaths } from '../tools/index.js';
import { nodeTools } from '../node/tools/index.js';

const BASHRC = `# ~/.bashrc: executed by bash(1) for non-login shells.
alias k=kubectl
source <(kubectl completion bash)
complete -o default -F __start_kubectl k
export PS1='\\u@\\h:\\w\\$ '
`;

export function installPrograms(machine: Machine, built: BuiltWorld): void {
  for (const [name, program] of Object.entries(textTools)) machine.programs.install(name, toolPaths[name] ?? `/usr/bin/${name}`, program);
  if (machine instanceof NodeHost) for (const [name, t] of Object.entries(nodeTools(machine))) machine.programs.install(name, t.path, t.program);
  const onControlPlane = machine instanceof NodeHost && machine.spec.role === 'control-plane';
  if (machine === built.world.workstation || onControlPlane) machine.programs.install('kubectl', '/usr/bin/kubectl', kubectlProgram(built.world));
  if (machine === built.world.workstation) {
    machine.fs.writeFile(`${CANDIDATE.home}/.bashrc`, BASHRC, { uid: CANDIDATE.uid, gid: CANDIDATE.uid });
  }
}
