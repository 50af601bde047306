/**
 * chmod-style modes: octal (`755`, `0644`, `4755`) and symbolic (`u+x`, `go-w`, `a=r,u+w`,
 * `+x`, `g=u`, `X`). The umask of every simulated shell is 022, as for root on Debian.
 */

export const UMASK = 0o022;

export class ModeError extends Error {}

/**
 * Applies a mode spec to `current`. `isDir` matters for X and for keeping a directory's
 * set-id bits under octal modes, as GNU chmod does.
 */
export function applyMode(spec: string, current: number, isDir: boolean, umask = UMASK): number {
  if (/^[0-7]+$/.test(spec)) {
    if (spec.length > 5) throw new ModeError(spec);
    const n = parseInt(spec, 8);
    // GNU keeps a directory's setuid/setgid bits unless the mode has five digits.
    return isDir ? n | (current & 0o6000) : n;
  }
  let mode = current;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) throw new ModeError(spec);
    const who = m[1]!;
    let whoMask = 0;
    if (who === '') whoMask = 0o7777;
    if (who.includes('u') || who.includes('a')) whoMask |= 0o4700;
    if (who.includes('g') || who.includes('a')) whoMask |= 0o2070;
    if (who.includes('o') || who.includes('a')) whoMask |= 0o1007;
    const masked = who === '' ? ~umask & 0o7777 : 0o7777;
    for (const action of m[2]!.match(/[-+=][^-+=]*/g)!) {
      const op = action[0]!;
      const perms = action.slice(1);
      let bits = 0;
      if (/^[ugo]$/.test(perms)) {
        const shift = perms === 'u' ? 6 : perms === 'g' ? 3 : 0;
        const p = (mode >> shift) & 7;
        bits = (p << 6) | (p << 3) | p;
      } else {
        for (const c of perms) {
          if (c === 'r') bits |= 0o444;
          else if (c === 'w') bits |= 0o222;
          else if (c === 'x') bits |= 0o111;
          else if (c === 'X') {
            if (isDir || (mode & 0o111) !== 0) bits |= 0o111;
          } else if (c === 's') bits |= 0o6000;
          else if (c === 't') bits |= 0o1000;
        }
      }
      const eff = bits & whoMask & masked;
      if (op === '+') mode |= eff;
      else if (op === '-') mode &= ~eff;
      else {
        // `=` leaves a directory's set-id bits alone unless it names them.
        const clear = isDir && !perms.includes('s') ? whoMask & ~0o6000 : whoMask;
        mode = (mode & ~clear) | eff;
      }
    }
  }
  return mode & 0o7777;
}

/** `rwxr-xr-x` without the type character (chmod -v). */
export function permString(mode: number): string {
  const ch = (bit: number, c: string): string => (mode & bit ? c : '-');
  const x = (bit: number, special: number, c: string): string => {
    const xb = (mode & bit) !== 0;
    const sb = (mode & special) !== 0;
    return sb ? (xb ? c : c.toUpperCase()) : xb ? 'x' : '-';
  };
  return ch(0o400, 'r') + ch(0o200, 'w') + x(0o100, 0o4000, 's') + ch(0o40, 'r') + ch(0o20, 'w') + x(0o10, 0o2000, 's') + ch(0o4, 'r') + ch(0o2, 'w') + x(0o1, 0o1000, 't');
}
