import { describe, expect, it } from 'vitest';
import { harness, podTemplate, specOf, statusOf, type Harness } from './harness.js';

const DS = 'daemonsets.apps';

function daemonSet(name: string, extra: { tolerations?: unknown[]; nodeSelector?: Record<string, string>; hostNetwork?: boolean; maxUnavailable?: number | string; maxSurge?: number | string; image?: string } = {}) {
  const labels = { app: name };
  const template = podTemplate(labels, {
    ...(extra.tolerations ? { tolerations: extra.tolerations } : {}),
    ...(extra.nodeSelector ? { nodeSelector: extra.nodeSelector } : {}),
    ...(extra.hostNetwork ? { hostNetwork: true } : {}),
  });
  if (extra.image) template.spec.containers[0]!.image = extra.image;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system', annotations: { 'deprecated.daemonset.template.generation': '1' } },
    spec: {
      selector: { matchLabels: labels },
      template,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: extra.maxUnavailable ?? 1, maxSurge: extra.maxSurge ?? 0 } },
      revisionHistoryLimit: 10,
    },
  };
}

function threeNodes(h: Harness): void {
  h.node('controlplane', { labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
  h.node('node01', { labels: { disk: 'ssd' } });
  h.node('node02');
}

const targets = (h: Harness) =>
  h
    .pods('kube-system')
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => specOf<{ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchFields: { values: string[] }[] }[] } } } }>(p).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]!.matchFields[0]!.values[0])
    .sort();

describe('DaemonSet controller', () => {
  it('runs one pod per node whose taints the pods tolerate, pinned by node affinity on metadata.name', () => {
    const h = harness({ namespaces: ['kube-system'] });
    threeNodes(h);
    h.create(DS, daemonSet('agent'));
    expect(targets(h)).toEqual(['node01', 'node02']);
    const pod = h.pods('kube-system')[0]!;
    expect(pod.metadata.name).toMatch(/^agent-[a-z0-9]{5}$/);
    const spec = specOf<{ tolerations: unknown[]; affinity: unknown }>(pod);
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(pod.metadata.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
    const rev = h.list('controllerrevisions.apps', 'kube-system')[0]!;
    expect(pod.metadata.labels?.['controller-revision-hash']).toBe(rev.metadata.labels?.['controller-revision-hash']);
    expect(rev.metadata.name).toBe(`agent-${rev.metadata.labels?.['controller-revision-hash']}`);
    expect(rev['revision']).toBe(1);
  });

  it('also runs on the control plane when the template tolerates its taint, and adds network-unavailable for hostNetwork', () => {
    const h = harness({ namespaces: ['kube-system'] });
    threeNodes(h);
    h.create(DS, daemonSet('proxy', { hostNetwork: true, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    expect(targets(h)).toEqual(['controlplane', 'node01', 'node02']);
    const tolerations = specOf<{ tolerations: { key: string }[] }>(h.pods('kube-system')[0]).tolerations.map((t) => t.key);
    expect(tolerations).toEqual(['node-role.kubernetes.io/control-plane', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable', 'node.kubernetes.io/disk-pressure', 'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/pid-pressure', 'node.kubernetes.io/unschedulable', 'node.kubernetes.io/network-unavailable']);
  });

  it('follows node labels: a nodeSelector match adds a pod, a lost match removes it', () => {
    const h = harness({ namespaces: ['kube-system'] });
    threeNodes(h);
    h.create(DS, daemonSet('ssd', { nodeSelector: { disk: 'ssd' } }));
    expect(targets(h)).toEqual(['node01']);
    h.patch('nodes', '', 'node02', { metadata: { labels: { disk: 'ssd' } } });
    expect(targets(h)).toEqual(['node01', 'node02']);
    h.patch('nodes', '', 'node01', { metadata: { labels: { disk: null } } });
    expect(targets(h)).toEqual(['node02']);
  });

  it('creates a pod for a node that joins later', () => {
    const h = harness({ namespaces: ['kube-system'] });
    threeNodes(h);
    h.create(DS, daemonSet('agent'));
    h.node('node03');
    expect(targets(h)).toEqual(['node01', 'node02', 'node03']);
  });

  it('reports status counts as pods are scheduled and become ready', () => {
    const h = harness({ namespaces: ['kube-system'] });
    threeNodes(h);
    h.create(DS, daemonSet('agent'));
    expect(statusOf(h.get(DS, 'kube-system', 'agent'))).toEqual({ currentNumberScheduled: 2, desiredNumberScheduled: 2, numberMisscheduled: 0, numberReady: 0, numberUnavailable: 2, observedGeneration: 1, updatedNumberScheduled: 2 });
    h.markPodsRunning({ namespace: 'kube-system' });
    expect(statusOf(h.get(DS, 'kube-system', 'agent'))).toEqual({ currentNumberScheduled: 2, desiredNumberScheduled: 2, numberMisscheduled: 0, numberReady: 2, numberAvailable: 2, observedGeneration: 1, updatedNumberScheduled: 2 });
  });

  it('replaces a failed daemon pod with a FailedDaemonPod warning', () => {
    const h = harness({ namespaces: ['kube-system'] });
    h.node('node01');
    h.create(DS, daemonSet('agent'));
    const [name] = h.podNames('kube-system');
    h.finishPod('kube-system', name!, 'Failed');
    expect(h.events('agent', 'kube-system')).toContain(`FailedDaemonPod: Found failed daemon pod kube-system/${name} on node node01, will try to kill it`);
    expect(h.podNames('kube-system')).not.toContain(name);
    expect(h.pods('kube-system')).toHaveLength(1);
  });

  it('rolls a template change out one node at a time with maxUnavailable 1', () => {
    const h = harness({ namespaces: ['kube-system'] });
    h.node('node01');
    h.node('node02');
    h.create(DS, daemonSet('agent'));
    h.markPodsRunning({ namespace: 'kube-system' });
    const before = h.podNames('kube-system');
    const ds = h.get(DS, 'kube-system', 'agent')!;
    const template = structuredClone(specOf<{ template: { spec: { containers: { image: string }[] } } }>(ds).template);
    template.spec.containers[0]!.image = 'nginx:1.28';
    h.patch(DS, 'kube-system', 'agent', { metadata: { annotations: { 'deprecated.daemonset.template.generation': '2' } }, spec: { template } });
    expect(h.pods('kube-system').filter((p) => p.metadata.deletionTimestamp)).toHaveLength(1);
    h.finishTerminating('kube-system');
    expect(h.pods('kube-system').filter((p) => p.metadata.labels?.['pod-template-generation'] === '2')).toHaveLength(1);
    h.markPodsRunning({ namespace: 'kube-system' });
    h.finishTerminating('kube-system');
    h.markPodsRunning({ namespace: 'kube-system' });
    const after = h.pods('kube-system');
    expect(after.map((p) => p.metadata.labels?.['pod-template-generation'])).toEqual(['2', '2']);
    expect(after.some((p) => before.includes(p.metadata.name))).toBe(false);
    expect(h.list('controllerrevisions.apps', 'kube-system').map((r) => r['revision']).sort()).toEqual([1, 2]);
    expect(statusOf<{ updatedNumberScheduled: number }>(h.get(DS, 'kube-system', 'agent')).updatedNumberScheduled).toBe(2);
  });

  it('with maxSurge starts the new pod beside the old one and removes the old one once the new is available', () => {
    const h = harness({ namespaces: ['kube-system'] });
    h.node('node01');
    h.create(DS, daemonSet('agent', { maxUnavailable: 0, maxSurge: 1 }));
    h.markPodsRunning({ namespace: 'kube-system' });
    const [old] = h.podNames('kube-system');
    const ds = h.get(DS, 'kube-system', 'agent')!;
    const template = structuredClone(specOf<{ template: { spec: { containers: { image: string }[] } } }>(ds).template);
    template.spec.containers[0]!.image = 'nginx:1.28';
    h.patch(DS, 'kube-system', 'agent', { metadata: { annotations: { 'deprecated.daemonset.template.generation': '2' } }, spec: { template } });
    expect(h.pods('kube-system')).toHaveLength(2);
    expect(h.get('pods', 'kube-system', old!)!.metadata.deletionTimestamp).toBeUndefined();
    h.markPodsRunning({ namespace: 'kube-system' });
    expect(h.get('pods', 'kube-system', old!)!.metadata.deletionTimestamp).toBeDefined();
  });
});
