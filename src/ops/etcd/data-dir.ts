/**
 * An etcd data directory on a node's disk: etcd opens DIR/member/snap/db when it starts, so a
 * directory restored with `snapshot restore` (or copied from one) serves its objects.
 */
import type { Store } from '../../api/store.js';
import type { VirtualFS } from '../../vfs/fs.js';
import { decodeDb, storeFromDb } from './snapshot-file.js';
import { rememberMember } from './server.js';

export function loadDataDir(fs: VirtualFS, dir: string): Store | undefined {
  const text = fs.readFileIfExists(`${dir}/member/snap/db`);
  const db = text === undefined ? undefined : decodeDb(text);
  if (!db) return undefined;
  const store = storeFromDb(db);
  if (db.member) rememberMember(store, db.member);
  return store;
}
