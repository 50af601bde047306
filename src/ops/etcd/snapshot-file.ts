/**
 * The bytes of an etcd snapshot and of a data directory's backend, in kubedrill's own format: a
 * recognisable header line, the database as JSON (objects, raw keys, revision), padding to whole
 * 4 KiB pages as bbolt has them, and (snapshots only) a 32-byte integrity trailer, so that etcd's
 * own checks work: a file is a checksummed snapshot when its size is 32 more than a multiple of
 * 512, and `snapshot restore` compares the trailer with the digest of what precedes it.
 */
import { createHash } from 'node:crypto';
import { Store, type StoreSnapshot } from '../../api/store.js';
import type { KObject } from '../../api/types.js';
import { rawKeysOf, type KeyValue } from './keyspace.js';

export const SNAPSHOT_HEADER = 'KUBEDRILL-ETCD-DB v1';
const PAGE = 4096;
export const HASH_SIZE = 32;

/** Membership a restored data directory carries (`snapshot restore --name/--initial-cluster`). */
export interface MemberRecord {
  id: string;
  clusterId: string;
  name: string;
  peerUrls: string[];
}

interface Payload {
  revision: number;
  objects: [string, KObject][];
  raw: KeyValue[];
  member?: MemberRecord;
}

/** The backend database of a store (member/snap/db), page-aligned, no trailer. */
export function encodeDb(store: Store, member?: MemberRecord): string {
  const snap = store.snapshot();
  const payload: Payload = { revision: snap.revision, objects: snap.objects, raw: [...rawKeysOf(store).values()], ...(member ? { member } : {}) };
  const body = `${SNAPSHOT_HEADER}\n${JSON.stringify(payload)}\n`;
  const size = Math.ceil(Buffer.byteLength(body) / PAGE) * PAGE;
  return body + '\n'.repeat(size - Buffer.byteLength(body));
}

/** A snapshot as `etcdctl snapshot save` writes it: the database plus its integrity trailer. */
export function encodeSnapshot(store: Store): string {
  const db = encodeDb(store);
  return db + trailerOf(db);
}

function trailerOf(db: string): string {
  return createHash('sha256').update(db).digest('hex').slice(0, HASH_SIZE);
}

/** hasChecksum: 512 is the minimum disk sector size, so a checksummed file is 32 past a multiple. */
export function hasChecksum(size: number): boolean {
  return size % 512 === HASH_SIZE;
}

export type Verified = { ok: true; db: string } | { ok: false; error: string };

/** copyAndVerifyDB: strips the trailer and checks it unless skipHashCheck. */
export function verifySnapshot(content: string, skipHashCheck: boolean): Verified {
  const size = Buffer.byteLength(content);
  const withHash = hasChecksum(size);
  if (!withHash && !skipHashCheck) return { ok: false, error: 'snapshot missing hash but --skip-hash-check=false' };
  const db = withHash ? content.slice(0, content.length - HASH_SIZE) : content;
  if (withHash && !skipHashCheck) {
    const expected = content.slice(content.length - HASH_SIZE);
    const got = trailerOf(db);
    if (expected !== got) return { ok: false, error: `expected sha256 ${goBytes(expected)}, got ${goBytes(got)}` };
  }
  return { ok: true, db };
}

function goBytes(s: string): string {
  return `[${[...Buffer.from(s)].join(' ')}]`;
}

export interface DecodedDb {
  snapshot: StoreSnapshot;
  raw: KeyValue[];
  member?: MemberRecord;
  size: number;
}

/** Reads a database (or snapshot: trailing bytes are ignored as bbolt ignores them). */
export function decodeDb(content: string): DecodedDb | undefined {
  if (!content.startsWith(SNAPSHOT_HEADER + '\n')) return undefined;
  const start = SNAPSHOT_HEADER.length + 1;
  const end = content.indexOf('\n', start);
  try {
    const p = JSON.parse(content.slice(start, end < 0 ? undefined : end)) as Payload;
    const size = Math.ceil(Buffer.byteLength(content.slice(0, end + 1)) / PAGE) * PAGE;
    return { snapshot: { revision: p.revision, objects: p.objects }, raw: p.raw ?? [], member: p.member, size };
  } catch {
    return undefined;
  }
}

/** A live store from a database file, with its raw keys. */
export function storeFromDb(db: DecodedDb): Store {
  const store = Store.fromSnapshot(db.snapshot);
  const raw = rawKeysOf(store);
  for (const kv of db.raw) raw.set(kv.key, kv);
  return store;
}

export interface DbStatus {
  hash: number;
  revision: number;
  totalKey: number;
  totalSize: number;
}

/** `snapshot status`: a CRC-32C over the database's keys and values, its revision, key count, size. */
export function dbStatus(db: DecodedDb): DbStatus {
  let crc = 0;
  for (const [resource, obj] of db.snapshot.objects) crc = crc32c(crc, `${resource}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}${JSON.stringify(obj)}`);
  for (const kv of db.raw) crc = crc32c(crc, kv.key + kv.value);
  // etcd counts every key of every bucket: the objects, the meta and membership buckets.
  return { hash: crc >>> 0, revision: db.snapshot.revision, totalKey: db.snapshot.objects.length + db.raw.length + 6, totalSize: db.size };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** CRC-32C (Castagnoli), continuing from `crc`. */
export function crc32c(crc: number, text: string): number {
  let c = ~crc >>> 0;
  for (const b of Buffer.from(text)) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
