import { describe, expect, it } from 'vitest';
import { SYSTEM_USERS } from '../../../src/api/auth.js';
import type { KObject } from '../../../src/api/types.js';
import { harness, pod } from '../kinds/helpers.js';

function withNamespace(level: string) {
  const h = harness();
  h.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'secure', labels: { 'pod-security.kubernetes.io/enforce': level } } }, '');
  h.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }, 'secure');
  return h;
}

const compliant = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'app', image: 'nginx', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
};

describe('PodSecurity', () => {
  it('enforces restricted with the plugin message', () => {
    const h = withNamespace('restricted');
    const e = h.error(() => h.create('pods', pod('web', { containers: [{ name: 'web', image: 'nginx' }] }), 'secure'));
    expect([e.code, e.message]).toEqual([
      403,
      'pods "web" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ]);
    expect(h.create('pods', pod('ok', compliant), 'secure')).toBeDefined();
  });

  it('puts baseline violations first, then restricted ones', () => {
    const h = withNamespace('restricted');
    const spec = { ...compliant, containers: [{ ...compliant.containers[0], securityContext: { privileged: true, capabilities: { drop: ['ALL'] } } }] };
    expect(h.error(() => h.create('pods', pod('p', spec), 'secure')).message).toBe(
      'pods "p" is forbidden: violates PodSecurity "restricted:latest": privileged (container "app" must not set securityContext.privileged=true), allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
    );
  });

  it('enforces baseline: host namespaces, hostPath, host ports, privileged', () => {
    const h = withNamespace('baseline');
    const spec = {
      hostNetwork: true,
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
      containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 80 }], securityContext: { privileged: true } }],
    };
    expect(h.error(() => h.create('pods', pod('p', spec), 'secure')).message).toBe(
      'pods "p" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), hostPath volumes (volume "root"), hostPort (container "c" uses hostPort 80), privileged (container "c" must not set securityContext.privileged=true)',
    );
    expect(h.create('pods', pod('fine', { containers: [{ name: 'c', image: 'nginx' }] }), 'secure')).toBeDefined();
  });

  it('leaves unlabelled and privileged namespaces alone', () => {
    const h = harness();
    expect(h.create('pods', pod('p', { hostNetwork: true, containers: [{ name: 'c', image: 'nginx', securityContext: { privileged: true } }] }))).toBeDefined();
  });
});

describe('NodeRestriction', () => {
  const node = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels } }) as unknown as KObject;

  it('lets a kubelet modify only its own Node', () => {
    const h = harness({ plugins: ['NodeRestriction'] });
    const kubelet = SYSTEM_USERS.node('node01');
    h.server.create(kubelet, 'nodes', '', node('node01'));
    h.server.create(SYSTEM_USERS.superAdmin, 'nodes', '', node('node02'));
    const e = h.error(() => h.server.patch(kubelet, 'nodes', '', 'node02', 'merge', { metadata: { labels: { a: 'b' } } }));
    expect([e.code, e.message]).toEqual([403, 'nodes "node02" is forbidden: node "node01" is not allowed to modify node "node02"']);
  });

  it('forbids node-restriction and node-role labels on its own Node', () => {
    const h = harness({ plugins: ['NodeRestriction'] });
    const kubelet = SYSTEM_USERS.node('node01');
    h.server.create(kubelet, 'nodes', '', node('node01', { 'kubernetes.io/hostname': 'node01' }));
    const e = h.error(() => h.server.patch(kubelet, 'nodes', '', 'node01', 'merge', { metadata: { labels: { 'node-role.kubernetes.io/control-plane': '', 'node-restriction.kubernetes.io/pci': 'true' } } }));
    expect(e.message).toBe('nodes "node01" is forbidden: is not allowed to modify labels: node-restriction.kubernetes.io/pci, node-role.kubernetes.io/control-plane');
    expect(h.server.patch(kubelet, 'nodes', '', 'node01', 'merge', { metadata: { labels: { 'topology.kubernetes.io/zone': 'a' } } })).toBeDefined();
  });

  it('lets a kubelet create only mirror pods bound to itself', () => {
    const h = harness({ plugins: ['NodeRestriction'] });
    const kubelet = SYSTEM_USERS.node('node01') as any;
    const plain = pod('p', { nodeName: 'node01', containers: [{ name: 'c', image: 'nginx' }] }) as unknown as KObject;
    expect(h.error(() => h.server.create(kubelet, 'pods', 'default', plain)).message).toBe('pods "p" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "node01" can only create mirror pods');
    const mirror = pod('m', { nodeName: 'node02', containers: [{ name: 'c', image: 'nginx' }] }, { annotations: { 'kubernetes.io/config.mirror': 'x' } }) as unknown as KObject;
    expect(h.error(() => h.server.create(kubelet, 'pods', 'default', mirror)).message).toBe('pods "m" is forbidden: node "node01" can only create pods with spec.nodeName set to itself');
  });
});
