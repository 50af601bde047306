/**
 * The archive `tar` writes and reads in the simulation. Real tar streams are binary; here the
 * stream is text (it travels through string pipes and exec streams), one header line and one
 * JSON line per member: name, type, mode, and a file's content in base64. `kubectl cp` speaks
 * it on both ends, exactly where kubectl speaks tar.
 */

export const ARCHIVE_MAGIC = 'kubedrill-tar/1';

export interface Member {
  /** Path inside the archive, without a leading slash ("etc/hosts"). */
  name: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  content?: string;
  linkname?: string;
}

export function encodeArchive(members: Member[]): string {
  let out = ARCHIVE_MAGIC + '\n';
  for (const m of members) {
    const entry: Record<string, unknown> = { n: m.name, t: m.type, m: m.mode };
    if (m.content !== undefined) entry['d'] = Buffer.from(m.content, 'utf8').toString('base64');
    if (m.linkname !== undefined) entry['l'] = m.linkname;
    out += JSON.stringify(entry) + '\n';
  }
  return out;
}

export class ArchiveError extends Error {}

export function decodeArchive(text: string): Member[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[0] !== ARCHIVE_MAGIC) throw new ArchiveError('This does not look like a tar archive');
  const out: Member[] = [];
  for (const line of lines.slice(1)) {
    if (!line) continue;
    let e: { n?: unknown; t?: unknown; m?: unknown; d?: unknown; l?: unknown };
    try {
      e = JSON.parse(line);
    } catch {
      throw new ArchiveError('Skipping to next header');
    }
    if (typeof e.n !== 'string' || (e.t !== 'file' && e.t !== 'dir' && e.t !== 'symlink')) throw new ArchiveError('Skipping to next header');
    out.push({
      name: e.n,
      type: e.t,
      mode: typeof e.m === 'number' ? e.m : 0o644,
      content: typeof e.d === 'string' ? Buffer.from(e.d, 'base64').toString('utf8') : undefined,
      linkname: typeof e.l === 'string' ? e.l : undefined,
    });
  }
  return out;
}
