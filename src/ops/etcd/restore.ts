/**
 * `snapshot restore` and `snapshot status` as etcdutl implements them (etcdctl 3.5 calls the
 * same code after its deprecation notice). Restore verifies the snapshot's digest, lays out
 * DIR/member/snap/db, a raft snapshot and a WAL, and registers the database with the cluster so
 * that an etcd started on DIR (the static pod's --data-dir or its hostPath) serves it.
 */
import { flagBool, flagNumber, flagString, type ParsedFlags } from '../../kubectl/flags/index.js';
import type { Cluster } from '../../cluster/cluster.js';
import type { ProcessContext } from '../../shell/types.js';
import { normalizePath } from '../../vfs/fs.js';
import { GoFs, GoPathError } from '../goio.js';
import { humanizeBytes, renderTable } from '../format.js';
import { bootstrapIds, initialCluster, rememberMember } from './server.js';
import { dbStatus, decodeDb, encodeDb, storeFromDb, verifySnapshot } from './snapshot-file.js';
import { zapConsole, type Fields } from './zap.js';

export interface RestoreOptions {
  snapshot: string;
  dataDir: string;
  walDir: string;
  name: string;
  initialCluster: string;
  token: string;
  peerUrls: string;
  skipHashCheck: boolean;
  mmapSize: number;
  bumpRevision: number;
  markCompacted: boolean;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** Go's filepath.Join: joined and cleaned, relative paths stay relative. */
function joinPath(...parts: string[]): string {
  const joined = parts.filter(Boolean).join('/');
  const abs = joined.startsWith('/');
  const clean = normalizePath(joined, '/');
  return abs ? clean : clean.slice(1) || '.';
}

/** Restores a snapshot; logs go to stderr as etcdutl's console logger writes them. */
/** The restore options from `snapshot restore`'s flags, which etcdctl and etcdutl share. */
export function restoreOptionsFrom(flags: ParsedFlags, snapshot: string): RestoreOptions {
  return {
    snapshot,
    dataDir: flagString(flags, 'data-dir'),
    walDir: flagString(flags, 'wal-dir'),
    name: flagString(flags, 'name'),
    initialCluster: flagString(flags, 'initial-cluster'),
    token: flagString(flags, 'initial-cluster-token'),
    peerUrls: flagString(flags, 'initial-advertise-peer-urls'),
    skipHashCheck: flagBool(flags, 'skip-hash-check'),
    mmapSize: flagNumber(flags, 'initial-memory-map-size'),
    bumpRevision: flagNumber(flags, 'bump-revision'),
    markCompacted: flagBool(flags, 'mark-compacted'),
  };
}

export function restoreSnapshot(ctx: ProcessContext, cluster: Cluster, o: RestoreOptions): void {
  if ((o.bumpRevision === 0 && o.markCompacted) || (o.bumpRevision > 0 && !o.markCompacted)) throw new CommandError('--mark-compacted required if --revision-bump > 0', 128);
  const dataDir = o.dataDir || `${o.name}.etcd`;
  const walDir = o.walDir || joinPath(dataDir, 'member', 'wal');
  const ics = initialCluster(o.initialCluster);
  const peerUrls = o.peerUrls.split(',');
  verifyBootstrap(o.name, ics, peerUrls);
  const ids = bootstrapIds(ics, o.token);
  const fs = new GoFs(ctx);
  if (fs.exists(dataDir) && (!fs.isDir(dataDir) || fs.readdir(dataDir).length > 0)) throw new CommandError(`data-dir "${dataDir}" not empty or could not be read`, 1);
  if (o.walDir && fs.exists(o.walDir)) throw new CommandError(`wal-dir "${o.walDir}" exists`, 1);
  const snapDir = joinPath(dataDir, 'member', 'snap');
  const now = clockOf(cluster);
  const where: Fields = [['path', o.snapshot], ['wal-dir', walDir], ['data-dir', dataDir], ['snap-dir', snapDir], ['initial-memory-map-size', o.mmapSize]];
  const log = (caller: string, msg: string, fields?: Fields) => ctx.stderr.write(zapConsole({ level: 'info', at: now, caller, msg, fields }));
  log('snapshot/v3_snapshot.go:265', 'restoring snapshot', where);

  const verified = verifySnapshot(readSnapshot(fs, o.snapshot), o.skipHashCheck);
  fs.mkdirAll(snapDir, 0o700);
  if (!verified.ok) throw new CommandError(verified.error, 1);
  const decoded = decodeDb(verified.db);
  if (!decoded) throw new CommandError('invalid database', 1);
  log('membership/store.go:138', 'Trimming membership information from the backend...');
  const memberId = ids.members.get(o.name)!;
  if (o.bumpRevision > 0) {
    log('snapshot/v3_snapshot.go:356', 'bumping latest revision', [['latest-revision', decoded.snapshot.revision], ['bump-amount', o.bumpRevision], ['new-latest-revision', decoded.snapshot.revision + o.bumpRevision]]);
    decoded.snapshot.revision += o.bumpRevision;
    log('snapshot/v3_snapshot.go:373', 'marking revision compacted', [['revision', decoded.snapshot.revision]]);
  }
  fs.mkdirAll(walDir, 0o700);
  for (const [name, urls] of ics) {
    log('membership/cluster.go:421', 'added member', [['cluster-id', ids.clusterId], ['local-member-id', '0'], ['added-peer-id', ids.members.get(name)!], ['added-peer-peer-urls', urls], ['added-peer-is-learner', false]]);
  }
  const store = storeFromDb(decoded);
  const member = { id: memberId, clusterId: ids.clusterId, name: o.name, peerUrls: ics.get(o.name)! };
  rememberMember(store, member);
  fs.write(joinPath(snapDir, 'db'), encodeDb(store, member), 0o600);
  fs.write(joinPath(snapDir, `${hex16(1)}-${hex16(ics.size)}.snap`), `${o.token}\n`, 0o600);
  fs.write(joinPath(walDir, `${hex16(0)}-${hex16(0)}.wal`), `${memberId} ${ids.clusterId}\n`, 0o600);
  cluster.etcdData.set(fs.abs(dataDir), store);
  log('snapshot/v3_snapshot.go:293', 'restored snapshot', where);
}

function clockOf(cluster: Cluster): number {
  return cluster.world.clock.now();
}

function hex16(n: number): string {
  return n.toString(16).padStart(16, '0');
}

function readSnapshot(fs: GoFs, path: string): string {
  return fs.read(path);
}

/** ServerConfig.VerifyBootstrap with the restore's name, cluster and peer URLs. */
function verifyBootstrap(name: string, ics: Map<string, string[]>, peerUrls: string[]): void {
  const urls = ics.get(name);
  if (!urls) throw new CommandError(`couldn't find local name "${name}" in the initial cluster configuration`, 1);
  const a = [...peerUrls].sort();
  const b = [...urls].sort();
  if (a.length === b.length && a.every((u, i) => u === b[i])) return;
  const missing = b.filter((u) => !a.includes(u));
  const why = `${JSON.stringify(a[0] ?? '')}(resolved from ${JSON.stringify(a[0] ?? '')}) != ${JSON.stringify(b[0] ?? '')}(resolved from ${JSON.stringify(b[0] ?? '')})`;
  if (missing.length > 0) throw new CommandError(`--initial-cluster has ${missing.map((u) => `${name}=${u}`).join(',')} but missing from --initial-advertise-peer-urls=${a.join(',')} (${why})`, 1);
  const extra = a.filter((u) => !b.includes(u));
  throw new CommandError(`--initial-advertise-peer-urls has ${extra.join(',')} but missing from --initial-cluster=${name}=${a.join(',')}`, 1);
}

/** `snapshot status FILE`, printed with the chosen output format. */
export function snapshotStatus(ctx: ProcessContext, path: string, format: string): number {
  const fs = new GoFs(ctx);
  try {
    fs.stat(path);
  } catch (e) {
    if (e instanceof GoPathError) return fail(ctx, e.message, 1);
    throw e;
  }
  let content: string;
  try {
    content = fs.read(path);
  } catch (e) {
    if (e instanceof GoPathError) return fail(ctx, e.message, 1);
    throw e;
  }
  const db = decodeDb(content);
  if (!db) return fail(ctx, 'invalid database', 1);
  const s = dbStatus(db);
  const row = [s.hash.toString(16), String(s.revision), String(s.totalKey), humanizeBytes(s.totalSize)];
  switch (format) {
    case 'simple':
      ctx.stdout.write(row.join(', ') + '\n');
      return 0;
    case 'table':
      ctx.stdout.write(renderTable(['hash', 'revision', 'total keys', 'total size'], [row]));
      return 0;
    case 'json':
      ctx.stdout.write(JSON.stringify({ hash: s.hash, revision: s.revision, totalKey: s.totalKey, totalSize: s.totalSize }) + '\n');
      return 0;
    case 'fields':
      ctx.stdout.write(`"Hash" : ${s.hash}\n"Revision" : ${s.revision}\n"Keys" : ${s.totalKey}\n"Size" : ${s.totalSize}\n`);
      return 0;
    case 'protobuf':
      return fail(ctx, 'only json is supported for snapshot status', 4);
    default:
      return fail(ctx, 'unsupported output format', 4);
  }
}

export function fail(ctx: ProcessContext, message: string, code: number): number {
  ctx.stderr.write(`Error: ${message}\n`);
  return code;
}
