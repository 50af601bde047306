/**
 * PodSpec validation, following pkg/apis/core/validation ValidatePodSpec field by field and in
 * the same order, so that a manifest with several mistakes reports them as the apiserver does.
 */
import type { FieldError } from '../errors.js';
import { isObj, list, type Obj } from '../kinds/util.js';
import { validateLabelName, validateLabels, validateLabelSelector } from './common.js';
import { fe, nonNegative, raw, NOT_POSITIVE } from './field.js';
import {
  configMapKey,
  dns1123Label,
  dns1123Subdomain,
  inclusiveRange,
  IP_MESSAGE,
  isIP,
  labelValue,
  portName,
  portNum,
  qualifiedName,
  relaxedEnvVarName,
} from './names.js';
import { validateResourceRequirements } from './resources.js';

export interface PodSpecOptions {
  /** The spec belongs to a Pod (not a template): hostNetwork ports must match exactly. */
  isPod: boolean;
}

type Errs = FieldError[];

const MAX_INT32 = 2147483647;
const FILE_MODE = 'must be a number between 0 and 0777 (octal), both inclusive';

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

// ---- volumes -------------------------------------------------------------------------------

const VOLUME_TYPES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker',
  'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile',
  'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
];
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function noBacksteps(p: string, path: string): Errs {
  return p.split('/').includes('..') ? [fe.invalid(path, p, "must not contain '..'")] : [];
}

function localDescendingPath(p: string, path: string): Errs {
  const errs: Errs = [];
  if (p.startsWith('/')) errs.push(fe.invalid(path, p, 'must be a relative path'));
  return errs.concat(noBacksteps(p, path));
}

function localNonReservedPath(p: string, path: string): Errs {
  const errs = localDescendingPath(p, path);
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(fe.invalid(path, p, "must not start with '..'"));
  return errs;
}

function fileMode(mode: unknown, path: string): Errs {
  return typeof mode === 'number' && (mode > 0o777 || mode < 0) ? [fe.invalid(path, mode, FILE_MODE)] : [];
}

function keyToPaths(items: unknown, path: string): Errs {
  const errs: Errs = [];
  list(items).forEach((kp, i) => {
    const p = `${path}[${i}]`;
    if (!str(kp['key'])) errs.push(fe.required(`${p}.key`));
    if (!str(kp['path'])) errs.push(fe.required(`${p}.path`));
    errs.push(...localNonReservedPath(str(kp['path']), `${p}.path`));
    errs.push(...fileMode(kp['mode'], `${p}.mode`));
  });
  return errs;
}

function downwardFiles(items: unknown, path: string): Errs {
  const errs: Errs = [];
  for (const f of list(items)) {
    if (!str(f['path'])) errs.push(fe.required(`${path}.path`));
    errs.push(...localNonReservedPath(str(f['path']), `${path}.path`));
    if (isObj(f['fieldRef'])) errs.push(...objectFieldSelector(f['fieldRef'], VOLUME_FIELD_PATHS, `${path}.fieldRef`));
    else if (!isObj(f['resourceFieldRef'])) errs.push(fe.required(path, 'one of fieldRef and resourceFieldRef is required'));
    errs.push(...fileMode(f['mode'], `${path}.mode`));
  }
  return errs;
}

function validateVolumeSource(v: Obj, path: string): Errs {
  const errs: Errs = [];
  let count = 0;
  for (const type of VOLUME_TYPES) {
    if (v[type] === undefined || v[type] === null) continue;
    if (count > 0) {
      errs.push(fe.forbidden(`${path}.${type}`, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    const s = isObj(v[type]) ? (v[type] as Obj) : {};
    const p = `${path}.${type}`;
    switch (type) {
      case 'hostPath':
        if (!str(s['path'])) {
          errs.push(fe.required(`${p}.path`));
          break;
        }
        errs.push(...noBacksteps(str(s['path']), `${p}.path`));
        if (s['type'] !== undefined && !HOST_PATH_TYPES.includes(str(s['type']))) errs.push(fe.notSupported(`${p}.type`, str(s['type']), HOST_PATH_TYPES));
        break;
      case 'secret':
        if (!str(s['secretName'])) errs.push(fe.required(`${p}.secretName`));
        errs.push(...fileMode(s['defaultMode'], `${p}.defaultMode`), ...keyToPaths(s['items'], `${p}.items`));
        break;
      case 'configMap':
        if (!str(s['name'])) errs.push(fe.required(`${p}.name`));
        errs.push(...fileMode(s['defaultMode'], `${p}.defaultMode`), ...keyToPaths(s['items'], `${p}.items`));
        break;
      case 'persistentVolumeClaim':
        if (!str(s['claimName'])) errs.push(fe.required(`${p}.claimName`));
        break;
      case 'nfs':
        if (!str(s['server'])) errs.push(fe.required(`${p}.server`));
        if (!str(s['path'])) errs.push(fe.required(`${p}.path`));
        if (!str(s['path']).startsWith('/')) errs.push(fe.invalid(`${p}.path`, str(s['path']), 'must be an absolute path'));
        break;
      case 'emptyDir':
        if (typeof s['sizeLimit'] === 'string' && s['sizeLimit'].startsWith('-')) errs.push(fe.forbidden(`${p}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'));
        break;
      case 'downwardAPI':
        errs.push(...fileMode(s['defaultMode'], `${p}.defaultMode`), ...downwardFiles(s['items'], p));
        break;
      case 'projected':
        errs.push(...fileMode(s['defaultMode'], `${p}.defaultMode`), ...projectionSources(s, p));
        break;
      case 'csi':
        if (!str(s['driver'])) errs.push(fe.required(`${p}.driver`));
        break;
      case 'gitRepo':
        if (!str(s['repository'])) errs.push(fe.required(`${p}.repository`));
        break;
    }
  }
  if (count === 0) errs.push(fe.required(path, 'must specify a volume type'));
  return errs;
}

function projectionSources(s: Obj, path: string): Errs {
  const errs: Errs = [];
  list(s['sources']).forEach((src, i) => {
    const sp = `${path}.sources[${i}]`;
    let n = 0;
    if (isObj(src['secret'])) {
      n++;
      if (!str(src['secret']['name'])) errs.push(fe.required(`${sp}.secret.name`));
      errs.push(...keyToPaths(src['secret']['items'], `${sp}.secret.items`));
    }
    if (isObj(src['configMap'])) {
      n++;
      if (!str(src['configMap']['name'])) errs.push(fe.required(`${sp}.configMap.name`));
      errs.push(...keyToPaths(src['configMap']['items'], `${sp}.configMap.items`));
    }
    if (isObj(src['downwardAPI'])) {
      n++;
      errs.push(...downwardFiles(src['downwardAPI']['items'], `${sp}.downwardAPI`));
    }
    if (isObj(src['serviceAccountToken'])) {
      n++;
      const t = src['serviceAccountToken'];
      const exp = Number(t['expirationSeconds'] ?? 0);
      if (exp < 600) errs.push(fe.invalid(`${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(fe.invalid(`${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!str(t['path'])) errs.push(fe.required(`${path}.path`));
      else errs.push(...localNonReservedPath(str(t['path']), `${path}.path`));
    }
    if (n > 1) errs.push(fe.forbidden(sp, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

/** ValidateVolumes: returns the names of volumes that validated cleanly, as mounts may reference. */
export function validateVolumes(volumes: unknown, path: string): { names: Map<string, Obj>; errs: Errs } {
  const names = new Map<string, Obj>();
  const errs: Errs = [];
  list(volumes).forEach((v, i) => {
    const p = `${path}[${i}]`;
    const el = validateVolumeSource(isObj(v) ? v : {}, p);
    const name = str(v?.['name']);
    if (!name) el.push(fe.required(`${p}.name`));
    else el.push(...dns1123Label(name).map((m) => fe.invalid(`${p}.name`, name, m)));
    if (names.has(name)) el.push(fe.duplicate(`${p}.name`, name));
    if (el.length === 0) names.set(name, v);
    else errs.push(...el);
  });
  return { names, errs };
}

// ---- containers ----------------------------------------------------------------------------

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function containerPorts(ports: unknown, path: string): Errs {
  const errs: Errs = [];
  const names = new Set<string>();
  list(ports).forEach((port, i) => {
    const p = `${path}[${i}]`;
    const name = str(port['name']);
    if (name) {
      const msgs = portName(name);
      if (msgs.length) errs.push(...msgs.map((m) => fe.invalid(`${p}.name`, name, m)));
      else if (names.has(name)) errs.push(fe.duplicate(`${p}.name`, name));
      else names.add(name);
    }
    const cp = Number(port['containerPort'] ?? 0);
    if (!cp) errs.push(fe.required(`${p}.containerPort`));
    else errs.push(...portNum(cp).map((m) => fe.invalid(`${p}.containerPort`, cp, m)));
    const hp = Number(port['hostPort'] ?? 0);
    if (hp) errs.push(...portNum(hp).map((m) => fe.invalid(`${p}.hostPort`, hp, m)));
    const proto = str(port['protocol']);
    if (!proto) errs.push(fe.required(`${p}.protocol`));
    else if (!PROTOCOLS.includes(proto)) errs.push(fe.notSupported(`${p}.protocol`, proto, PROTOCOLS));
  });
  return errs;
}

function objectFieldSelector(fs: Obj, allowed: string[], path: string): Errs {
  if (!str(fs['apiVersion'])) return [fe.required(`${path}.apiVersion`)];
  const fp = str(fs['fieldPath']);
  if (!fp) return [fe.required(`${path}.fieldPath`)];
  const m = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fp);
  if (m) {
    const key = m[1] === 'metadata.annotations' ? m[2]!.toLowerCase() : m[2]!;
    return qualifiedName(key).map((msg) => fe.invalid(path, key, msg));
  }
  if (!allowed.includes(fp)) return [fe.notSupported(`${path}.fieldPath`, fp, allowed)];
  return [];
}

function keySelector(s: Obj, path: string): Errs {
  const errs = dns1123Subdomain(str(s['name'])).map((m) => fe.invalid(`${path}.name`, str(s['name']), m));
  const key = str(s['key']);
  if (!key) errs.push(fe.required(`${path}.key`));
  else errs.push(...configMapKey(key).map((m) => fe.invalid(`${path}.key`, key, m)));
  return errs;
}

function env(vars: unknown, path: string): Errs {
  const errs: Errs = [];
  list(vars).forEach((ev, i) => {
    const p = `${path}[${i}]`;
    const name = str(ev['name']);
    if (!name) errs.push(fe.required(`${p}.name`));
    else errs.push(...relaxedEnvVarName(name).map((m) => fe.invalid(`${p}.name`, name, m)));
    const vf = ev['valueFrom'];
    if (!isObj(vf)) return;
    const vp = `${p}.valueFrom`;
    let n = 0;
    if (isObj(vf['fieldRef'])) {
      n++;
      errs.push(...objectFieldSelector(vf['fieldRef'], ENV_FIELD_PATHS, `${vp}.fieldRef`));
    }
    if (isObj(vf['resourceFieldRef'])) {
      n++;
      const r = str(vf['resourceFieldRef']['resource']);
      if (!r) errs.push(fe.required(`${vp}.resourceFieldRef.resource`));
      else if (!RESOURCE_FIELD_PATHS.includes(r) && !/^(requests|limits)\.hugepages-/.test(r)) errs.push(fe.notSupported(`${vp}.resourceFieldRef.resource`, r, RESOURCE_FIELD_PATHS));
    }
    if (isObj(vf['configMapKeyRef'])) {
      n++;
      errs.push(...keySelector(vf['configMapKeyRef'], `${vp}.configMapKeyRef`));
    }
    if (isObj(vf['secretKeyRef'])) {
      n++;
      errs.push(...keySelector(vf['secretKeyRef'], `${vp}.secretKeyRef`));
    }
    if (n === 0) errs.push(fe.invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (str(ev['value'])) errs.push(fe.invalid(vp, '', 'may not be specified when `value` is not empty'));
    else if (n > 1) errs.push(fe.invalid(vp, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function envFrom(sources: unknown, path: string): Errs {
  const errs: Errs = [];
  list(sources).forEach((ev, i) => {
    const p = `${path}[${i}]`;
    if (str(ev['prefix'])) errs.push(...relaxedEnvVarName(str(ev['prefix'])).map((m) => fe.invalid(`${p}.prefix`, str(ev['prefix']), m)));
    let n = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      if (!isObj(ev[kind])) continue;
      n++;
      const name = str(ev[kind]['name']);
      if (!name) errs.push(fe.required(`${p}.${kind}.name`));
      else errs.push(...dns1123Subdomain(name).map((m) => fe.invalid(`${p}.${kind}.name`, name, m)));
    }
    if (n === 0) errs.push(fe.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(fe.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function volumeMounts(mounts: unknown, volumes: Map<string, Obj>, container: Obj, path: string): Errs {
  const errs: Errs = [];
  const seen = new Set<string>();
  const privileged = container['securityContext']?.['privileged'] === true;
  list(mounts).forEach((m, i) => {
    const p = `${path}[${i}]`;
    const name = str(m['name']);
    const mountPath = str(m['mountPath']);
    if (!name) errs.push(fe.required(`${p}.name`));
    if (!volumes.has(name)) errs.push(fe.notFound(`${p}.name`, name));
    if (!mountPath) errs.push(fe.required(`${p}.mountPath`));
    if (seen.has(mountPath)) errs.push(fe.invalid(`${p}.mountPath`, mountPath, 'must be unique'));
    seen.add(mountPath);
    if (str(m['subPath'])) errs.push(...localDescendingPath(str(m['subPath']), `${path}.subPath`));
    if (str(m['subPathExpr'])) {
      if (str(m['subPath'])) errs.push(fe.invalid(`${p}.subPathExpr`, str(m['subPathExpr']), 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...localDescendingPath(str(m['subPathExpr']), `${path}.subPathExpr`));
    }
    const prop = m['mountPropagation'];
    if (prop !== undefined) {
      const allowed = ['Bidirectional', 'HostToContainer', 'None'];
      if (!allowed.includes(str(prop))) errs.push(fe.notSupported(`${path}.mountPropagation`, str(prop), allowed));
      if (prop === 'Bidirectional' && !privileged) errs.push(fe.forbidden(`${path}.mountPropagation`, 'Bidirectional mount propagation is available only to privileged containers'));
    }
  });
  return errs;
}

function portNumOrName(port: unknown, path: string): Errs {
  if (typeof port === 'number') return portNum(port).map((m) => fe.invalid(path, port, m));
  if (typeof port === 'string') {
    if (/^\d+$/.test(port)) return portNum(Number(port)).map((m) => fe.invalid(path, Number(port), m));
    return portName(port).map((m) => fe.invalid(path, port, m));
  }
  return portNum(0).map((m) => fe.invalid(path, 0, m));
}

function handler(h: Obj, gracePeriod: number | undefined, path: string, withGrpc: boolean, withSleep: boolean): Errs {
  const errs: Errs = [];
  let n = 0;
  const kinds = ['exec', 'httpGet', 'tcpSocket', ...(withGrpc ? ['grpc'] : []), ...(withSleep ? ['sleep'] : [])];
  for (const kind of kinds) {
    if (!isObj(h[kind])) continue;
    if (n > 0) {
      errs.push(fe.forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const a = h[kind] as Obj;
    const p = `${path}.${kind}`;
    if (kind === 'exec' && list(a['command']).length === 0) errs.push(fe.required(`${p}.command`));
    if (kind === 'httpGet') {
      if (!str(a['path'])) errs.push(fe.required(`${p}.path`));
      errs.push(...portNumOrName(a['port'], `${p}.port`));
      if (!['HTTP', 'HTTPS'].includes(str(a['scheme']))) errs.push(fe.notSupported(`${p}.scheme`, str(a['scheme']), ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...portNumOrName(a['port'], `${p}.port`));
    if (kind === 'grpc') errs.push(...portNumOrName(Number(a['port'] ?? 0), `${p}.port`));
    if (kind === 'sleep' && gracePeriod !== undefined) {
      const s = Number(a['seconds'] ?? 0);
      if (s < 0 || s > gracePeriod) errs.push(fe.invalid(p, s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
    }
  }
  if (n === 0) errs.push(fe.required(path, 'must specify a handler type'));
  return errs;
}

function probe(pr: unknown, kind: 'liveness' | 'readiness' | 'startup', gracePeriod: number | undefined, path: string): Errs {
  if (!isObj(pr)) return [];
  const errs = handler(pr, gracePeriod, path, true, false);
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(pr[k] === undefined ? undefined : Number(pr[k]), `${path}.${k}`));
  }
  const tgps = pr['terminationGracePeriodSeconds'];
  if (typeof tgps === 'number' && tgps <= 0) errs.push(fe.invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0'));
  if (kind !== 'readiness' && pr['successThreshold'] !== undefined && Number(pr['successThreshold']) !== 1) {
    errs.push(fe.invalid(`${path}.successThreshold`, Number(pr['successThreshold']), 'must be 1'));
  }
  if (kind === 'readiness' && tgps !== undefined) errs.push(fe.invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must not be set for readinessProbes'));
  return errs;
}

function lifecycle(lc: unknown, gracePeriod: number | undefined, path: string): Errs {
  if (!isObj(lc)) return [];
  const errs: Errs = [];
  if (isObj(lc['postStart'])) errs.push(...handler(lc['postStart'], gracePeriod, `${path}.postStart`, false, true));
  if (isObj(lc['preStop'])) errs.push(...handler(lc['preStop'], gracePeriod, `${path}.preStop`, false, true));
  return errs;
}

function pullPolicy(policy: unknown, path: string): Errs {
  const allowed = ['Always', 'IfNotPresent', 'Never'];
  if (!policy) return [fe.required(path)];
  return allowed.includes(str(policy)) ? [] : [fe.notSupported(path, str(policy), allowed)];
}

function seccompProfile(sp: unknown, path: string): Errs {
  if (!isObj(sp)) return [];
  const errs: Errs = [];
  const type = str(sp['type']);
  if (!type) errs.push(fe.required(`${path}.type`, 'type is required when seccompProfile is set'));
  else if (!['Localhost', 'RuntimeDefault', 'Unconfined'].includes(type)) errs.push(fe.notSupported(`${path}.type`, type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  if (type === 'Localhost' && sp['localhostProfile'] === undefined) errs.push(fe.required(`${path}.localhostProfile`, 'must be set when seccomp type is Localhost'));
  return errs;
}

function idRange(v: unknown, path: string): Errs {
  return typeof v === 'number' && (v < 0 || v > MAX_INT32) ? [fe.invalid(path, v, inclusiveRange(0, MAX_INT32))] : [];
}

function securityContext(sc: unknown, path: string): Errs {
  if (!isObj(sc)) return [];
  const errs = [...idRange(sc['runAsUser'], `${path}.runAsUser`), ...idRange(sc['runAsGroup'], `${path}.runAsGroup`)];
  if (sc['procMount'] !== undefined && !['Default', 'Unmasked'].includes(str(sc['procMount']))) errs.push(fe.notSupported(`${path}.procMount`, str(sc['procMount']), ['Default', 'Unmasked']));
  errs.push(...seccompProfile(sc['seccompProfile'], `${path}.seccompProfile`));
  if (sc['allowPrivilegeEscalation'] === false && sc['privileged'] === true) {
    errs.push(fe.invalid(path, raw(goSecurityContext(sc)), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  return errs;
}

function goSecurityContext(sc: Obj): string {
  const b = (v: unknown): string => (v === undefined ? '(*bool)(nil)' : `&${String(v)}`);
  return `core.SecurityContext{Capabilities:(*core.Capabilities)(nil), Privileged:${b(sc['privileged'])}, SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(nil), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:${b(sc['allowPrivilegeEscalation'])}, ProcMount:(*core.ProcMountType)(nil), SeccompProfile:(*core.SeccompProfile)(nil), AppArmorProfile:(*core.AppArmorProfile)(nil)}`;
}

function containerCommon(c: Obj, volumes: Map<string, Obj>, path: string): Errs {
  const errs: Errs = [];
  const name = str(c['name']);
  if (!name) errs.push(fe.required(`${path}.name`));
  else errs.push(...dns1123Label(name).map((m) => fe.invalid(`${path}.name`, name, m)));
  if (!str(c['image'])) errs.push(fe.required(`${path}.image`));
  const tmp = str(c['terminationMessagePolicy']);
  if (!tmp) errs.push(fe.required(`${path}.terminationMessagePolicy`));
  else if (!['File', 'FallbackToLogsOnError'].includes(tmp)) errs.push(fe.notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...containerPorts(c['ports'], `${path}.ports`));
  errs.push(...env(c['env'], `${path}.env`));
  errs.push(...envFrom(c['envFrom'], `${path}.envFrom`));
  errs.push(...volumeMounts(c['volumeMounts'], volumes, c, `${path}.volumeMounts`));
  errs.push(...pullPolicy(c['imagePullPolicy'], `${path}.imagePullPolicy`));
  errs.push(...validateResourceRequirements(c['resources'], `${path}.resources`));
  errs.push(...securityContext(c['securityContext'], `${path}.securityContext`));
  return errs;
}

function hostPortConflicts(containers: Obj[], path: string): Errs {
  const errs: Errs = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    list(c['ports']).forEach((p, pi) => {
      const hp = Number(p['hostPort'] ?? 0);
      if (!hp) return;
      const key = `${str(p['protocol'])}/${str(p['hostIP'])}/${hp}`;
      if (seen.has(key)) errs.push(fe.duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}

function containers(spec: Obj, volumes: Map<string, Obj>, gracePeriod: number | undefined, path: string): Errs {
  const cs = list(spec['containers']);
  if (cs.length === 0) return [fe.required(path)];
  const errs: Errs = [];
  const names = new Set<string>();
  cs.forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...containerCommon(c, volumes, p));
    const name = str(c['name']);
    if (names.has(name)) errs.push(fe.duplicate(`${p}.name`, name));
    else names.add(name);
    errs.push(...lifecycle(c['lifecycle'], gracePeriod, `${p}.lifecycle`));
    errs.push(...probe(c['livenessProbe'], 'liveness', gracePeriod, `${p}.livenessProbe`));
    errs.push(...probe(c['readinessProbe'], 'readiness', gracePeriod, `${p}.readinessProbe`));
    errs.push(...probe(c['startupProbe'], 'startup', gracePeriod, `${p}.startupProbe`));
    if (c['restartPolicy'] !== undefined) errs.push(fe.forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  return errs.concat(hostPortConflicts(cs, path));
}

function initContainers(spec: Obj, volumes: Map<string, Obj>, gracePeriod: number | undefined, path: string): Errs {
  const errs: Errs = [];
  const names = new Set(list(spec['containers']).map((c) => str(c['name'])));
  list(spec['initContainers']).forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...containerCommon(c, volumes, p));
    const always = c['restartPolicy'] === 'Always';
    if (c['restartPolicy'] !== undefined && !always) errs.push(fe.notSupported(`${p}.restartPolicy`, str(c['restartPolicy']), ['Always']));
    const name = str(c['name']);
    if (names.has(name)) errs.push(fe.duplicate(`${p}.name`, name));
    else if (name) names.add(name);
    errs.push(...hostPortConflicts([c], path));
    if (always) {
      errs.push(...lifecycle(c['lifecycle'], gracePeriod, `${p}.lifecycle`));
      errs.push(...probe(c['livenessProbe'], 'liveness', gracePeriod, `${p}.livenessProbe`));
      errs.push(...probe(c['readinessProbe'], 'readiness', gracePeriod, `${p}.readinessProbe`));
      errs.push(...probe(c['startupProbe'], 'startup', gracePeriod, `${p}.startupProbe`));
    } else {
      for (const k of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[k] !== undefined) errs.push(fe.forbidden(`${p}.${k}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

// ---- pod-level fields -----------------------------------------------------------------------

function enumField(value: unknown, allowed: string[], path: string): Errs {
  if (!value) return [fe.required(path)];
  return allowed.includes(str(value)) ? [] : [fe.notSupported(path, str(value), allowed)];
}

function taintEffect(effect: string, allowEmpty: boolean, path: string): Errs {
  if (!allowEmpty && !effect) return [fe.required(path)];
  const allowed = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
  return allowed.includes(effect) ? [] : [fe.notSupported(path, effect, allowed)];
}

export function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): Errs {
  return taintEffect(effect, allowEmpty, path);
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: unknown, path: string): Errs {
  const errs: Errs = [];
  list(tolerations).forEach((t, i) => {
    const p = `${path}[${i}]`;
    const key = str(t['key']);
    const op = str(t['operator']);
    if (key) errs.push(...validateLabelName(key, `${p}.key`));
    if (!key && op !== 'Exists') errs.push(fe.invalid(`${p}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t['tolerationSeconds'] !== undefined && t['tolerationSeconds'] !== null && t['effect'] !== 'NoExecute') {
      errs.push(fe.invalid(`${p}.effect`, str(t['effect']), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = labelValue(str(t['value']));
      if (msgs.length) errs.push(fe.invalid(`${p}.operator`, str(t['value']), msgs.join(';')));
    } else if (op === 'Exists') {
      if (str(t['value'])) errs.push(fe.invalid(`${p}.operator`, str(t['value']), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(fe.notSupported(`${p}.operator`, op, ['Equal', 'Exists']));
    }
    if (str(t['effect'])) errs.push(...taintEffect(str(t['effect']), true, `${p}.effect`));
  });
  return errs;
}

export function validateNodeSelectorTerms(sel: Obj, path: string, allowInvalidValues = false): Errs {
  const terms = list(sel['nodeSelectorTerms']);
  if (terms.length === 0) return [fe.required(`${path}.nodeSelectorTerms`, 'must have at least one node selector term')];
  const errs: Errs = [];
  terms.forEach((term, i) => errs.push(...nodeSelectorTerm(term, `${path}.nodeSelectorTerms[${i}]`, allowInvalidValues)));
  return errs;
}

function nodeSelectorTerm(term: Obj, path: string, allowInvalidValues: boolean): Errs {
  const errs: Errs = [];
  list(term['matchExpressions']).forEach((r, j) => {
    const p = `${path}.matchExpressions[${j}]`;
    const values = list(r['values']) as unknown as string[];
    switch (r['operator']) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fe.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fe.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      case 'Gt':
      case 'Lt':
        if (values.length !== 1) errs.push(fe.required(`${p}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        break;
      default:
        errs.push(fe.invalid(`${p}.operator`, str(r['operator']), 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(r['key']), `${p}.key`));
    if (!allowInvalidValues) values.forEach((v, k) => errs.push(...labelValue(String(v)).map((m) => fe.invalid(`${p}.values[${k}]`, String(v), m))));
  });
  list(term['matchFields']).forEach((r, j) => {
    const p = `${path}.matchFields[${j}]`;
    if (r['operator'] === 'In' || r['operator'] === 'NotIn') {
      if (list(r['values']).length !== 1) errs.push(fe.required(`${p}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else errs.push(fe.invalid(`${p}.operator`, str(r['operator']), 'not a valid selector operator'));
    if (r['key'] !== 'metadata.name') errs.push(fe.invalid(`${p}.key`, str(r['key']), 'not a valid field selector key'));
  });
  return errs;
}

function podAffinityTerm(t: Obj, path: string): Errs {
  const errs = [...validateLabelSelector(t['labelSelector'], `${path}.labelSelector`), ...validateLabelSelector(t['namespaceSelector'], `${path}.namespaceSelector`)];
  for (const ns of list(t['namespaces']) as unknown as string[]) errs.push(...dns1123Label(String(ns)).map((m) => fe.invalid(`${path}.namespace`, String(ns), m)));
  if (!str(t['topologyKey'])) errs.push(fe.required(`${path}.topologyKey`, 'can not be empty'));
  return errs.concat(validateLabelName(str(t['topologyKey']), `${path}.topologyKey`));
}

function weighted(items: unknown, path: string, inner: (o: Obj, p: string) => Errs, innerKey: string): Errs {
  const errs: Errs = [];
  list(items).forEach((w, i) => {
    const weight = Number(w['weight'] ?? 0);
    if (weight <= 0 || weight > 100) errs.push(fe.invalid(`${path}[${i}].weight`, weight, 'must be in the range 1-100'));
    errs.push(...inner(isObj(w[innerKey]) ? w[innerKey] : {}, `${path}[${i}].${innerKey}`));
  });
  return errs;
}

function affinity(a: unknown, path: string): Errs {
  if (!isObj(a)) return [];
  const errs: Errs = [];
  const na = a['nodeAffinity'];
  if (isObj(na)) {
    const p = `${path}.nodeAffinity`;
    if (isObj(na['requiredDuringSchedulingIgnoredDuringExecution'])) errs.push(...validateNodeSelectorTerms(na['requiredDuringSchedulingIgnoredDuringExecution'], `${p}.requiredDuringSchedulingIgnoredDuringExecution`));
    errs.push(...weighted(na['preferredDuringSchedulingIgnoredDuringExecution'], `${p}.preferredDuringSchedulingIgnoredDuringExecution`, (o, q) => nodeSelectorTerm(o, q, true), 'preference'));
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = a[kind];
    if (!isObj(pa)) continue;
    const p = `${path}.${kind}`;
    list(pa['requiredDuringSchedulingIgnoredDuringExecution']).forEach((t, i) => errs.push(...podAffinityTerm(t, `${p}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`)));
    errs.push(...weighted(pa['preferredDuringSchedulingIgnoredDuringExecution'], `${p}.preferredDuringSchedulingIgnoredDuringExecution`, podAffinityTerm, 'podAffinityTerm'));
  }
  return errs;
}

function dnsConfig(spec: Obj, path: string): Errs {
  const cfg = spec['dnsConfig'];
  if (spec['dnsPolicy'] === 'None') {
    if (!isObj(cfg)) return [fe.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (list(cfg['nameservers']).length === 0) return [fe.required(`${path}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!isObj(cfg)) return [];
  const errs: Errs = [];
  const ns = (Array.isArray(cfg['nameservers']) ? cfg['nameservers'] : []) as string[];
  if (ns.length > 3) errs.push(fe.invalid(`${path}.nameservers`, ns, 'must not have more than 3 nameservers'));
  ns.forEach((ip, i) => {
    if (!isIP(String(ip))) errs.push(fe.invalid(`${path}.nameservers[${i}]`, String(ip), IP_MESSAGE));
  });
  list(cfg['options']).forEach((o, i) => {
    if (!str(o['name'])) errs.push(fe.required(`${path}.options[${i}]`, 'must not be empty'));
  });
  return errs;
}

function topologySpread(constraints: unknown, path: string): Errs {
  const errs: Errs = [];
  const cs = list(constraints);
  cs.forEach((c, i) => {
    const p = `${path}[${i}]`;
    const skew = Number(c['maxSkew'] ?? 0);
    if (skew <= 0) errs.push(fe.invalid(`${p}.maxSkew`, skew, NOT_POSITIVE));
    if (!str(c['topologyKey'])) errs.push(fe.required(`${p}.topologyKey`, 'can not be empty'));
    const when = str(c['whenUnsatisfiable']);
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(when)) errs.push(fe.notSupported(`${p}.whenUnsatisfiable`, when, ['DoNotSchedule', 'ScheduleAnyway']));
    if (cs.slice(i + 1).some((o) => o['topologyKey'] === c['topologyKey'] && o['whenUnsatisfiable'] === c['whenUnsatisfiable'])) {
      errs.push(fe.duplicate(`${p}.{topologyKey, whenUnsatisfiable}`, `{${str(c['topologyKey'])}, ${when}}`));
    }
    errs.push(...validateLabelSelector(c['labelSelector'], `${p}.labelSelector`));
  });
  return errs;
}

function hostNetworkPorts(spec: Obj, path: string, opts: PodSpecOptions): Errs {
  if (spec['hostNetwork'] !== true) return [];
  const errs: Errs = [];
  list(spec['containers']).forEach((c, i) => {
    list(c['ports']).forEach((port, j) => {
      const hp = Number(port['hostPort'] ?? 0);
      const cp = Number(port['containerPort'] ?? 0);
      if ((opts.isPod || hp !== 0) && hp !== cp) errs.push(fe.invalid(`${path}.containers[${i}].ports[${j}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true'));
    });
  });
  return errs;
}

function podSecurityContext(spec: Obj, path: string): Errs {
  const sc = spec['securityContext'];
  if (!isObj(sc)) return [];
  const errs = [...idRange(sc['fsGroup'], `${path}.fsGroup`), ...idRange(sc['runAsUser'], `${path}.runAsUser`), ...idRange(sc['runAsGroup'], `${path}.runAsGroup`)];
  list(sc['supplementalGroups']).forEach((g, i) => errs.push(...idRange(g, `${path}.supplementalGroups[${i}]`)));
  if (spec['shareProcessNamespace'] === true && spec['hostPID'] === true) errs.push(fe.invalid(`${path}.shareProcessNamespace`, true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  if (sc['fsGroupChangePolicy'] !== undefined && !['Always', 'OnRootMismatch'].includes(str(sc['fsGroupChangePolicy']))) {
    errs.push(fe.notSupported(`${path}.fsGroupChangePolicy`, str(sc['fsGroupChangePolicy']), ['Always', 'OnRootMismatch']));
  }
  errs.push(...seccompProfile(sc['seccompProfile'], `${path}.seccompProfile`));
  return errs;
}

/** ValidatePodSpec. `path` is "spec" for pods, "spec.template.spec" for templates. */
export function validatePodSpec(spec: Obj, path: string, opts: PodSpecOptions): Errs {
  const errs: Errs = [];
  const tgps = spec['terminationGracePeriodSeconds'];
  if (tgps === undefined || tgps === null) errs.push(fe.required(`${path}.terminationGracePeriodSeconds`));
  const grace = typeof tgps === 'number' ? tgps : undefined;
  const { names: volumes, errs: volErrs } = validateVolumes(spec['volumes'], `${path}.volumes`);
  errs.push(...volErrs);
  errs.push(...containers(spec, volumes, grace, `${path}.containers`));
  errs.push(...initContainers(spec, volumes, grace, `${path}.initContainers`));
  errs.push(...hostNetworkPorts(spec, path, opts));
  errs.push(...enumField(spec['restartPolicy'], ['Always', 'OnFailure', 'Never'], `${path}.restartPolicy`));
  errs.push(...enumField(spec['dnsPolicy'], ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], `${path}.dnsPolicy`));
  errs.push(...validateLabels(isObj(spec['nodeSelector']) ? spec['nodeSelector'] : undefined, `${path}.nodeSelector`));
  errs.push(...podSecurityContext(spec, `${path}.securityContext`));
  list(spec['imagePullSecrets']).forEach((s, i) => {
    if (Object.keys(s ?? {}).some((k) => k !== 'name')) errs.push(fe.invalid(`${path}.imagePullSecrets[${i}]`, raw(`core.LocalObjectReference{Name:${JSON.stringify(str(s['name']))}}`), 'only name may be set'));
  });
  errs.push(...affinity(spec['affinity'], `${path}.affinity`));
  errs.push(...dnsConfig(spec, `${path}.dnsConfig`));
  list(spec['readinessGates']).forEach((g, i) => errs.push(...qualifiedName(str(g['conditionType'])).map((m) => fe.invalid(`${path}.readinessGates[${i}].conditionType`, str(g['conditionType']), m))));
  const gates = list(spec['schedulingGates']);
  gates.forEach((g, i) => {
    errs.push(...qualifiedName(str(g['name'])).map((m) => fe.invalid(`${path}.schedulingGates[${i}]`, str(g['name']), m)));
    if (gates.slice(0, i).some((o) => o['name'] === g['name'])) errs.push(fe.duplicate(`${path}.schedulingGates[${i}]`, str(g['name'])));
  });
  errs.push(...topologySpread(spec['topologySpreadConstraints'], `${path}.topologySpreadConstraints`));
  for (const [k, check] of [['serviceAccountName', dns1123Subdomain], ['nodeName', dns1123Subdomain]] as const) {
    const v = str(spec[k]);
    if (v) errs.push(...check(v).map((m) => fe.invalid(`${path}.${k}`, v, m)));
  }
  const ads = spec['activeDeadlineSeconds'];
  if (typeof ads === 'number' && (ads < 1 || ads > MAX_INT32)) errs.push(fe.invalid(`${path}.activeDeadlineSeconds`, ads, inclusiveRange(1, MAX_INT32)));
  for (const k of ['hostname', 'subdomain']) {
    const v = str(spec[k]);
    if (v) errs.push(...dns1123Label(v).map((m) => fe.invalid(`${path}.${k}`, v, m)));
  }
  errs.push(...validateTolerations(spec['tolerations'], `${path}.tolerations`));
  list(spec['hostAliases']).forEach((h, i) => {
    if (!isIP(str(h['ip']))) errs.push(fe.invalid(`${path}.hostAliases[${i}].ip`, str(h['ip']), IP_MESSAGE));
    (Array.isArray(h['hostnames']) ? (h['hostnames'] as string[]) : []).forEach((hn, j) => errs.push(...dns1123Subdomain(String(hn)).map((m) => fe.invalid(`${path}.hostAliases[${i}].hostnames[${j}]`, String(hn), m))));
  });
  const pcn = str(spec['priorityClassName']);
  if (pcn) errs.push(...dns1123Subdomain(pcn).map((m) => fe.invalid(`${path}.priorityClassName`, pcn, m)));
  if (spec['runtimeClassName'] !== undefined && spec['runtimeClassName'] !== null) {
    errs.push(...dns1123Subdomain(str(spec['runtimeClassName'])).map((m) => fe.invalid(`${path}.runtimeClassName`, str(spec['runtimeClassName']), m)));
  }
  if (spec['preemptionPolicy'] !== undefined && spec['preemptionPolicy'] !== null) {
    errs.push(...enumField(spec['preemptionPolicy'], ['PreemptLowerPriority', 'Never'], `${path}.preemptionPolicy`));
  }
  if (isObj(spec['os'])) {
    if (!str(spec['os']['name'])) errs.push(fe.required(`${path}.os.name`, 'cannot be empty'));
    else if (!['linux', 'windows'].includes(str(spec['os']['name']))) errs.push(fe.notSupported(`${path}.os`, str(spec['os']['name']), ['linux', 'windows']));
  }
  return errs;
}

/** Checks only a Pod (not a template) gets: image whitespace, projected tokens without an SA. */
export function validatePodOnly(spec: Obj): Errs {
  const errs: Errs = [];
  if (!str(spec['serviceAccountName'])) {
    list(spec['volumes']).forEach((v, vi) => {
      list(v?.['projected']?.['sources']).forEach((s, si) => {
        if (isObj(s['serviceAccountToken'])) errs.push(fe.forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
      });
    });
  }
  for (const kind of ['containers', 'initContainers']) {
    list(spec[kind]).forEach((c, i) => {
      const image = str(c['image']);
      if (image !== image.trim()) errs.push(fe.invalid(`spec.${kind}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}

/** ValidatePodTemplateSpec at `path` (e.g. "spec.template"). */
export function validatePodTemplateSpec(template: unknown, path: string): Errs {
  if (!isObj(template)) return [fe.required(path)];
  const meta = isObj(template['metadata']) ? template['metadata'] : {};
  const errs = validateLabels(meta['labels'], `${path}.labels`);
  for (const k of Object.keys(isObj(meta['annotations']) ? meta['annotations'] : {})) {
    errs.push(...qualifiedName(k.toLowerCase()).map((m) => fe.invalid(`${path}.annotations`, k, m)));
  }
  errs.push(...validatePodSpec(isObj(template['spec']) ? template['spec'] : {}, `${path}.spec`, { isPod: false }));
  if (list(template['spec']?.['ephemeralContainers']).length > 0) errs.push(fe.forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  return errs;
}

