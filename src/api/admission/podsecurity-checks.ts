/**
 * Pod Security Standards checks (k8s.io/pod-security-admission/policy, latest version): each
 * returns a forbidden reason and detail, or nothing. Baseline checks run first, then
 * restricted ones, each group sorted by check ID, as the policy registry orders them.
 */
import { isObj, list, type Obj } from '../kinds/util.js';

export type Level = 'privileged' | 'baseline' | 'restricted';

interface Result {
  reason: string;
  detail?: string;
}

interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  overrides?: string[];
  run(meta: Obj, spec: Obj): Result | undefined;
}

function containers(spec: Obj): Obj[] {
  return [...list(spec['initContainers']), ...list(spec['containers']), ...list(spec['ephemeralContainers'])].filter(isObj);
}

function joinQuote(items: string[]): string {
  return items.length ? `"${items.join('", "')}"` : '';
}

function plural(singular: string, pluralForm: string, n: number): string {
  return n === 1 ? singular : pluralForm;
}

function who(names: string[]): string {
  return `${plural('container', 'containers', names.length)} ${joinQuote(names)}`;
}

function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

const windows = (spec: Obj): boolean => spec['os']?.['name'] === 'windows';
const BASELINE_CAPS = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem',
]);
const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];
const RESTRICTED_TYPES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker',
  'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

const validSeccomp = (t: unknown): boolean => t === 'RuntimeDefault' || t === 'Localhost';

/** "pod and containers "a", "b"" style setters, and implicitly bad containers. */
function podOrContainers(spec: Obj, field: string, bad: (v: unknown) => boolean, isSet: (v: unknown) => boolean): { setters: string[]; values: string[]; implicit: string[] } {
  const setters: string[] = [];
  const values: string[] = [];
  const podValue = spec['securityContext']?.[field];
  let podOk = false;
  if (isSet(podValue)) {
    if (bad(podValue)) {
      setters.push('pod');
      values.push(String(podValue?.type ?? podValue));
    } else podOk = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of containers(spec)) {
    const v = c['securityContext']?.[field];
    if (isSet(v)) {
      if (bad(v)) {
        explicit.push(String(c['name']));
        values.push(String(v?.type ?? v));
      }
    } else if (!podOk) implicit.push(String(c['name']));
  }
  if (explicit.length) setters.push(who(explicit));
  return { setters, values, implicit };
}

const CHECKS: Check[] = [
  {
    id: 'appArmorProfile',
    level: 'baseline',
    run(_meta, spec) {
      const bad: string[] = [];
      const types = new Set<string>();
      const badType = (p: unknown): boolean => isObj(p) && p['type'] !== 'RuntimeDefault' && p['type'] !== 'Localhost';
      const setters: string[] = [];
      if (badType(spec['securityContext']?.['appArmorProfile'])) {
        setters.push('pod');
        types.add(String(spec['securityContext']['appArmorProfile']['type']));
      }
      for (const c of containers(spec)) {
        if (badType(c['securityContext']?.['appArmorProfile'])) {
          bad.push(String(c['name']));
          types.add(String(c['securityContext']['appArmorProfile']['type']));
        }
      }
      if (bad.length) setters.push(who(bad));
      if (!setters.length) return undefined;
      const list_ = sortedSet(types);
      return { reason: plural('forbidden AppArmor profile', 'forbidden AppArmor profiles', list_.length), detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(list_)}` };
    },
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    run(_meta, spec) {
      const bad: string[] = [];
      const caps = new Set<string>();
      for (const c of containers(spec)) {
        const add = (c['securityContext']?.['capabilities']?.['add'] ?? []) as string[];
        const extra = add.filter((x) => !BASELINE_CAPS.has(String(x)));
        if (extra.length) {
          bad.push(String(c['name']));
          extra.forEach((x) => caps.add(String(x)));
        }
      }
      return bad.length ? { reason: 'non-default capabilities', detail: `${who(bad)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add` } : undefined;
    },
  },
  {
    id: 'hostNamespaces',
    level: 'baseline',
    run(_meta, spec) {
      const ns = ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => spec[k] === true).map((k) => `${k}=true`);
      return ns.length ? { reason: 'host namespaces', detail: ns.join(', ') } : undefined;
    },
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    run(_meta, spec) {
      const vols = list(spec['volumes']).filter((v) => isObj(v?.['hostPath'])).map((v) => String(v['name']));
      return vols.length ? { reason: 'hostPath volumes', detail: `${plural('volume', 'volumes', vols.length)} ${joinQuote(vols)}` } : undefined;
    },
  },
  {
    id: 'hostPorts',
    level: 'baseline',
    run(_meta, spec) {
      const bad: string[] = [];
      const ports = new Set<string>();
      for (const c of containers(spec)) {
        const hp = list(c['ports']).filter((p) => p['hostPort']).map((p) => String(p['hostPort']));
        if (hp.length) {
          bad.push(String(c['name']));
          hp.forEach((p) => ports.add(p));
        }
      }
      const list_ = sortedSet(ports);
      return bad.length ? { reason: 'hostPort', detail: `${who(bad)} ${plural('uses', 'use', bad.length)} ${plural('hostPort', 'hostPorts', list_.length)} ${list_.join(', ')}` } : undefined;
    },
  },
  {
    id: 'privileged',
    level: 'baseline',
    run(_meta, spec) {
      const bad = containers(spec).filter((c) => c['securityContext']?.['privileged'] === true).map((c) => String(c['name']));
      return bad.length ? { reason: 'privileged', detail: `${who(bad)} must not set securityContext.privileged=true` } : undefined;
    },
  },
  {
    id: 'procMount',
    level: 'baseline',
    run(_meta, spec) {
      const bad: string[] = [];
      const types = new Set<string>();
      for (const c of containers(spec)) {
        const pm = c['securityContext']?.['procMount'];
        if (pm !== undefined && pm !== 'Default') {
          bad.push(String(c['name']));
          types.add(String(pm));
        }
      }
      return bad.length ? { reason: 'procMount', detail: `${who(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}` } : undefined;
    },
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    run(_meta, spec) {
      const allowed = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
      const setters: string[] = [];
      const types = new Set<string>();
      const check = (o: unknown): boolean => {
        if (!isObj(o)) return false;
        const bad = !allowed.has(String(o['type'] ?? '')) || !!o['user'] || !!o['role'];
        if (bad && !allowed.has(String(o['type'] ?? ''))) types.add(String(o['type']));
        return bad;
      };
      if (check(spec['securityContext']?.['seLinuxOptions'])) setters.push('pod');
      const bad = containers(spec).filter((c) => check(c['securityContext']?.['seLinuxOptions'])).map((c) => String(c['name']));
      if (bad.length) setters.push(who(bad));
      if (!setters.length) return undefined;
      const t = sortedSet(types);
      return { reason: 'seLinuxOptions', detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${plural('type', 'types', t.length)} ${joinQuote(t)}` };
    },
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    run(_meta, spec) {
      const r = podOrContainers(spec, 'seccompProfile', (v) => isObj(v) && v['type'] === 'Unconfined', (v) => isObj(v));
      return r.setters.length ? { reason: 'seccompProfile', detail: `${r.setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(r.values))}` } : undefined;
    },
  },
  {
    id: 'sysctls',
    level: 'baseline',
    run(_meta, spec) {
      const bad = list(spec['securityContext']?.['sysctls']).map((s) => String(s['name'])).filter((n) => !SAFE_SYSCTLS.has(n));
      return bad.length ? { reason: 'forbidden sysctls', detail: bad.join(', ') } : undefined;
    },
  },
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    run(_meta, spec) {
      const podHP = spec['securityContext']?.['windowsOptions']?.['hostProcess'] === true;
      const bad = containers(spec).filter((c) => c['securityContext']?.['windowsOptions']?.['hostProcess'] === true).map((c) => String(c['name']));
      if (!podHP && !bad.length) return undefined;
      return { reason: 'hostProcess', detail: [podHP ? 'pod' : '', bad.length ? who(bad) : ''].filter(Boolean).join(' and ') + ' must not set securityContext.windowsOptions.hostProcess=true' };
    },
  },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    run(_meta, spec) {
      if (windows(spec)) return undefined;
      const bad = containers(spec).filter((c) => c['securityContext']?.['allowPrivilegeEscalation'] !== false).map((c) => String(c['name']));
      return bad.length ? { reason: 'allowPrivilegeEscalation != false', detail: `${who(bad)} must set securityContext.allowPrivilegeEscalation=false` } : undefined;
    },
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    overrides: ['capabilities_baseline'],
    run(_meta, spec) {
      if (windows(spec)) return undefined;
      const missingDrop: string[] = [];
      const adding: string[] = [];
      const caps = new Set<string>();
      for (const c of containers(spec)) {
        const capabilities = c['securityContext']?.['capabilities'];
        if (!isObj(capabilities)) {
          missingDrop.push(String(c['name']));
          continue;
        }
        if (!((capabilities['drop'] ?? []) as string[]).includes('ALL')) missingDrop.push(String(c['name']));
        const extra = ((capabilities['add'] ?? []) as string[]).filter((x) => x !== 'NET_BIND_SERVICE');
        if (extra.length) {
          adding.push(String(c['name']));
          extra.forEach((x) => caps.add(String(x)));
        }
      }
      const details: string[] = [];
      if (missingDrop.length) details.push(`${who(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
      if (adding.length) details.push(`${who(adding)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`);
      return details.length ? { reason: 'unrestricted capabilities', detail: details.join('; ') } : undefined;
    },
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    overrides: ['hostPathVolumes'],
    run(_meta, spec) {
      const bad: string[] = [];
      const types = new Set<string>();
      for (const v of list(spec['volumes'])) {
        if (!isObj(v) || ALLOWED_VOLUMES.some((k) => v[k] !== undefined && v[k] !== null)) continue;
        bad.push(String(v['name']));
        types.add(RESTRICTED_TYPES.find((k) => v[k] !== undefined && v[k] !== null) ?? 'unknown');
      }
      const t = sortedSet(types);
      return bad.length
        ? { reason: 'restricted volume types', detail: `${plural('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${plural('uses', 'use', bad.length)} ${plural('restricted volume type', 'restricted volume types', t.length)} ${joinQuote(t)}` }
        : undefined;
    },
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    run(_meta, spec) {
      const r = podOrContainers(spec, 'runAsNonRoot', (v) => v === false, (v) => v !== undefined && v !== null);
      if (r.setters.length) return { reason: 'runAsNonRoot != true', detail: `${r.setters.join(' and ')} must not set securityContext.runAsNonRoot=false` };
      if (r.implicit.length) return { reason: 'runAsNonRoot != true', detail: `pod or ${who(r.implicit)} must set securityContext.runAsNonRoot=true` };
      return undefined;
    },
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    run(_meta, spec) {
      const setters: string[] = [];
      if (spec['securityContext']?.['runAsUser'] === 0) setters.push('pod');
      const bad = containers(spec).filter((c) => c['securityContext']?.['runAsUser'] === 0).map((c) => String(c['name']));
      if (bad.length) setters.push(who(bad));
      return setters.length ? { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0` } : undefined;
    },
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    overrides: ['seccompProfile_baseline'],
    run(_meta, spec) {
      if (windows(spec)) return undefined;
      const r = podOrContainers(spec, 'seccompProfile', (v) => !validSeccomp((v as Obj)['type']), (v) => isObj(v));
      if (r.setters.length) return { reason: 'seccompProfile', detail: `${r.setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(r.values))}` };
      if (r.implicit.length) return { reason: 'seccompProfile', detail: `pod or ${who(r.implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` };
      return undefined;
    },
  },
];

/** The forbidden reasons of a pod at a level, each "reason (detail)", in the registry's order. */
export function evaluatePod(pod: Obj, level: Level): string[] {
  if (level === 'privileged') return [];
  const spec: Obj = pod['spec'] ?? {};
  const meta: Obj = pod['metadata'] ?? {};
  const overridden = new Set(level === 'restricted' ? CHECKS.flatMap((c) => c.overrides ?? []) : []);
  const active = CHECKS.filter((c) => (c.level === 'baseline' || level === 'restricted') && !overridden.has(c.id));
  const ordered = [...active.filter((c) => c.level === 'baseline').sort(byId), ...active.filter((c) => c.level === 'restricted').sort(byId)];
  return ordered.flatMap((c) => {
    const r = c.run(meta, spec);
    return r ? [r.detail ? `${r.reason} (${r.detail})` : r.reason] : [];
  });
}

function byId(a: Check, b: Check): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
