/**
 * kubectl exec: a command in a container through the pods/exec subresource, its output and
 * exit status passed through ("command terminated with exit code N"). With -i and -t in the
 * terminal, a shell becomes the session's current shell until `exit` (a login frame, like ssh);
 * headless there is no terminal, so kubectl says it cannot use a TTY and runs with stdin.
 */
import type { ExecOutcome, ExecRequest } from '../../api/server.js';
import type { Stored } from '../../api/types.js';
import type { AttachedShell } from '../../shell/types.js';
import { flagBool, flagList, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { defaultContainer, podForTarget } from './pod-target.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

export const execCommand: KubectlCommand = {
  path: ['exec'],
  help: {
    short: 'Execute a command in a container',
    long: 'Execute a command in a container.',
    examples: `# Get output from running the 'date' command from pod mypod, using the first container by default
kubectl exec mypod -- date

# Get output from running the 'date' command in ruby-container from pod mypod
kubectl exec mypod -c ruby-container -- date

# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
# and sends stdout/stderr from 'bash' back to the client
kubectl exec mypod -c ruby-container -i -t -- bash -il

# List contents of /usr from the first container of pod mypod and sort by modification time
# If the command you want to execute in the pod has any flags in common (e.g. -i),
# you must use two dashes (--) to separate your command's flags/arguments
# Also note, do not surround your command and its flags/arguments with quotes
# unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
kubectl exec mypod -i -t -- ls -t /usr

# Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
kubectl exec deploy/mydeployment -- date

# Get output from running 'date' command from the first pod of the service myservice, using the first container by default
kubectl exec svc/myservice -- date`,
    use: '(POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  },
  flags: [
    { name: 'container', shorthand: 'c', type: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'to use to exec into the resource' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Only print output from the remote session' },
    { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', shorthand: 't', type: 'bool', usage: 'Stdin is a TTY' },
  ],
  run: runExec,
};

/** How kubectl words an exec that failed below the apiserver. */
export function execFailure(r: Extract<ExecOutcome, { ok: false }>): KubectlError {
  if (r.kind === 'upgrade') return new KubectlError(`error: unable to upgrade connection: ${r.message}`);
  if (r.kind === 'internal') return new KubectlError(`error: Internal error occurred: ${r.message}`);
  return new KubectlError(`Error from server: ${r.message}`);
}

async function runExec(inv: Invocation): Promise<number> {
  const { flags, kctx } = inv;
  const args = inv.args;
  const dash = flags.argsLenAtDash;
  const resourceName = args.length > 0 && dash !== 0 ? args[0]! : '';
  let command: string[] = [];
  if (dash > -1) command = args.slice(dash);
  else if (args.length > 1 || (args.length > 0 && flagList(flags, 'filename').length)) {
    throw usageError("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
  }
  if (!resourceName && flagList(flags, 'filename').length === 0) throw usageError('pod, type/name or --filename must be specified');
  if (command.length === 0) throw usageError('you must specify at least one command for the container');
  const client = kctx.client();
  const pod = podForTarget(inv, resourceName);
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw usageError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const quiet = flagBool(flags, 'quiet');
  const container = flagString(flags, 'container') || defaultContainer(inv, pod, quiet);
  if (flagString(flags, 'container')) {
    const spec = pod['spec'] as { containers?: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
    const all = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
    if (!all.some((c) => c.name === container)) throw usageError(`container ${container} not found in pod ${pod.metadata.name}`);
  }
  const stdin = flagBool(flags, 'stdin');
  let tty = stdin && flagBool(flags, 'tty');
  // A terminal is there only in the TUI, and only when stdin is not a pipe.
  if (tty && (!inv.proc.terminal || inv.proc.stdin !== '')) {
    tty = false;
    if (!quiet) inv.err.write('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  const req: ExecRequest = { container, command, stdin: stdin ? inv.proc.stdin : undefined };
  const ns = pod.metadata.namespace ?? kctx.namespace();
  const interactiveShell = tty && SHELLS.has(command[0]!.split('/').pop()!) && !command.includes('-c');
  if (interactiveShell) return attachShellTo(inv, ns, pod, req);
  const r = client.api.podExec(client.user, ns, pod.metadata.name, req);
  if (!r.ok) throw execFailure(r);
  if (r.elapsedMs > 0) await inv.proc.sleep(r.elapsedMs / 1000);
  inv.out.write(r.stdout);
  // In a raw terminal the remote stderr arrives on the same stream as stdout.
  (tty ? inv.out : inv.err).write(r.stderr);
  if (r.exitCode !== 0) {
    inv.err.write(`command terminated with exit code ${r.exitCode}\n`);
    return r.exitCode;
  }
  return 0;
}

/** `kubectl exec -it POD -- sh` in the terminal: the container's shell takes the next lines. */
export async function attachShellTo(inv: Invocation, ns: string, pod: Stored, req: ExecRequest): Promise<number> {
  const client = inv.kctx.client();
  const stream = client.api.podExecStream(client.user, ns, pod.metadata.name, req);
  if ('ok' in stream) throw execFailure(stream);
  const proc = inv.proc;
  const shell: AttachedShell = {
    prompt: () => stream.prompt(),
    async run(line, io) {
      const r = stream.run(line);
      if (r.elapsedMs > 0) await proc.sleep(r.elapsedMs / 1000);
      io.stdout.write(r.stdout + r.stderr);
      if (r.exited === undefined) return { status: 0 };
      const status = r.exited;
      return { status, exited: true, closeMessage: status !== 0 ? `command terminated with exit code ${status}` : undefined };
    },
  };
  await proc.terminal!.attach(shell);
  return 0;
}

