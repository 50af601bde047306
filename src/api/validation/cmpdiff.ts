/**
 * A go-cmp style report (cmp.Diff) of two PodSpecs, as ValidatePodUpdate appends it to its
 * "pod updates may not change fields" error. go-cmp's output is deliberately unstable upstream
 * (it randomly swaps spaces for non-breaking spaces), so this follows its layout: internal
 * type and field names, "- "/"+ " markers, tab indentation, two records of context around a
 * change, "... // N identical fields" for the rest, and values aligned within a group.
 */
import { isObj, type Obj } from '../kinds/util.js';

interface TypeDef {
  name: string;
  /** JSON keys in the Go struct's declaration order. */
  fields: string[];
  /** Nested struct types by JSON key: "[]core.Container" or "*core.Probe" or "core.X". */
  refs?: Record<string, string>;
}

const TYPES: Record<string, TypeDef> = {
  'core.PodSpec': {
    name: 'core.PodSpec',
    fields: [
      'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
      'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'automountServiceAccountToken', 'nodeName',
      'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'setHostnameAsFQDN', 'affinity', 'schedulerName',
      'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'preemptionPolicy', 'dnsConfig', 'readinessGates',
      'runtimeClassName', 'overhead', 'enableServiceLinks', 'topologySpreadConstraints', 'os', 'schedulingGates',
      'resourceClaims', 'resources',
    ],
    refs: {
      volumes: '[]core.Volume', initContainers: '[]core.Container', containers: '[]core.Container', tolerations: '[]core.Toleration',
      securityContext: '*core.PodSecurityContext', nodeSelector: 'map[string]string', imagePullSecrets: '[]core.LocalObjectReference',
      overhead: 'core.ResourceList',
    },
  },
  'core.Container': {
    name: 'core.Container',
    fields: [
      'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy',
      'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath',
      'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty',
    ],
    refs: {
      ports: '[]core.ContainerPort', env: '[]core.EnvVar', volumeMounts: '[]core.VolumeMount', command: '[]string', args: '[]string',
      resources: 'core.ResourceRequirements', livenessProbe: '*core.Probe', readinessProbe: '*core.Probe', startupProbe: '*core.Probe',
      securityContext: '*core.SecurityContext', envFrom: '[]core.EnvFromSource',
    },
  },
  'core.ContainerPort': { name: 'core.ContainerPort', fields: ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'] },
  'core.VolumeMount': { name: 'core.VolumeMount', fields: ['name', 'readOnly', 'recursiveReadOnly', 'mountPath', 'subPath', 'mountPropagation', 'subPathExpr'] },
  'core.EnvVar': { name: 'core.EnvVar', fields: ['name', 'value', 'valueFrom'] },
  'core.Toleration': { name: 'core.Toleration', fields: ['key', 'operator', 'value', 'effect', 'tolerationSeconds'] },
  'core.ResourceRequirements': { name: 'core.ResourceRequirements', fields: ['limits', 'requests', 'claims'], refs: { limits: 'core.ResourceList', requests: 'core.ResourceList' } },
  'core.Volume': { name: 'core.Volume', fields: ['name', 'volumeSource'], refs: { volumeSource: 'core.VolumeSource' } },
  'core.PersistentVolumeClaimSpec': {
    name: 'core.PersistentVolumeClaimSpec',
    fields: ['accessModes', 'selector', 'resources', 'volumeName', 'storageClassName', 'volumeMode', 'dataSource', 'dataSourceRef', 'volumeAttributesClassName'],
    refs: { accessModes: '[]core.PersistentVolumeAccessMode', resources: 'core.VolumeResourceRequirements', storageClassName: '*string', volumeMode: '*core.PersistentVolumeMode' },
  },
  'core.VolumeResourceRequirements': { name: 'core.VolumeResourceRequirements', fields: ['limits', 'requests'], refs: { limits: 'core.ResourceList', requests: 'core.ResourceList' } },
  'core.PersistentVolumeSource': {
    name: 'core.PersistentVolumeSource',
    fields: [
      'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'iscsi', 'flexVolume', 'cinder', 'cephfs',
      'fc', 'flocker', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi',
    ],
    refs: { hostPath: '*core.HostPathVolumeSource', nfs: '*core.NFSVolumeSource', local: '*core.LocalVolumeSource', csi: '*core.CSIPersistentVolumeSource' },
  },
};

const GO_NAMES: Record<string, string> = {
  dnsPolicy: 'DNSPolicy', dnsConfig: 'DNSConfig', os: 'OS', tty: 'TTY', hostIP: 'HostIP', setHostnameAsFQDN: 'SetHostnameAsFQDN',
  hostPID: 'HostPID', hostIPC: 'HostIPC', workingDir: 'WorkingDir', imagePullSecrets: 'ImagePullSecrets',
  apiVersion: 'APIVersion', volumeSource: 'VolumeSource', gcePersistentDisk: 'GCEPersistentDisk', nfs: 'NFS', rbd: 'RBD', iscsi: 'ISCSI', cephfs: 'CephFS', fc: 'FC', csi: 'CSI',
  storageos: 'StorageOS', scaleIO: 'ScaleIO', awsElasticBlockStore: 'AWSElasticBlockStore',
};

function goName(key: string): string {
  return GO_NAMES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

type Mode = ' ' | '-' | '+';

interface Line {
  mode: Mode;
  depth: number;
  /** "Key: " or "" for list elements; aligned within a group. */
  key: string;
  text: string;
  /** Part of a multi-line value (not aligned). */
  multi?: boolean;
  ellipsis?: boolean;
}

function isZero(v: unknown): boolean {
  return v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0);
}

/** One-line rendering of a value, go-cmp style (zero fields elided, types implied). */
function inline(v: unknown, ref?: string, depth = 99): string {
  if (v === undefined || v === null) return ref?.startsWith('core.') || ref === 'core.ResourceRequirements' ? '{}' : 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return ref?.startsWith('*') ? `&${v}` : String(v);
  if (depth <= 0 && (Array.isArray(v) || isObj(v))) return '{...}';
  if (Array.isArray(v)) return `{${v.map((x) => inline(x, elemRef(ref), depth - 1)).join(', ')}}`;
  const obj = v as Obj;
  if (isMapRef(ref)) return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}: ${inline(obj[k], undefined, depth - 1)}`).join(', ')}}`;
  const def = ref ? TYPES[ref.replace(/^[*[\]]+/, '')] : undefined;
  const keys = def ? def.fields.filter((k) => k in obj) : Object.keys(obj).sort();
  const body = keys
    .filter((k) => !isZero(obj[k]))
    .map((k) => `${goName(k)}: ${inline(obj[k], def?.refs?.[k], depth - 1)}`)
    .join(', ');
  return `${ref?.startsWith('*') ? '&' : ''}{${body}}`;
}

function isMapRef(ref?: string): boolean {
  return !!ref && (ref.startsWith('map[') || ref === 'core.ResourceList');
}

/** An unchanged value: printed whole when short, its deeper levels elided as {...} when long. */
function compact(v: unknown, ref?: string): string {
  for (const depth of [99, 5, 4, 3]) {
    const text = inline(v, ref, depth);
    if (text.length <= 120) return text;
  }
  return inline(v, ref, 2);
}

function elemRef(ref?: string): string | undefined {
  return ref?.startsWith('[]') ? ref.slice(2) : undefined;
}

function typeName(ref: string | undefined, v: unknown): string {
  if (ref) return ref.replace(/^\*/, '&');
  if (Array.isArray(v)) return '[]string';
  return isObj(v) ? 'map[string]string' : '';
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(normalize) : undefined;
  if (isObj(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalize(v[k]);
      if (n !== undefined && n !== null) out[k] = n;
    }
    return out;
  }
  return v;
}

/** A removed or inserted value: one line if short, else expanded. */
function valueLines(mode: Mode, depth: number, key: string, v: unknown, ref?: string): Line[] {
  const one = v === undefined || v === null ? 'nil' : `${Array.isArray(v) || isObj(v) ? typeName(ref, v) : ''}${inline(v, ref)}`;
  if (one.length + key.length + depth * 8 <= 100 || !(Array.isArray(v) || isObj(v))) return [{ mode, depth, key, text: `${one},` }];
  const lines: Line[] = [{ mode, depth, key, text: `${typeName(ref, v)}{`, multi: true }];
  if (Array.isArray(v)) {
    for (const x of v) lines.push(...valueLines(mode, depth + 1, '', x, elemRef(ref)).map((l) => ({ ...l, text: l.text.replace(/^&?core\.[A-Za-z]+\{/, '{') })));
  } else {
    const def = ref ? TYPES[ref.replace(/^[*[\]]+/, '')] : undefined;
    const obj = v as Obj;
    if (isMapRef(ref)) {
      for (const k of Object.keys(obj).sort()) lines.push(...valueLines(mode, depth + 1, `${JSON.stringify(k)}: `, obj[k]));
    } else {
      const keys = def ? def.fields.filter((k) => k in obj) : Object.keys(obj).sort();
      for (const k of keys) if (!isZero(obj[k])) lines.push(...valueLines(mode, depth + 1, `${goName(k)}: `, obj[k], def?.refs?.[k]));
    }
  }
  lines.push({ mode, depth, key: '', text: '},', multi: true });
  return lines;
}

interface Rec {
  equal: boolean;
  lines: Line[];
}

function withContext(recs: Rec[], depth: number, unit: 'field' | 'element' | 'entry'): Line[] {
  const out: Line[] = [];
  // Group runs of equal records.
  const groups: Rec[][] = [];
  for (const r of recs) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.equal === r.equal && r.equal) last.push(r);
    else groups.push([r]);
  }
  groups.forEach((g, i) => {
    if (!g[0]!.equal) {
      for (const r of g) out.push(...r.lines);
      return;
    }
    let lo = i !== 0 ? Math.min(2, g.length) : 0;
    let hi = i !== groups.length - 1 ? Math.min(2, g.length - lo) : 0;
    if (g.length - (lo + hi) === 1) hi++;
    if (lo + hi > g.length) lo = g.length - hi;
    for (const r of g.slice(0, lo)) out.push(...r.lines);
    const elided = g.length - lo - hi;
    if (elided > 0) out.push({ mode: ' ', depth, key: '', text: `... // ${elided} identical ${elided === 1 ? unit : unit === 'entry' ? 'entries' : `${unit}s`}`, ellipsis: true });
    for (const r of g.slice(g.length - hi)) out.push(...r.lines);
  });
  return out;
}

function diffStruct(a: Obj, b: Obj, def: TypeDef, depth: number): Line[] {
  const keys = [...def.fields, ...[...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !def.fields.includes(k)).sort()];
  const recs: Rec[] = keys.map((k) => {
    const key = `${goName(k)}: `;
    const ref = def.refs?.[k];
    if (equal(a[k], b[k])) return { equal: true, lines: [{ mode: ' ', depth, key, text: `${compact(a[k], ref)},` }] };
    return { equal: false, lines: diffValue(a[k], b[k], depth, key, ref) };
  });
  return withContext(recs, depth, 'field');
}

function diffValue(a: unknown, b: unknown, depth: number, key: string, ref?: string): Line[] {
  const inner = ref?.replace(/^[*[\]]+/, '');
  const def = inner ? TYPES[inner] : undefined;
  if (Array.isArray(a) && Array.isArray(b) && a.length > 0 && b.length > 0) {
    const recs: Rec[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = a[i];
      const y = b[i];
      if (i < a.length && i < b.length && equal(x, y)) recs.push({ equal: true, lines: [{ mode: ' ', depth: depth + 1, key: '', text: `${compact(x, inner)},` }] });
      else if (i < a.length && i < b.length && def && isObj(x) && isObj(y)) {
        recs.push({ equal: false, lines: [{ mode: ' ', depth: depth + 1, key: '', text: '{', multi: true }, ...diffStruct(x, y, def, depth + 2), { mode: ' ', depth: depth + 1, key: '', text: '},', multi: true }] });
      } else {
        const lines: Line[] = [];
        if (i < a.length) lines.push(...valueLines('-', depth + 1, '', x, inner));
        if (i < b.length) lines.push(...valueLines('+', depth + 1, '', y, inner));
        recs.push({ equal: false, lines: lines.map((l) => ({ ...l, text: l.text.replace(/^&?core\.[A-Za-z]+\{/, '{') })) });
      }
    }
    return [{ mode: ' ', depth, key, text: `${typeName(ref, a)}{`, multi: true }, ...withContext(recs, depth + 1, 'element'), { mode: ' ', depth, key: '', text: '},', multi: true }];
  }
  if (isObj(a) && isObj(b) && isMapRef(ref)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    const recs: Rec[] = keys.map((k) => {
      const key = `${JSON.stringify(k)}: `;
      if (equal(a[k], b[k])) return { equal: true, lines: [{ mode: ' ', depth: depth + 1, key, text: `${inline(a[k])},` }] };
      const lines: Line[] = [];
      if (a[k] !== undefined) lines.push({ mode: '-', depth: depth + 1, key, text: `${inline(a[k])},` });
      if (b[k] !== undefined) lines.push({ mode: '+', depth: depth + 1, key, text: `${inline(b[k])},` });
      return { equal: false, lines };
    });
    return [{ mode: ' ', depth, key, text: `${typeName(ref, a)}{`, multi: true }, ...withContext(recs, depth + 1, 'entry'), { mode: ' ', depth, key: '', text: '},', multi: true }];
  }
  if (isObj(a) && isObj(b) && def) {
    return [{ mode: ' ', depth, key, text: `${typeName(ref, a)}{`, multi: true }, ...diffStruct(a, b, def, depth + 1), { mode: ' ', depth, key: '', text: '},', multi: true }];
  }
  return [...valueLines('-', depth, key, a, ref), ...valueLines('+', depth, key, b, ref)];
}

function render(lines: Line[]): string {
  // Align keys of consecutive single-line records at the same depth.
  const widths = new Array<number>(lines.length).fill(0);
  let start = 0;
  const flush = (end: number): void => {
    const w = Math.max(0, ...lines.slice(start, end).map((l) => l.key.length));
    for (let i = start; i < end; i++) widths[i] = w;
  };
  for (let i = 0; i <= lines.length; i++) {
    const l = lines[i];
    const prev = lines[i - 1];
    const breaks = !l || l.multi || l.ellipsis || !l.key || (prev && prev.depth !== l.depth);
    if (breaks) {
      flush(i);
      start = i + 1;
      if (l && !l.multi && !l.ellipsis && l.key) start = i;
    }
  }
  return lines
    .map((l, i) => {
      const key = l.multi || l.ellipsis || !l.key ? l.key : l.key.padEnd(widths[i]!);
      return `${l.mode === ' ' ? ' ' : l.mode} ${'\t'.repeat(l.depth)}${key}${l.text}`;
    })
    .join('\n');
}

/** cmp.Diff(old, new) of two values of a known internal type, in their JSON form. */
export function cmpDiff(type: string, oldValue: Obj, newValue: Obj): string {
  const def = TYPES[type] ?? { name: type, fields: [] };
  return `${render([{ mode: ' ', depth: 0, key: '', text: `${type}{`, multi: true }, ...diffStruct(oldValue, newValue, def, 1), { mode: ' ', depth: 0, key: '', text: '}', multi: true }])}\n`;
}

/** cmp.Diff(oldSpec, newSpec) for two PodSpecs. */
export function podSpecDiff(oldSpec: Obj, newSpec: Obj): string {
  return cmpDiff('core.PodSpec', oldSpec, newSpec);
}
