/**
 * kubectl kustomize [DIR]: the kustomization built over the VFS and printed as YAML documents
 * (or written to -o FILE); deprecation warnings on stderr, errors as `error: ...`.
 */
import type { KObject } from '../../api/types.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError } from '../errors.js';
import { flagString } from '../flags/index.js';
import { toYaml } from '../printers/index.js';
import { kustomizeBuild, KustomizeError, type KustomizeFs } from './build.js';

/** The caller's view of the VFS for a build. */
export function kustomizeFs(inv: Invocation): KustomizeFs {
  const fs = inv.proc.host.fs;
  return {
    exists: (p) => fs.exists(p, inv.proc.cred),
    isDir: (p) => fs.isDir(p, inv.proc.cred),
    read: (p) => fs.readFile(p, inv.proc.cred),
  };
}

/** Builds DIR (relative to the cwd) for kustomize and apply -k; warnings go to stderr. */
export function buildFor(inv: Invocation, dir: string): KObject[] {
  try {
    const r = kustomizeBuild(kustomizeFs(inv), inv.proc.resolve(dir));
    for (const w of r.warnings) inv.err.write(w + '\n');
    return r.objects;
  } catch (e) {
    if (e instanceof KustomizeError) throw new KubectlError(`error: ${e.message}`);
    throw e;
  }
}

export function renderObjects(objects: KObject[]): string {
  return objects.map((o) => toYaml(o)).join('---\n');
}

function runKustomize(inv: Invocation): number {
  if (inv.args.length > 1) throw new KubectlError(`error: specify one path to kustomization.yaml`);
  const objects = buildFor(inv, inv.args[0] ?? '.');
  const text = renderObjects(objects);
  const out = flagString(inv.flags, 'output');
  if (out) inv.proc.host.fs.writeFile(inv.proc.resolve(out), text, {}, inv.proc.cred);
  else inv.out.write(text);
  return 0;
}

export const kustomizeCommand: KubectlCommand = {
  path: ['kustomize'],
  help: {
    short: 'Build a kustomization target from a directory or URL',
    long: `Build a set of KRM resources using a 'kustomization.yaml' file. The DIR argument must be a path to a directory containing 'kustomization.yaml', or a git repository URL with a path suffix specifying same with respect to the repository root. If DIR is omitted, '.' is assumed.`,
    examples: `# Build the current working directory
kubectl kustomize

# Build some shared configuration directory
kubectl kustomize /home/config/production

# Build from github
kubectl kustomize https://github.com/kubernetes-sigs/kustomize.git/examples/helloWorld?ref=v1.0.6`,
    use: 'DIR [flags]',
  },
  flags: [
    { name: 'as-current-user', type: 'bool', usage: 'use the uid and gid of the command executor to run the function in the container' },
    { name: 'enable-alpha-plugins', type: 'bool', usage: 'enable kustomize plugins' },
    { name: 'enable-helm', type: 'bool', usage: 'Enable use of the Helm chart inflator generator.' },
    { name: 'env', shorthand: 'e', type: 'stringArray', usage: 'a list of environment variables to be used by functions' },
    { name: 'helm-api-versions', type: 'stringSlice', usage: 'Kubernetes api versions used by Helm for Capabilities.APIVersions' },
    { name: 'helm-command', type: 'string', default: 'helm', usage: 'helm command (path to executable)' },
    { name: 'helm-debug', type: 'bool', usage: 'Enable debug output from the Helm chart inflator generator.' },
    { name: 'helm-kube-version', type: 'string', usage: 'Kubernetes version used by Helm for Capabilities.KubeVersion' },
    { name: 'load-restrictor', type: 'string', default: 'LoadRestrictionsRootOnly', usage: "if set to 'LoadRestrictionsNone', local kustomizations may load files from outside their root. This does, however, break the relocatability of the kustomization." },
    { name: 'mount', type: 'stringArray', usage: 'a list of storage options read from the filesystem' },
    { name: 'network', type: 'bool', usage: 'enable network access for functions that declare it' },
    { name: 'network-name', type: 'string', default: 'bridge', usage: 'the docker network to run the container in' },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'If specified, write output to this path.' },
  ],
  run: runKustomize,
};
