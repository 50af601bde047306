/**
 * The pod-spec sections every workload describer shares (describe.go describeContainers,
 * describeVolumes, DescribePodTemplate, DescribeProbe): containers with their state, resources,
 * probes, environment and mounts; volumes by source; tolerations and node selectors.
 */

import type { Container, ContainerStatus, EnvVar, PersistentVolumeClaim, Pod, PodTemplateSpec, Probe, TopologySpreadConstraint, Volume } from 'kubernetes-types/core/v1.js';
import { goSort } from '../printers/gosort.js';
import { canonicalQuantity, milliValue, quantityValue } from '../printers/quantity.js';
import { accessModesString, formatLabelSelector } from '../printers/table/format.js';
import { joinHostPort } from '../printers/table/columns/network.js';
import { storageClassOf } from '../printers/table/columns/storage.js';
import { printAnnotationsMultiline, printBool, printLabelsMultiline, printTolerationsMultiline, rfc1123z, since, sortedResourceNames, stringOrNone } from './common.js';
import type { Writer } from './writer.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, NestedPrefixWriter } from './writer.js';

type Resolver = ((e: EnvVar) => string) | undefined;

/** Image volumes (v1.31+) are newer than our kubernetes-types. */
type ImageVolume = Volume & { image?: { reference?: string; pullPolicy?: string } };

/** Go's %v of a []string: "[a b c]". */
const goList = (xs: string[] | undefined): string => `[${(xs ?? []).join(' ')}]`;

/** DescribeProbe: "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3". */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec ${goList(p.exec.command)} ${attrs}`;
  if (p.httpGet) {
    const port = p.httpGet.port === undefined || p.httpGet.port === null ? '' : String(p.httpGet.port);
    const host = port.length > 0 ? joinHostPort(p.httpGet.host ?? '', port as unknown as number) : p.httpGet.host ?? '';
    const scheme = (p.httpGet.scheme ?? '').toLowerCase();
    const path = p.httpGet.path ?? '';
    let url = scheme ? `${scheme}://${host}` : `//${host}`;
    if (!host && !scheme) url = '';
    if (path) url += (path.startsWith('/') || url === '' ? '' : '/') + encodePath(path);
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port ?? '')} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

/** url.URL.EscapedPath for ordinary paths. */
function encodePath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (c) => encodeURIComponent(c));
}

function describeStatus(stateName: string, state: ContainerStatus['state'], w: Writer): void {
  if (state?.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

export function describeResources(resources: Container['resources'] | undefined, w: Writer, level: number): void {
  if (!resources) return;
  const limits = resources.limits ?? {};
  const requests = resources.requests ?? {};
  if (Object.keys(limits).length > 0) w.write(level, 'Limits:\n');
  for (const name of sortedResourceNames(limits)) w.write(level + 1, `${name}:\t${canonicalQuantity(limits[name])}\n`);
  if (Object.keys(requests).length > 0) w.write(level, 'Requests:\n');
  for (const name of sortedResourceNames(requests)) w.write(level + 1, `${name}:\t${canonicalQuantity(requests[name])}\n`);
}

/** resourcehelper.ExtractContainerResourceValue for env resourceFieldRef. */
function containerResourceValue(ref: NonNullable<EnvVar['valueFrom']>['resourceFieldRef'], c: Container): string {
  if (!ref) return '';
  const divisor = ref.divisor !== undefined && ref.divisor !== null ? quantityValue(String(ref.divisor)) : 1;
  const pick = (kind: 'limits' | 'requests', res: string): string | undefined => (c.resources?.[kind] as Record<string, string> | undefined)?.[res];
  const [kind, res] = ref.resource.split('.') as ['limits' | 'requests', string];
  const q = pick(kind, res);
  if (q === undefined) return '0';
  if (res === 'cpu') {
    const d = divisor || 1;
    return String(Math.ceil(milliValue(q) / 1000 / d - 1e-12));
  }
  return String(Math.ceil(quantityValue(q) / (divisor || 1) - 1e-12));
}

function describeEnv(c: Container, resolver: Resolver, w: Writer): void {
  if (c.envFrom && c.envFrom.length > 0) {
    w.write(LEVEL_2, 'Environment Variables from:\n');
    for (const e of c.envFrom) {
      let from = '';
      let name = '';
      let optional = false;
      if (e.configMapRef) {
        from = 'ConfigMap';
        name = e.configMapRef.name ?? '';
        optional = !!e.configMapRef.optional;
      } else if (e.secretRef) {
        from = 'Secret';
        name = e.secretRef.name ?? '';
        optional = !!e.secretRef.optional;
      }
      if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
      else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
    }
  }
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    const v = e.valueFrom;
    if (v.fieldRef) {
      const value = resolver ? resolver(e) : '';
      w.write(LEVEL_3, `${e.name}:\t${value} (${v.fieldRef.apiVersion ?? ''}:${v.fieldRef.fieldPath})\n`);
    } else if (v.resourceFieldRef) {
      let value = containerResourceValue(v.resourceFieldRef, c);
      const resource = v.resourceFieldRef.resource;
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (v.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${v.secretKeyRef.key}' in secret '${v.secretKeyRef.name ?? ''}'>\tOptional: ${!!v.secretKeyRef.optional}\n`);
    } else if (v.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${v.configMapKeyRef.key}' of config map '${v.configMapKeyRef.name ?? ''}'>\tOptional: ${!!v.configMapKeyRef.optional}\n`);
    }
  }
}

function describeMounts(c: Container, w: Writer): void {
  const mounts = c.volumeMounts ?? [];
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of goSort([...mounts], (a, b) => a.mountPath < b.mountPath)) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  if (c.volumeDevices && c.volumeDevices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of goSort([...c.volumeDevices], (a, b) => a.devicePath < b.devicePath)) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}

/** describeContainers: "Containers:" and one block per container. */
export function describeContainers(label: string, containers: Container[], statuses: ContainerStatus[] | undefined, resolver: Resolver, w: Writer, space: string): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
    if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
    const seccomp = c.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    if (c.command && c.command.length > 0) {
      w.write(LEVEL_2, 'Command:\n');
      for (const part of c.command) for (const s of part.split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (c.args && c.args.length > 0) {
      w.write(LEVEL_2, 'Args:\n');
      for (const part of c.args) for (const s of part.split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (status) {
      describeStatus('State', status.state, w);
      if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    describeEnv(c, resolver, w);
    describeMounts(c, w);
  }
}

/** EnvValueRetriever: the value of a fieldRef env var, read from the pod. */
export function envValueRetriever(pod: Pod): (e: EnvVar) => string {
  return (e) => {
    const path = e.valueFrom?.fieldRef?.fieldPath ?? '';
    const meta = pod.metadata ?? {};
    const annotation = /^metadata\.annotations\['(.*)'\]$/.exec(path);
    if (annotation) return meta.annotations?.[annotation[1]!] ?? '';
    const label = /^metadata\.labels\['(.*)'\]$/.exec(path);
    if (label) return meta.labels?.[label[1]!] ?? '';
    switch (path) {
      case 'metadata.name':
        return meta.name ?? '';
      case 'metadata.namespace':
        return meta.namespace ?? '';
      case 'metadata.uid':
        return meta.uid ?? '';
      case 'metadata.labels':
        return Object.keys(meta.labels ?? {}).sort().map((k) => `${k}="${meta.labels![k]}"`).join('\n');
      case 'metadata.annotations':
        return Object.keys(meta.annotations ?? {}).sort().map((k) => `${k}="${meta.annotations![k]}"`).join('\n');
      case 'spec.nodeName':
        return pod.spec?.nodeName ?? '';
      case 'spec.serviceAccountName':
        return pod.spec?.serviceAccountName ?? '';
      case 'status.hostIP':
        return pod.status?.hostIP ?? '';
      case 'status.hostIPs':
        return (pod.status?.hostIPs ?? []).map((h) => h.ip).join(',');
      case 'status.podIP':
        return pod.status?.podIP ?? '';
      case 'status.podIPs':
        return (pod.status?.podIPs ?? []).map((h) => h.ip).join(',');
    }
    return '';
  };
}

// ---- volumes --------------------------------------------------------------------------

function volumeSource(v: Volume, w: Writer): void {
  const b = (x: boolean | undefined): string => String(!!x);
  if (v.hostPath) {
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
  } else if (v.emptyDir) {
    const limit = v.emptyDir.sizeLimit !== undefined && quantityValue(String(v.emptyDir.sizeLimit)) > 0 ? canonicalQuantity(v.emptyDir.sizeLimit) : '<unset>';
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${limit}\n`);
  } else if (v.secret) {
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${b(v.secret.optional)}\n`);
  } else if (v.configMap) {
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${b(v.configMap.optional)}\n`);
  } else if (v.nfs) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${b(v.nfs.readOnly)}\n`);
  } else if (v.persistentVolumeClaim) {
    w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${b(v.persistentVolumeClaim.readOnly)}\n`);
  } else if (v.ephemeral) {
    w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
    const t = v.ephemeral.volumeClaimTemplate;
    if (t) printPersistentVolumeClaim(new NestedPrefixWriter(w, LEVEL_2), { metadata: t.metadata, spec: t.spec } as PersistentVolumeClaim, false);
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const m of v.downwardAPI.items ?? []) {
      if (m.fieldRef) w.write(LEVEL_3, `${m.fieldRef.fieldPath} -> ${m.path}\n`);
      if (m.resourceFieldRef) w.write(LEVEL_3, `${m.resourceFieldRef.resource} -> ${m.path}\n`);
    }
  } else if (v.projected) {
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const s of v.projected.sources ?? []) {
      if (s.secret) w.write(LEVEL_2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${b(s.secret.optional)}\n`);
      else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${b(s.configMap.optional)}\n`);
      else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
    }
  } else if (v.csi) {
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${b(v.csi.readOnly)}\n`);
    printVolumeAttributes(w, v.csi.volumeAttributes);
  } else if ((v as ImageVolume).image) {
    const image = (v as ImageVolume).image!;
    w.write(LEVEL_2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${image.reference ?? ''}\n    PullPolicy:\t${image.pullPolicy ?? ''}\n`);
  } else if (v.gitRepo) {
    w.write(LEVEL_2, `Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n    Repository:\t${v.gitRepo.repository}\n    Revision:\t${v.gitRepo.revision ?? ''}\n`);
  } else if (v.iscsi) {
    w.write(LEVEL_2, `Type:\tISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)\n    TargetPortal:\t${v.iscsi.targetPortal}\n    IQN:\t${v.iscsi.iqn}\n    Lun:\t${v.iscsi.lun}\n    ISCSIInterface\t${v.iscsi.iscsiInterface ?? ''}\n    FSType:\t${v.iscsi.fsType ?? ''}\n    ReadOnly:\t${b(v.iscsi.readOnly)}\n    Portals:\t${goList(v.iscsi.portals)}\n    DiscoveryCHAPAuth:\t${b(v.iscsi.chapAuthDiscovery)}\n    SessionCHAPAuth:\t${b(v.iscsi.chapAuthSession)}\n    SecretRef:\t${v.iscsi.secretRef ? `&LocalObjectReference{Name:${v.iscsi.secretRef.name ?? ''},}` : '<nil>'}\n    InitiatorName:\t${v.iscsi.initiatorName ?? '<nil>'}\n`);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

/** printCSIPersistentVolumeAttributesMultiline. */
export function printVolumeAttributes(w: Writer, attributes: Record<string, string> | undefined): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = Object.keys(attributes ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${key}=${attributes![key]}`;
    w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
  });
}

export function describeVolumes(volumes: Volume[] | undefined, w: Writer, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const v of volumes) {
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    volumeSource(v, w);
  }
}

/** printPersistentVolumeClaim (isFullPVC false: the template inside an ephemeral volume). */
export function printPersistentVolumeClaim(w: Writer, pvc: PersistentVolumeClaim, isFull: boolean, now = 0): void {
  if (isFull) {
    w.write(LEVEL_0, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata?.namespace ?? ''}\n`);
  }
  w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pvc)}\n`);
  if (isFull) {
    if (pvc.metadata?.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  }
  w.write(LEVEL_0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata?.annotations);
  if (isFull) w.write(LEVEL_0, `Finalizers:\t${goList(pvc.metadata?.finalizers)}\n`);
  let capacity = '';
  let accessModes = '';
  if (pvc.spec?.volumeName) {
    accessModes = accessModesString(pvc.status?.accessModes);
    capacity = canonicalQuantity(pvc.status?.capacity?.storage ?? '0');
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModes}\n`);
  if (pvc.spec?.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  if (pvc.spec?.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (pvc.spec.dataSource.apiGroup) w.write(LEVEL_1, `APIGroup:\t${pvc.spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${pvc.spec.dataSource.kind}\n`);
    w.write(LEVEL_1, `Name:\t${pvc.spec.dataSource.name}\n`);
  }
}

export function describeTopologySpreadConstraints(tscs: TopologySpreadConstraint[] | undefined, w: Writer, space: string): void {
  if (!tscs || tscs.length === 0) return;
  const sorted = goSort([...tscs], (a, b) => a.topologyKey < b.topologyKey);
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, '\t');
    }
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, s + '\n');
  });
}

/** DescribePodTemplate: "Pod Template:" with labels, containers, volumes, selectors. */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: Writer): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  const spec = template.spec ?? { containers: [] };
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers && spec.initContainers.length > 0) describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

/** qos.GetPodQOS: Guaranteed, Burstable or BestEffort. */
export function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests: Record<string, number> = {};
  const limits: Record<string, number> = {};
  let zeroQuantity = true;
  let isGuaranteed = true;
  const supported = new Set(['cpu', 'memory']);
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    for (const [name, q] of Object.entries(c.resources?.requests ?? {})) {
      if (!supported.has(name)) continue;
      const v = quantityValue(String(q));
      if (v > 0) {
        zeroQuantity = false;
        requests[name] = (requests[name] ?? 0) + v;
      }
    }
    const qosLimits = new Set<string>();
    for (const [name, q] of Object.entries(c.resources?.limits ?? {})) {
      if (!supported.has(name)) continue;
      const v = quantityValue(String(q));
      if (v > 0) {
        zeroQuantity = false;
        qosLimits.add(name);
        limits[name] = (limits[name] ?? 0) + v;
      }
    }
    if (qosLimits.size !== supported.size) isGuaranteed = false;
  }
  if (zeroQuantity) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, v] of Object.entries(requests)) if (limits[name] !== v) isGuaranteed = false;
  }
  return isGuaranteed && Object.keys(requests).length === Object.keys(limits).length ? 'Guaranteed' : 'Burstable';
}
