/**
 * apt's source list: /etc/apt/sources.list and the one-line `.list` and deb822 `.sources` files
 * under /etc/apt/sources.list.d, read in apt's order, with apt's errors for malformed entries.
 */
import type { VirtualFS } from '../../vfs/fs.js';

export interface SourceEntry {
  uri: string;
  suite: string;
  components: string[];
}

export type SourcesResult = { ok: true; entries: SourceEntry[] } | { ok: false; errors: string[] };

const DIR = '/etc/apt/sources.list.d';

export function readSources(fs: VirtualFS): SourcesResult {
  const entries: SourceEntry[] = [];
  const files = ['/etc/apt/sources.list', ...(fs.isDir(DIR) ? fs.readdir(DIR).filter((f) => f.endsWith('.list') || f.endsWith('.sources')).map((f) => `${DIR}/${f}`) : [])];
  for (const file of files) {
    const text = fs.readFileIfExists(file);
    if (text === undefined) continue;
    const parsed = file.endsWith('.sources') ? parseDeb822(text, file) : parseOneLine(text, file);
    if ('error' in parsed) return { ok: false, errors: [parsed.error, 'E: The list of sources could not be read.'] };
    entries.push(...parsed.entries);
  }
  return { ok: true, entries };
}

function parseOneLine(text: string, file: string): { entries: SourceEntry[] } | { error: string } {
  const entries: SourceEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*$/, '').trim();
    if (!line) continue;
    const malformed = (what: string) => ({ error: `E: Malformed entry ${i + 1} in list file ${file} (${what})` });
    const m = /^(\S+)\s*(?:\[([^\]]*)\])?\s*(.*)$/.exec(line)!;
    const type = m[1]!;
    if (type !== 'deb' && type !== 'deb-src') return { error: `E: Type '${type}' is not known on line ${i + 1} in source list ${file}` };
    if (line.includes('[') && !m[2] && !line.includes(']')) return malformed('option');
    const rest = m[3]!.split(/\s+/).filter(Boolean);
    if (rest.length === 0) return malformed('URI');
    if (rest.length === 1) return malformed('dist');
    const [uri, suite, ...components] = rest as [string, string, ...string[]];
    if (suite.endsWith('/') && components.length > 0) return malformed('absolute dist');
    if (!suite.endsWith('/') && components.length === 0) return malformed('Component');
    if (type === 'deb') entries.push({ uri: uri.replace(/\/+$/, ''), suite, components });
  }
  return { entries };
}

function parseDeb822(text: string, file: string): { entries: SourceEntry[] } | { error: string } {
  const entries: SourceEntry[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last = '';
    for (const raw of stanza.split('\n')) {
      if (raw.startsWith('#') || !raw.trim()) continue;
      if (/^\s/.test(raw) && last) {
        fields.set(last, `${fields.get(last)} ${raw.trim()}`);
        continue;
      }
      const c = raw.indexOf(':');
      if (c < 0) return { error: `E: Malformed stanza 1 in source list ${file} (type)` };
      last = raw.slice(0, c).trim().toLowerCase();
      fields.set(last, raw.slice(c + 1).trim());
    }
    if (fields.size === 0) continue;
    if ((fields.get('enabled') ?? 'yes') === 'no') continue;
    if (!(fields.get('types') ?? '').split(/\s+/).includes('deb')) continue;
    for (const uri of (fields.get('uris') ?? '').split(/\s+/).filter(Boolean)) {
      for (const suite of (fields.get('suites') ?? '').split(/\s+/).filter(Boolean)) {
        entries.push({ uri: uri.replace(/\/+$/, ''), suite, components: (fields.get('components') ?? '').split(/\s+/).filter(Boolean) });
      }
    }
  }
  return { entries };
}
