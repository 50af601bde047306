/**
 * The kubelet's file source: every manifest in staticPodPath becomes a pod whose identity is the
 * hash of the file, so editing a manifest replaces the pod, and a file that does not parse is
 * skipped with the kubelet's log line.
 */
import { createHash } from 'node:crypto';
import type { KObject } from '../../api/types.js';
import type { VirtualFS } from '../../vfs/fs.js';
import { parseYaml } from '../../util/yaml.js';
import { parseYamlAll } from '../../util/yaml.js';

export interface StaticPod {
  file: string;
  /** The config hash, which is also the pod uid (kubernetes.io/config.hash). */
  hash: string;
  pod: KObject;
}

export interface StaticPodScan {
  pods: StaticPod[];
  /** Files that could not be turned into a pod, with the kubelet's error text. */
  errors: { file: string; message: string }[];
}

export function scanStaticPods(fs: VirtualFS, dir: string, nodeName: string): StaticPodScan {
  const out: StaticPodScan = { pods: [], errors: [] };
  if (!fs.isDir(dir)) return out;
  for (const name of fs.readdir(dir)) {
    const file = `${dir}/${name}`;
    // The kubelet ignores dot files; editors' swap and backup files are treated the same way.
    if (name.startsWith('.') || !fs.isFile(file)) continue;
    const content = fs.readFile(file);
    const parsed = decode(content);
    if ('error' in parsed) {
      out.errors.push({ file, message: parsed.error });
      continue;
    }
    const pod = parsed.pod;
    const m = pod.metadata;
    if (!m.name) {
      out.errors.push({ file, message: 'invalid pod: metadata.name: Required value: name or generateName is required' });
      continue;
    }
    const hash = createHash('md5').update(`${nodeName}\n${content}`).digest('hex');
    pod.metadata = { ...m, namespace: m.namespace || 'default', name: `${m.name}-${nodeName}`, uid: hash };
    out.pods.push({ file, hash, pod });
  }
  return out;
}

function decode(content: string): { pod: KObject } | { error: string } {
  let doc: unknown;
  try {
    const docs = parseYamlAll(content);
    doc = docs.length === 1 ? docs[0] : docs.length === 0 ? undefined : parseYaml(content);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { error: `error converting YAML to JSON: yaml: ${msg}` };
  }
  if (!doc || typeof doc !== 'object') return { error: 'invalid pod: the manifest is empty' };
  const obj = doc as KObject;
  if (obj.kind !== 'Pod') return { error: `invalid pod: the manifest's kind is "${String(obj.kind)}", not Pod` };
  if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
  return { pod: structuredClone(obj) };
}
