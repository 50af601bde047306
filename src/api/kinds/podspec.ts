/**
 * PodSpec defaulting as core/v1 applies it to every PodSpec (pods and templates alike):
 * SetDefaults_PodSpec, SetDefaults_Container, probes, volumes, env, ports, plus the
 * serviceAccount alias kept by the v1 conversion. Pod-only defaults (requests from limits,
 * enableServiceLinks, host ports under hostNetwork) are applied by `defaultPodOnly`.
 */
import { canonicalizeResourceList, canonicalQuantity, validQuantity } from '../validation/quantity.js';
import { child, isObj, list, setDefault, type Obj } from './util.js';

/** The tag kubelet and defaulting read from an image reference ("" when only a digest). */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) return name.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

/** Would the reference parse as a Docker image name? (Invalid ones get no tag at all.) */
function parsableImage(image: string): boolean {
  if (!/^[A-Za-z0-9._\/:@-]+$/.test(image)) return false;
  const name = image.split('@')[0]!;
  const parts = name.split('/');
  const hasHost = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!);
  const path = (hasHost ? parts.slice(1) : parts).join('/');
  const repo = path.replace(/:[\w][\w.-]*$/, '');
  return repo !== '' && !/[A-Z]/.test(repo);
}

export function defaultPullPolicy(image: unknown): string {
  if (typeof image !== 'string' || !parsableImage(image)) return 'IfNotPresent';
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHandler(h: Obj | undefined): void {
  if (!isObj(h)) return;
  if (isObj(h['httpGet'])) {
    setDefault(h['httpGet'], 'path', '/');
    setDefault(h['httpGet'], 'scheme', 'HTTP');
  }
  if (isObj(h['grpc']) && h['grpc']['service'] === undefined) h['grpc']['service'] = '';
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  for (const [k, v] of [['timeoutSeconds', 1], ['periodSeconds', 10], ['successThreshold', 1], ['failureThreshold', 3]] as const) {
    if (!p[k]) p[k] = v;
  }
  defaultHandler(p);
}

function defaultFieldRef(ref: unknown): void {
  if (isObj(ref)) setDefault(ref, 'apiVersion', 'v1');
}

function defaultResourceFieldRef(ref: unknown): void {
  if (isObj(ref) && ref['divisor'] === undefined) ref['divisor'] = '0';
}

export function defaultContainer(c: Obj): void {
  if (!c['imagePullPolicy']) c['imagePullPolicy'] = defaultPullPolicy(c['image']);
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  const resources = child(c, 'resources');
  canonicalizeResourceList(isObj(resources['limits']) ? resources['limits'] : undefined);
  canonicalizeResourceList(isObj(resources['requests']) ? resources['requests'] : undefined);
  for (const p of list(c['ports'])) if (isObj(p)) setDefault(p, 'protocol', 'TCP');
  defaultProbe(c['livenessProbe']);
  defaultProbe(c['readinessProbe']);
  defaultProbe(c['startupProbe']);
  if (isObj(c['lifecycle'])) {
    defaultHandler(c['lifecycle']['postStart']);
    defaultHandler(c['lifecycle']['preStop']);
  }
  for (const e of list(c['env'])) {
    if (isObj(e) && isObj(e['valueFrom'])) {
      defaultFieldRef(e['valueFrom']['fieldRef']);
      defaultResourceFieldRef(e['valueFrom']['resourceFieldRef']);
    }
  }
}

function defaultDownwardItems(items: unknown): void {
  for (const it of list(items)) {
    if (!isObj(it)) continue;
    defaultFieldRef(it['fieldRef']);
    defaultResourceFieldRef(it['resourceFieldRef']);
  }
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

export function volumeSourceKeys(v: Obj): string[] {
  return VOLUME_SOURCES.filter((k) => v[k] !== undefined && v[k] !== null);
}

export function defaultVolume(v: Obj): void {
  if (volumeSourceKeys(v).length === 0) v['emptyDir'] = {};
  if (isObj(v['secret']) && v['secret']['defaultMode'] === undefined) v['secret']['defaultMode'] = 420;
  if (isObj(v['configMap']) && v['configMap']['defaultMode'] === undefined) v['configMap']['defaultMode'] = 420;
  if (isObj(v['downwardAPI'])) {
    if (v['downwardAPI']['defaultMode'] === undefined) v['downwardAPI']['defaultMode'] = 420;
    defaultDownwardItems(v['downwardAPI']['items']);
  }
  if (isObj(v['hostPath']) && v['hostPath']['type'] === undefined) v['hostPath']['type'] = '';
  if (isObj(v['projected'])) {
    if (v['projected']['defaultMode'] === undefined) v['projected']['defaultMode'] = 420;
    for (const s of list(v['projected']['sources'])) {
      if (!isObj(s)) continue;
      if (isObj(s['serviceAccountToken']) && s['serviceAccountToken']['expirationSeconds'] === undefined) s['serviceAccountToken']['expirationSeconds'] = 3600;
      if (isObj(s['downwardAPI'])) defaultDownwardItems(s['downwardAPI']['items']);
    }
  }
  if (isObj(v['ephemeral']) && isObj(v['ephemeral']['volumeClaimTemplate'])) {
    const spec = child(v['ephemeral']['volumeClaimTemplate'], 'spec');
    setDefault(spec, 'volumeMode', 'Filesystem');
  }
  if (isObj(v['image']) && !v['image']['pullPolicy']) v['image']['pullPolicy'] = defaultPullPolicy(v['image']['reference']);
}

export function allContainers(spec: Obj): Obj[] {
  return [...list(spec['initContainers']), ...list(spec['containers']), ...list(spec['ephemeralContainers'])].filter(isObj);
}

/** SetDefaults_PodSpec and everything nested in it, for pods and pod templates. */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  if (!isObj(spec['securityContext'])) spec['securityContext'] = {};
  if (spec['terminationGracePeriodSeconds'] === undefined || spec['terminationGracePeriodSeconds'] === null) spec['terminationGracePeriodSeconds'] = 30;
  setDefault(spec, 'schedulerName', 'default-scheduler');
  // v1 conversion: serviceAccount is an alias of serviceAccountName, which wins.
  if (!spec['serviceAccountName'] && spec['serviceAccount']) spec['serviceAccountName'] = spec['serviceAccount'];
  if (spec['serviceAccountName']) spec['serviceAccount'] = spec['serviceAccountName'];
  // In allContainers' order, without its arrays: every pod write defaults its spec.
  defaultContainers(spec['initContainers']);
  defaultContainers(spec['containers']);
  defaultContainers(spec['ephemeralContainers']);
  for (const v of list(spec['volumes'])) if (isObj(v)) defaultVolume(v);
  if (isObj(spec['overhead'])) canonicalizeResourceList(spec['overhead']);
}

function defaultContainers(containers: unknown): void {
  if (!Array.isArray(containers)) return;
  for (const c of containers) if (isObj(c)) defaultContainer(c);
}

/** SetDefaults_Pod: what only a Pod (not a template) gets. */
export function defaultPodOnly(spec: Obj): void {
  requestsFromLimits(spec['containers']);
  requestsFromLimits(spec['initContainers']);
  if (spec['enableServiceLinks'] === undefined || spec['enableServiceLinks'] === null) spec['enableServiceLinks'] = true;
  if (spec['hostNetwork'] === true) {
    for (const c of [...list(spec['containers']), ...list(spec['initContainers'])]) {
      for (const p of list(c?.['ports'])) if (isObj(p) && !p['hostPort']) p['hostPort'] = p['containerPort'];
    }
  }
}

/** A container's limits are its requests where it names none. */
function requestsFromLimits(containers: unknown): void {
  if (!Array.isArray(containers)) return;
  for (const c of containers) {
    if (!isObj(c) || !isObj(c['resources']) || !isObj(c['resources']['limits'])) continue;
    const requests = child(c['resources'], 'requests');
    const limits = c['resources']['limits'] as Obj;
    for (const k in limits) if (requests[k] === undefined) requests[k] = limits[k];
  }
}

/**
 * Every quantity in a PodSpec parses (else the request cannot be decoded). Runs on every pod
 * write: walks the containers in place rather than through allContainers' arrays.
 */
export function podSpecQuantitiesValid(spec: Obj): boolean {
  return containerQuantitiesValid(spec['initContainers']) && containerQuantitiesValid(spec['containers']) && containerQuantitiesValid(spec['ephemeralContainers']);
}

function containerQuantitiesValid(containers: unknown): boolean {
  if (!Array.isArray(containers)) return true;
  for (const c of containers) {
    if (!isObj(c)) continue;
    const r = c['resources'];
    if (isObj(r) && !(resourceListParses(r['limits']) && resourceListParses(r['requests']))) return false;
  }
  return true;
}

/** canonicalizeResourceList on a copy, without the copy: false for a malformed quantity, throws where it throws. */
function resourceListParses(list: unknown): boolean {
  if (!isObj(list)) return true;
  for (const k in list) {
    const v = list[k];
    if (!validQuantity(v)) return false;
    canonicalQuantity(v as string | number);
  }
  return true;
}
