/**
 * systemd unit files as systemd reads them: the unit from the first directory of the search
 * path that has it, drop-ins from every `<unit>.d/` directory (later names win, an empty
 * assignment resets a list), Environment= and EnvironmentFile= for the command line, and
 * ExecStart= expanded with $VAR (split into words) and ${VAR} (kept as one word).
 */
import type { VirtualFS } from '../../vfs/fs.js';

export const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system'];

export interface UnitFile {
  /** Path of the main unit file. */
  path: string;
  /** Drop-in directory -> file names, in the order systemd applies them. */
  dropIns: { dir: string; files: string[] }[];
  /** Section -> key -> values in order (list keys keep every assignment after the last reset). */
  sections: Map<string, Map<string, string[]>>;
  /** Concatenated text of every file read (to notice edits: "changed on disk"). */
  fingerprint: string;
  masked: boolean;
}

const LIST_KEYS = new Set(['ExecStart', 'ExecStartPre', 'ExecStartPost', 'ExecStop', 'Environment', 'EnvironmentFile', 'Wants', 'After', 'Requires', 'Before', 'WantedBy']);

/** Reads a unit and its drop-ins; undefined when no unit file exists. */
export function readUnit(fs: VirtualFS, name: string): UnitFile | undefined {
  const file = `${name}.service`;
  let path: string | undefined;
  let masked = false;
  for (const dir of UNIT_DIRS) {
    const p = `${dir}/${file}`;
    if (!fs.exists(p)) {
      try {
        if (fs.lstat(p).type === 'symlink' && fs.readlink(p) === '/dev/null') {
          path = p;
          masked = true;
          break;
        }
      } catch {
        // not there
      }
      continue;
    }
    try {
      if (fs.lstat(p).type === 'symlink' && fs.readlink(p) === '/dev/null') masked = true;
    } catch {
      // a plain file
    }
    path = p;
    break;
  }
  if (!path) return undefined;
  const sections = new Map<string, Map<string, string[]>>();
  let fingerprint = '';
  if (!masked) {
    const text = fs.readFileIfExists(path) ?? '';
    fingerprint += text;
    apply(sections, text);
  }
  const byName = new Map<string, string>();
  const dirsSeen: { dir: string; files: string[] }[] = [];
  for (const dir of [...UNIT_DIRS].reverse()) {
    const d = `${dir}/${file}.d`;
    if (!fs.isDir(d)) continue;
    const files = fs.readdir(d).filter((f) => f.endsWith('.conf')).sort();
    if (files.length) dirsSeen.unshift({ dir: d, files });
    for (const f of files) byName.set(f, `${d}/${f}`);
  }
  if (!masked) {
    for (const f of [...byName.keys()].sort()) {
      const text = fs.readFileIfExists(byName.get(f)!) ?? '';
      fingerprint += `\n--${f}--\n${text}`;
      apply(sections, text);
    }
  }
  // Only drop-ins that are in effect (a same-named file in an earlier directory shadows later ones).
  const dropIns = dirsSeen.map((d) => ({ dir: d.dir, files: d.files.filter((f) => byName.get(f) === `${d.dir}/${f}`) })).filter((d) => d.files.length);
  return { path, dropIns, sections, fingerprint, masked };
}

function apply(sections: Map<string, Map<string, string[]>>, text: string): void {
  let section = '';
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      section = sec[1]!;
      if (!sections.has(section)) sections.set(section, new Map());
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0 || !section) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    const map = sections.get(section)!;
    if (LIST_KEYS.has(key)) {
      if (value === '') map.set(key, []);
      else map.set(key, [...(map.get(key) ?? []), value]);
    } else map.set(key, [value]);
  }
}

export function unitValue(u: UnitFile, section: string, key: string): string | undefined {
  const v = u.sections.get(section)?.get(key);
  return v && v.length ? v[v.length - 1] : undefined;
}

export function unitValues(u: UnitFile, section: string, key: string): string[] {
  return u.sections.get(section)?.get(key) ?? [];
}

/** Splits a systemd value into words, honouring double and single quotes. */
export function splitWords(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && i + 1 < value.length) cur += value[++i];
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
      continue;
    }
    if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    cur += c;
    inWord = true;
  }
  if (inWord) out.push(cur);
  return out;
}

/** KEY=value lines of an EnvironmentFile (quotes stripped, comments skipped). */
export function parseEnvironmentFile(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out.push([m[1]!, v]);
  }
  return out;
}

/** The environment of a service: Environment= assignments, then EnvironmentFile= contents. */
export function serviceEnvironment(fs: VirtualFS, u: UnitFile): { env: Map<string, string>; missing?: string } {
  const env = new Map<string, string>();
  for (const v of unitValues(u, 'Service', 'Environment')) {
    for (const word of splitWords(v)) {
      const eq = word.indexOf('=');
      if (eq > 0) env.set(word.slice(0, eq), word.slice(eq + 1));
    }
  }
  for (const v of unitValues(u, 'Service', 'EnvironmentFile')) {
    const optional = v.startsWith('-');
    const path = optional ? v.slice(1) : v;
    const text = fs.readFileIfExists(path);
    if (text === undefined) {
      if (!optional) return { env, missing: path };
      continue;
    }
    for (const [k, val] of parseEnvironmentFile(text)) env.set(k, val);
  }
  return { env };
}

/** ExecStart with $VAR and ${VAR} expanded as systemd does. */
export function expandExecStart(line: string, env: Map<string, string>): string[] {
  const cmd = line.replace(/^[-@+!:]+/, '');
  const out: string[] = [];
  for (const word of splitWords(cmd)) {
    const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(word);
    if (whole) {
      out.push(...splitWords(env.get(whole[1]!) ?? ''));
      continue;
    }
    out.push(word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string, b: string) => env.get(a ?? b) ?? ''));
  }
  return out;
}
