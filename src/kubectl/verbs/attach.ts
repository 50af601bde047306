/**
 * kubectl attach: follows what the container's main process writes from now on (its log
 * stream), until Ctrl-C or the headless limit. With -i -t in the terminal and a shell as the
 * main process, the shell takes the terminal, as `kubectl exec -it` does.
 */
import type { Stored } from '../../api/types.js';
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { usageError } from '../errors.js';
import { defaultContainer, podForTarget } from './pod-target.js';
import { attachShellTo } from './exec.js';
import { watchSeconds } from './watch.js';

export const attachCommand: KubectlCommand = {
  path: ['attach'],
  help: {
    short: 'Attach to a running container',
    long: 'Attach to a process that is already running inside an existing container.',
    examples: `# Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation
# for selecting the container to be attached or the first container in the pod will be chosen
kubectl attach mypod

# Get output from ruby-container from pod mypod
kubectl attach mypod -c ruby-container

# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
# and sends stdout/stderr from 'bash' back to the client
kubectl attach mypod -c ruby-container -i -t

# Get output from the first pod of a replica set named nginx
kubectl attach rs/nginx`,
    use: '(POD | TYPE/NAME) -c CONTAINER',
  },
  flags: [
    { name: 'container', shorthand: 'c', type: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Only print output from the remote session' },
    { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', shorthand: 't', type: 'bool', usage: 'Stdin is a TTY' },
  ],
  run: runAttach,
};

async function runAttach(inv: Invocation): Promise<number> {
  if (inv.args.length === 0) throw usageError('at least 1 argument is required for attach');
  const pod = podForTarget(inv, inv.args.length === 2 ? `${inv.args[0]}/${inv.args[1]}` : inv.args[0]!);
  return attachTo(inv, pod, flagString(inv.flags, 'container') || defaultContainer(inv, pod, flagBool(inv.flags, 'quiet')));
}

/** Attaches to a running pod's container (shared with kubectl debug). */
export async function attachTo(inv: Invocation, pod: Stored, container: string, opts: { stdin?: boolean; tty?: boolean } = {}): Promise<number> {
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw usageError(`cannot attach a container in a completed pod; current phase is ${phase}`);
  const stdin = opts.stdin ?? flagBool(inv.flags, 'stdin');
  let tty = stdin && (opts.tty ?? flagBool(inv.flags, 'tty'));
  const quiet = inv.flags.values.has('quiet') && flagBool(inv.flags, 'quiet');
  if (tty && (!inv.proc.terminal || inv.proc.stdin !== '')) {
    tty = false;
    if (!quiet) inv.err.write('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  if (tty) {
    if (!quiet) inv.err.write("If you don't see a command prompt, try pressing enter.\n");
    const command = ((pod['spec'] as { containers?: { name: string; command?: string[] }[] }).containers ?? []).find((c) => c.name === container)?.command ?? ['sh'];
    return attachShellTo(inv, pod.metadata.namespace ?? inv.kctx.namespace(), pod, { container, command: [command[0] ?? 'sh'] });
  }
  // Output from now on: what the container writes while we are attached.
  const client = inv.kctx.client();
  const ns = pod.metadata.namespace ?? inv.kctx.namespace();
  let seen = inv.kctx.now();
  const limit = watchSeconds(inv);
  for (let t = 0; t < limit && !inv.proc.signal.aborted; t++) {
    await inv.proc.sleep(1);
    let lines;
    try {
      lines = client.api.podLogs(client.user, ns, pod.metadata.name, container);
    } catch {
      break;
    }
    for (const l of lines) if (l.at > seen) inv.out.write(l.line + '\n');
    seen = inv.kctx.now();
  }
  return 0;
}
