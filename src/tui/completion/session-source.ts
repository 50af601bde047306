/**
 * Completion candidates from the live session, seen as the candidate sees them: programs of
 * the host the shell is on, files the current user may read there, and object names listed
 * through the API server with the current user's kubeconfig, so a Forbidden list or a dead
 * apiserver offers nothing, as kubectl's own completion would.
 */
import { createBuiltins } from '../../shell/builtins/index.js';
import { shellPrograms } from '../../shell/programs/index.js';
import { credOf, type ShellHost } from '../../shell/types.js';
import type { KubeconfigFile } from '../../cluster/connect.js';
import { BUILTIN_RESOURCES, resourceKey } from '../../api/registry.js';
import type { Session } from '../../session/session-core.js';
import { engine } from '../../session/engine-slot.js';
import type { CompletionSource, FileEntry, KubectlSource } from './engine.js';

const BUILTIN_NAMES = [...createBuiltins().keys()];
const FALLBACK_NAMES = shellPrograms().names();

/** The exam's ~/.bashrc defines `alias k=kubectl`. */
const ALIASES = ['k'];

export function sessionCompletionSource(session: Session, extraCommands: readonly string[] = []): CompletionSource {
  const shell = session.shell;
  const host = shell.host;
  const cred = credOf(shell.user);
  const home = shell.environment().get('HOME') ?? shell.user.home;
  return {
    cwd: shell.cwd,
    home,
    commands: () => [...new Set([...BUILTIN_NAMES, ...host.programs.names(), ...FALLBACK_NAMES, ...ALIASES, ...extraCommands])],
    files: (dir) => listDir(host, dir, cred),
    kubectl: kubectlSource(session, host, home),
  };
}

function listDir(host: ShellHost, dir: string, cred: ReturnType<typeof credOf>): FileEntry[] | undefined {
  try {
    return host.fs.readdir(dir, cred).map((name) => {
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      let isDir = false;
      try {
        isDir = host.fs.isDir(path, cred);
      } catch {
        isDir = false;
      }
      return { name, dir: isDir };
    });
  } catch {
    return undefined;
  }
}

function kubectlSource(session: Session, host: ShellHost, home: string): KubectlSource {
  const shell = session.shell;
  const cred = credOf(shell.user);
  const config = (): KubeconfigFile | undefined => {
    const path = shell.environment().get('KUBECONFIG')?.split(':')[0] || `${home}/.kube/config`;
    try {
      return engine().parseKubeconfig(host.fs.readFile(path, cred));
    } catch {
      return undefined;
    }
  };
  return {
    types: () => BUILTIN_RESOURCES.flatMap((r) => [r.resource, ...r.shortNames]),
    contexts: () => (config()?.contexts ?? []).map((c) => c.name),
    names(type, namespace, allNamespaces) {
      const kubeconfig = config();
      const ip = (host as { ip?: string }).ip;
      if (!kubeconfig || !ip) return [];
      try {
        const conn = engine().connect(session.world.network, ip, host.fs, kubeconfig);
        if (!conn.ok) return [];
        const info = conn.client.api.registry.resolve(type);
        if (!info) return [];
        const ns = info.namespaced && !allNamespaces ? (namespace ?? conn.namespace ?? 'default') : undefined;
        return conn.client.list(resourceKey(info), ns).map((o) => o.metadata.name ?? '').filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}
