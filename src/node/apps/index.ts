/**
 * The process model of workload containers: the container's command line, resolved against
 * its image, runs as a live process. An executable the image lacks is the runtime's
 * "executable file not found in $PATH" start error; everything else is interpreted on the
 * virtual clock (shell scripts, servers, sleep, exit codes).
 */
import type { ContainerSpecLike, ProcessModel, ProcessPlan } from '../process.js';
import type { KObject } from '../../api/types.js';
import type { ImageInfo } from '../images.js';
import type { ProcessIdentity } from './script/interpreter.js';
import type { ContainerFs } from '../container-fs.js';
import { LiveProcess } from './live.js';
import { imageCommands } from './commands/index.js';

export { LiveProcess } from './live.js';

/** The user a container runs as (securityContext over the image's USER) and what it sees. */
export function identityOf(pod: KObject, container: ContainerSpecLike, image: ImageInfo | undefined): ProcessIdentity {
  const podSc = ((pod['spec'] as { securityContext?: SecurityContext } | undefined)?.securityContext ?? {}) as SecurityContext;
  const sc = ((container['securityContext'] ?? {}) as SecurityContext);
  const uid = sc.runAsUser ?? podSc.runAsUser ?? image?.uid ?? 0;
  const gid = sc.runAsGroup ?? podSc.runAsGroup ?? uid;
  const groups = [gid, ...(podSc.supplementalGroups ?? []), ...(podSc.fsGroup !== undefined ? [podSc.fsGroup] : [])];
  const oldBusybox = !!image && image.repository.endsWith('/busybox') && /^1\.(1\d|2[0-8])(\.|$)/.test(image.tag);
  return { uid, gid, groups: [...new Set(groups)], cpus: 2, oldBusybox };
}

interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  supplementalGroups?: number[];
  fsGroup?: number;
}

const OCI_PREFIX = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ';

export const appModel: ProcessModel = (launch) => {
  const image = launch.image;
  if (!image) return undefined;
  const argv = launch.argv ?? [...(launch.container.command ?? image.entrypoint), ...(launch.container.args ?? (launch.container.command ? [] : image.cmd))];
  if (argv.length === 0) return startError('no command specified');
  const cmds = imageCommands(image);
  const exe = argv[0]!;
  // Executables written into volumes (a ConfigMap script with defaultMode 0755) count too.
  const executable = (fs: () => ContainerFs) => (p: string) => {
    try {
      const view = fs();
      return view.isFile(p) && (view.mode(p) & 0o111) !== 0;
    } catch {
      return false;
    }
  };
  if (!cmds.hasBinary(exe, launch.containerFs ? executable(launch.containerFs) : undefined)) {
    return startError(exe.includes('/') ? `exec: "${exe}": stat ${exe}: no such file or directory` : `exec: "${exe}": executable file not found in $PATH`);
  }
  const env = launch.env ?? new Map(Object.entries(image.env));
  const workingDir = (launch.container['workingDir'] as string | undefined) ?? image.workingDir;
  return {
    logs: [],
    live: (io) => {
      const proc = new LiveProcess({
        start: io.start,
        fs: io.fs,
        net: io.net,
        hostname: launch.hostname ?? launch.pod.metadata.name ?? 'localhost',
        flavour: image.shell === 'none' ? 'ash' : image.shell,
        hasBinary: (name) => cmds.hasBinary(name, executable(io.fs)),
        external: (name) => cmds.lookup(name),
        log: io.log,
        memoryLimit: launch.memoryLimit,
        identity: identityOf(launch.pod, launch.container, image),
      });
      proc.startArgv(waitsOnStdin(launch.container, argv) ? [exe, '-c', 'while :; do sleep 86400; done'] : argv, env, workingDir);
      return proc;
    },
  };
};

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/**
 * A bare shell in a container with `stdin: true` (kubectl run -it, kubectl debug) reads an
 * open stdin that only an attach writes to, so it waits instead of reading EOF and exiting.
 */
function waitsOnStdin(container: ContainerSpecLike, argv: string[]): boolean {
  return container['stdin'] === true && argv.length === 1 && SHELLS.has(argv[0]!.split('/').pop()!);
}

function startError(detail: string): ProcessPlan {
  return { logs: [], startError: { reason: 'StartError', exitCode: 128, message: `${OCI_PREFIX}${detail}: unknown` } };
}
