/**
 * Data sources of config maps and secrets (--from-literal, --from-file with key=path and
 * directories, --from-env-file), read from the virtual filesystem as the user running kubectl,
 * with kubectl's parsing rules and error sentences; and the name hash of --append-hash.
 */
import { createHash } from 'node:crypto';
import { configMapKey, envVarName } from '../../api/validation/names.js';
import type { Invocation } from '../command.js';
import { KubectlError } from '../errors.js';
import { goJsonCompact, goQuote } from '../../util/gofmt.js';

/** A map with its keys in Go's sorted order (json.Marshal of map[string]...). */
export function sortedMap<T>(m: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k]!;
  return out;
}

function fail(message: string): KubectlError {
  return new KubectlError(`error: ${message}`);
}

/** util.ParseLiteralSource: key=value, split at the first '='. */
export function parseLiteralSource(source: string): [string, string] {
  const i = source.indexOf('=');
  if (i <= 0) throw fail(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, i), source.slice(i + 1)];
}

/** util.ParseFileSource: path (key = basename) or key=path. */
export function parseFileSource(source: string): [string, string] {
  const n = source.split('=').length - 1;
  if (n === 0) return [basename(source), source];
  if (n === 1 && source.startsWith('=')) throw fail(`key name for file path ${source.slice(1)} missing`);
  if (n === 1 && source.endsWith('=')) throw fail(`file path for key name ${source.slice(0, -1)} missing`);
  if (n > 1) throw fail("key names or file paths cannot contain '='");
  const [k, p] = source.split('=') as [string, string];
  return [k, p];
}

/** path.Base of a slash path. */
function basename(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return p === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** The file access a source needs: the caller's view of the VFS. */
export interface SourceReader {
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /** Regular files of a directory, sorted by name (os.ReadDir). */
  files(dir: string): string[];
  read(path: string): string;
  env(name: string): string;
}

export function readerFor(inv: Invocation): SourceReader {
  const fs = inv.proc.host.fs;
  const abs = (p: string) => inv.proc.resolve(p);
  return {
    exists: (p) => fs.exists(abs(p)),
    isDir: (p) => fs.isDir(abs(p)),
    files: (dir) =>
      fs
        .readdir(abs(dir), inv.proc.cred)
        .filter((e) => fs.lstat(joinPath(abs(dir), e)).type === 'file')
        .sort(),
    read: (p) => {
      try {
        return fs.readFile(abs(p), inv.proc.cred);
      } catch (e) {
        throw fail(`open ${p}: ${((e as { reason?: string }).reason ?? 'permission denied').toLowerCase()}`);
      }
    },
    env: (name) => inv.proc.env.get(name) ?? '',
  };
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** --from-file sources as (key, content) pairs, directories expanded, in kubectl's order. */
export function fileSourceEntries(reader: SourceReader, sources: string[], add: (key: string, content: string) => void): void {
  for (const source of sources) {
    const [key, path] = parseFileSource(source);
    if (!reader.exists(path)) throw fail(`error reading ${path}: no such file or directory`);
    if (reader.isDir(path)) {
      if (source.includes('=')) throw fail('cannot give a key name for a directory path');
      for (const f of reader.files(path)) add(f, reader.read(joinPath(path, f)));
    } else {
      add(key, reader.read(path));
    }
  }
}

/** --from-env-file: KEY=value lines; a bare KEY takes the variable from kubectl's environment. */
export function envFileEntries(reader: SourceReader, files: string[], dirMessage: string, add: (key: string, value: string) => void): void {
  for (const file of files) {
    if (!reader.exists(file)) throw fail(`error reading ${file}: no such file or directory`);
    if (reader.isDir(file)) throw fail(dirMessage);
    const lines = reader.read(file).split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((raw, i) => {
      let line = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
      line = line.replace(/\r$/, '').replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      const errs = envVarName(key);
      if (errs.length) throw fail(`${goQuote(key)} is not a valid key name: ${errs.join(';')}`);
      add(key, eq < 0 ? reader.env(key) : line.slice(eq + 1));
    });
  }
}

/** Validation of a config map key, with the ConfigMap generator's wording. */
export function configMapKeyError(key: string): string | undefined {
  const errs = configMapKey(key);
  return errs.length ? errs.join(',') : undefined;
}

export function configMapKeyErrorsForSecret(key: string): string | undefined {
  const errs = configMapKey(key);
  return errs.length ? errs.join(';') : undefined;
}

/** kubectl's hash suffix: the first 10 hex digits of sha256, with a, e, 0, 1, 3 mapped to consonants. */
export function encodeHash(text: string): string {
  const hex = createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 10);
  return hex.replace(/[01ae3]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c]!);
}

export function configMapHash(name: string, data: Record<string, string>, binaryData?: Record<string, string>): string {
  const m: Record<string, unknown> = { kind: 'ConfigMap', name, data };
  if (binaryData && Object.keys(binaryData).length) m['binaryData'] = binaryData;
  return encodeHash(goJsonCompact(m));
}

/** `data` values are base64 already (as the Secret stores them). */
export function secretHash(name: string, type: string, data: Record<string, string>): string {
  return encodeHash(goJsonCompact({ kind: 'Secret', type, name, data }));
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
