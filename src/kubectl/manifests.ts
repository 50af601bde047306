/**
 * Reading manifests for `-f`: files, directories (with -R), stdin (`-`), multi-document YAML,
 * JSON, and List kinds, each object remembering where it came from for kubectl's
 * `error when creating "web.yaml"` messages. Parse failures use go-yaml's wording.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { VirtualFS } from '../vfs/fs.js';
import { VfsError } from '../vfs/fs.js';
import type { KObject } from '../api/types.js';
import { KubectlError } from './errors.js';

export interface SourcedObject {
  object: KObject;
  /** The name kubectl prints: the path as given, or "STDIN". */
  source: string;
}

export interface ManifestInput {
  fs: VirtualFS;
  cred: { uid: number; gid: number; groups?: readonly number[] };
  resolve(path: string): string;
  stdin: string;
}

const MANIFEST_EXT = /\.(ya?ml|json)$/;

/** Expands every -f argument to (source, text) pairs, as kubectl's FilenameOptions does. */
export function readSources(filenames: readonly string[], recursive: boolean, input: ManifestInput): { source: string; text: string }[] {
  const out: { source: string; text: string }[] = [];
  for (const name of filenames) {
    if (name === '-') {
      out.push({ source: 'STDIN', text: input.stdin });
      continue;
    }
    if (/^https?:\/\//.test(name)) {
      const host = name.replace(/^https?:\/\//, '').split('/')[0];
      throw new KubectlError(`error: unable to read URL "${name}", server reported : Get "${name}": dial tcp: lookup ${host}: no such host`);
    }
    const path = input.resolve(name);
    if (!input.fs.exists(path)) throw new KubectlError(`error: the path "${name}" does not exist`);
    if (input.fs.isDir(path)) {
      for (const file of listDir(input.fs, path, recursive)) out.push({ source: displayPath(name, path, file), text: read(input, file, name) });
    } else {
      out.push({ source: name, text: read(input, path, name) });
    }
  }
  return out;
}

function listDir(fs: VirtualFS, dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdir(dir)) {
    const full = `${dir === '/' ? '' : dir}/${entry}`;
    if (fs.isDir(full)) {
      if (recursive) out.push(...listDir(fs, full, true));
    } else if (MANIFEST_EXT.test(entry)) {
      out.push(full);
    }
  }
  return out;
}

function displayPath(given: string, resolved: string, file: string): string {
  return given.replace(/\/$/, '') + file.slice(resolved.replace(/\/$/, '').length);
}

function read(input: ManifestInput, path: string, shown: string): string {
  try {
    return input.fs.readFile(path, input.cred);
  } catch (e) {
    if (e instanceof VfsError) throw new KubectlError(`error: open ${shown}: ${e.reason.toLowerCase()}`);
    throw e;
  }
}

/** Decodes one source into objects, unwrapping `kind: List`. */
export function decodeObjects(source: string, text: string): SourcedObject[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const out: SourcedObject[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const { line } = lines.linePos(err.pos[0]);
      throw new KubectlError(`error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${goYamlMessage(err.message)}`);
    }
    if (doc.contents === null) continue;
    if (!isMap(doc.contents)) {
      if (isSeq(doc.contents)) throw new KubectlError(`error: error parsing ${source}: error converting YAML to JSON: yaml: cannot unmarshal array into Go value of type map[string]interface {}`);
      continue;
    }
    const value = doc.toJS() as KObject;
    for (const obj of unwrapList(value)) out.push({ object: obj, source });
  }
  return out;
}

function unwrapList(obj: KObject): KObject[] {
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj['items'])) {
    return (obj['items'] as KObject[]).flatMap((item) => unwrapList(item));
  }
  return [obj];
}

/** The nearest go-yaml message for a parse problem. */
function goYamlMessage(message: string): string {
  const m = message.toLowerCase();
  if (m.includes('nested mappings') || m.includes('implicit map keys') || m.includes('mapping values')) return 'mapping values are not allowed in this context';
  if (m.includes('sequence item without') || m.includes('indicator')) return "did not find expected '-' indicator";
  if (m.includes('tab')) return 'found character that cannot start any token';
  if (m.includes('missing closing') || m.includes('unterminated') || m.includes('quote')) return 'found unexpected end of stream';
  if (m.includes('duplicate')) return message.split('\n')[0]!.replace(/^Map keys must be unique.*$/i, 'mapping key already defined');
  return 'did not find expected key';
}

/** Client-side checks kubectl applies before sending (kind and apiVersion must be set). */
export function checkTypeMeta(o: SourcedObject): void {
  const obj = o.object;
  const missing = !obj.apiVersion ? 'apiVersion' : !obj.kind ? 'kind' : undefined;
  if (missing) {
    throw new KubectlError(`error: error validating "${o.source}": error validating data: ${missing} not set; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
}
