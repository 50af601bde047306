/**
 * kubectl cp: files to and from containers as kubectl does it, through exec and tar: from a
 * pod it runs `tar cf - PATH` (tar's stderr, "Removing leading `/' from member names", comes
 * out on stdout, as in kubectl) and unpacks into the workstation's filesystem; to a pod it packs
 * the local files and runs `tar -xmf - -C DIR` there, after `test -d` decides whether the
 * destination is a directory. A container without tar fails as it does for real.
 */
import { ApiError } from '../../api/errors.js';
import type { ExecRequest } from '../../api/server.js';
import type { Stored } from '../../api/types.js';
import { VfsError, basename, dirname, normalizePath } from '../../vfs/fs.js';
import { ArchiveError, decodeArchive, encodeArchive, type Member } from '../../exec/archive.js';
import type { Sink } from '../../shell/types.js';
import { flagBool, flagString } from '../flags/index.js';
import type { Invocation, KubectlCommand } from '../command.js';
import { KubectlError, usageError } from '../errors.js';
import { execFailure } from './exec.js';
import { defaultContainer } from './pod-target.js';

const SPEC_FORMAT = 'filespec must match the canonical format: [[namespace/]pod:]file/path';

export const cpCommand: KubectlCommand = {
  path: ['cp'],
  help: {
    short: 'Copy files and directories to and from containers',
    long: 'Copy files and directories to and from containers.',
    examples: `# !!!Important Note!!!
# Requires that the 'tar' binary is present in your container
# image.  If 'tar' is not present, 'kubectl cp' will fail.
#
# For advanced use cases, such as symlinks, wildcard expansion or
# file mode preservation, consider using 'kubectl exec'.

# Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
tar cf - /tmp/foo | kubectl exec -i -n <some-namespace> <some-pod> -- tar xf - -C /tmp/bar

# Copy /tmp/foo from a remote pod to /tmp/bar locally
kubectl exec -n <some-namespace> <some-pod> -- tar cf - /tmp/foo | tar xf - -C /tmp/bar

# Copy /tmp/foo_dir local directory to /tmp/bar_dir in a remote pod in the default namespace
kubectl cp /tmp/foo_dir <some-pod>:/tmp/bar_dir

# Copy /tmp/foo local file to /tmp/bar in a remote pod in a specific container
kubectl cp /tmp/foo <some-pod>:/tmp/bar -c <specific-container>

# Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
kubectl cp /tmp/foo <some-namespace>/<some-pod>:/tmp/bar

# Copy /tmp/foo from a remote pod to /tmp/bar locally
kubectl cp <some-namespace>/<some-pod>:/tmp/foo /tmp/bar`,
    use: '<file-spec-src> <file-spec-dest>',
  },
  flags: [
    { name: 'container', shorthand: 'c', type: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'no-preserve', type: 'bool', usage: "The copied file/directory's ownership and permissions will not be preserved in the container" },
    { name: 'retries', type: 'int', usage: 'Set number of retries to complete a copy operation from a container. Specify 0 to disable or any negative value for infinite retrying. The default is 0 (no retry).' },
  ],
  run: runCp,
};

interface FileSpec {
  namespace?: string;
  pod?: string;
  file: string;
}

function extractFileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) throw usageError(SPEC_FORMAT);
  if (i < 0) return { file: arg };
  const pieces = arg.slice(0, i).split('/');
  if (pieces.length === 1) return { pod: pieces[0], file: arg.slice(i + 1) };
  if (pieces.length === 2) return { namespace: pieces[0], pod: pieces[1], file: arg.slice(i + 1) };
  throw usageError(SPEC_FORMAT);
}

/** path.Clean, keeping relative paths relative. */
function clean(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else if (seg !== '..' || !abs) parts.push(seg);
  }
  const out = (abs ? '/' : '') + parts.join('/');
  return out || (abs ? '/' : '.');
}

/** stripPathShortcuts: no leading "../" or "./" (and "." and ".." become ""). */
function stripPathShortcuts(p: string): string {
  let s = clean(p);
  if (s === '.' || s === '..') return '';
  while (s.startsWith('../')) s = s.slice(3);
  return s;
}

async function runCp(inv: Invocation): Promise<number> {
  if (inv.args.length !== 2) throw usageError('source and destination are required');
  const src = extractFileSpec(inv.args[0]!);
  const dest = extractFileSpec(inv.args[1]!);
  if (src.pod && dest.pod) throw usageError('one of src or dest must be a local file specification');
  if (!src.file || !dest.file) throw usageError('filepath can not be empty');
  if (src.pod) return copyFromPod(inv, src, dest.file);
  if (dest.pod) return copyToPod(inv, src.file, dest);
  throw usageError('one of src or dest must be a remote file specification');
}

interface Target {
  namespace: string;
  pod: Stored;
  container: string;
}

/** The pod and container an exec of this spec goes to; `notices` receives the "Defaulted container" line. */
function target(inv: Invocation, spec: FileSpec, notices: Sink): Target {
  const client = inv.kctx.client();
  const namespace = spec.namespace || inv.kctx.namespace();
  const pod = client.get('pods', namespace, spec.pod!);
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw usageError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const named = flagString(inv.flags, 'container');
  const container = named || defaultContainer({ ...inv, err: notices } as Invocation, pod, false);
  return { namespace, pod, container };
}

async function exec(inv: Invocation, t: Target, command: string[], stdin?: string) {
  const client = inv.kctx.client();
  const req: ExecRequest = { container: t.container, command, stdin };
  const r = client.api.podExec(client.user, t.namespace, t.pod.metadata.name, req);
  if (!r.ok) throw execFailure(r);
  if (r.elapsedMs > 0) await inv.proc.sleep(r.elapsedMs / 1000);
  return r;
}

async function copyFromPod(inv: Invocation, src: FileSpec, destFile: string): Promise<number> {
  const t = target(inv, src, inv.out);
  const r = await exec(inv, t, ['tar', 'cf', '-', src.file]);
  // kubectl hands the remote stderr to its own stdout here.
  inv.out.write(r.stderr);
  let members: Member[] = [];
  try {
    members = decodeArchive(r.stdout);
  } catch (e) {
    if (!(e instanceof ArchiveError)) throw e;
    throw usageError('archive/tar: invalid tar header');
  }
  const prefix = stripPathShortcuts(clean(src.file.replace(/^\/+/, '')));
  const fs = inv.proc.host.fs;
  const destRoot = inv.proc.resolve(destFile);
  for (const m of members) {
    if (!m.name.startsWith(prefix)) throw usageError('tar contents corrupted');
    const rel = m.name.slice(prefix.length);
    const destName = normalizePath(rel ? `${destRoot}/${rel}` : destRoot);
    if (destName !== destRoot && !destName.startsWith(destRoot.replace(/\/$/, '') + '/')) {
      inv.err.write(`warning: file "${destName}" is outside target destination, skipping\n`);
      continue;
    }
    try {
      fs.mkdir(dirname(destName), { recursive: true }, inv.proc.cred);
      if (m.type === 'dir') fs.mkdir(destName, { recursive: true }, inv.proc.cred);
      else if (m.type === 'symlink') inv.err.write(`warning: skipping symlink: "${destName}" -> "${m.linkname ?? ''}"\n`);
      else fs.writeFile(destName, m.content ?? '', {}, inv.proc.cred);
    } catch (e) {
      if (e instanceof VfsError) throw new KubectlError(`error: open ${destName}: ${e.reason.toLowerCase()}`);
      throw e;
    }
  }
  if (r.exitCode !== 0) {
    inv.err.write(`command terminated with exit code ${r.exitCode}\n`);
    return r.exitCode;
  }
  return 0;
}

/** recursiveTar over the workstation's files: members named under the destination's base name. */
function pack(inv: Invocation, local: string, name: string, out: Member[]): void {
  const fs = inv.proc.host.fs;
  const cred = inv.proc.cred;
  const st = fs.lstat(local, cred);
  if (st.type === 'dir') {
    const children = fs.readdir(local, cred);
    if (children.length === 0) out.push({ name, type: 'dir', mode: st.mode & 0o7777 });
    for (const c of children) pack(inv, `${local}/${c}`, `${name}/${c}`, out);
  } else if (st.type === 'symlink') {
    out.push({ name, type: 'symlink', mode: 0o777, linkname: fs.readlink(local, cred) });
  } else {
    out.push({ name, type: 'file', mode: st.mode & 0o7777, content: fs.readFile(local, cred) });
  }
}

async function copyToPod(inv: Invocation, srcFile: string, dest: FileSpec): Promise<number> {
  const local = inv.proc.resolve(srcFile);
  if (!inv.proc.host.fs.exists(local, inv.proc.cred)) throw usageError(`${srcFile} doesn't exist in local filesystem`);
  const discard: Sink = { write: () => {} };
  let destFile = dest.file;
  const probe = target(inv, dest, discard);
  try {
    const isDir = await exec(inv, probe, ['test', '-d', destFile]);
    if (isDir.exitCode === 0) destFile = `${destFile.replace(/\/$/, '')}/${basename(clean(srcFile))}`;
  } catch (e) {
    if (!(e instanceof KubectlError || e instanceof ApiError)) throw e;
  }
  const t = target(inv, dest, inv.err);
  const members: Member[] = [];
  try {
    pack(inv, local, basename(clean(destFile)), members);
  } catch (e) {
    if (e instanceof VfsError) throw new KubectlError(`error: open ${srcFile}: ${e.reason.toLowerCase()}`);
    throw e;
  }
  const command = flagBool(inv.flags, 'no-preserve') ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
  const dir = clean(destFile).includes('/') ? dirname(clean(destFile)) : '.';
  command.push('-C', dir);
  const r = await exec(inv, t, command, encodeArchive(members));
  inv.out.write(r.stdout);
  inv.err.write(r.stderr);
  if (r.exitCode !== 0) {
    inv.err.write(`command terminated with exit code ${r.exitCode}\n`);
    return r.exitCode;
  }
  return 0;
}
