/** access(2) on the VirtualFS: the permission checks `test -r/-w/-x` and command lookup need. */
import type { Cred, VirtualFS } from '../../vfs/fs.js';

export const R_OK = 4;
export const W_OK = 2;
export const X_OK = 1;

export function access(fs: VirtualFS, path: string, cred: Cred, mode: number): boolean {
  let st;
  try {
    st = fs.stat(path, cred);
  } catch {
    return false;
  }
  if (cred.uid === 0) {
    // root may read and write anything, but executes only what has an x bit somewhere.
    return (mode & X_OK) === 0 || st.type === 'dir' || (st.mode & 0o111) !== 0;
  }
  let bits: number;
  if (st.uid === cred.uid) bits = (st.mode >> 6) & 7;
  else if (st.gid === cred.gid || cred.groups?.includes(st.gid)) bits = (st.mode >> 3) & 7;
  else bits = st.mode & 7;
  return (bits & mode) === mode;
}
