import { describe, expect, it } from 'vitest';
import { deployment, harness, statusOf, specOf, type Harness, type Obj } from './harness.js';
import { computeHash, safeEncodeString } from '../../src/controllers/util/hash.js';
import { equalIgnoreHash } from '../../src/controllers/deployment/util.js';
import { deepFreeze } from '../../src/api/types.js';

const RS = 'replicasets.apps';
const DEPLOY = 'deployments.apps';

function sets(h: Harness, ns = 'default'): Obj[] {
  return h.list(RS, ns).sort((a, b) => Number(a.metadata.annotations?.['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations?.['deployment.kubernetes.io/revision']));
}

function sizes(h: Harness): Record<string, number> {
  return Object.fromEntries(sets(h).map((rs) => [rs.metadata.name, specOf<{ replicas: number }>(rs).replicas]));
}

function setImage(h: Harness, name: string, image: string): void {
  const d = h.get(DEPLOY, 'default', name)!;
  const spec = structuredClone(specOf<{ template: { spec: { containers: { image: string }[] } } }>(d));
  spec.template.spec.containers[0]!.image = image;
  h.patch(DEPLOY, 'default', name, { spec: { template: spec.template } });
}

function conditions(obj: Obj | undefined): Record<string, string> {
  const cs = statusOf<{ conditions?: { type: string; status: string; reason: string; message: string }[] }>(obj).conditions ?? [];
  return Object.fromEntries(cs.map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));
}

describe('Deployment controller', () => {
  it('is not woken again by its own status write', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 2));
    h.markPodsRunning();
    const dep = h.loop['members'].flatMap((m) => m.component.reconcilers).find((r) => r.name === 'deployment-controller')!;
    const queuedAtOwnWrite: string[][] = [];
    h.api.store.watch((e) => {
      if (e.resource === DEPLOY && e.type === 'MODIFIED' && e.old?.['status'] !== e.object['status']) queuedAtOwnWrite.push([...h.loop['queues'].get(dep)!]);
    });
    h.markPodsRunning({ ready: false, names: [h.pods()[0]!.metadata.name] });
    expect(statusOf<{ readyReplicas?: number }>(h.get(DEPLOY, 'default', 'web')).readyReplicas).toBe(1);
    expect(queuedAtOwnWrite).toEqual([[]]);
  });

  it('creates a ReplicaSet named <deployment>-<pod-template-hash> with revision and replica annotations', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 3, { annotations: { 'kubernetes.io/change-cause': 'kubectl create deployment web --image=nginx:1.27' } }));
    const [rs] = sets(h);
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[bcdf4-9]{1,10}$/);
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
      'kubernetes.io/change-cause': 'kubectl create deployment web --image=nginx:1.27',
    });
    const spec = specOf<{ selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } }; replicas: number }>(rs);
    expect(spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(spec.replicas).toBe(3);
    expect(h.get(DEPLOY, 'default', 'web')!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(h.events('web')).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
    expect(h.pods().map((p) => p.metadata.name).every((n) => n.startsWith(`web-${hash}-`))).toBe(true);
  });

  it('gives the same template the same hash and a changed template a new one', () => {
    const a = harness({ seed: 1 });
    const b = harness({ seed: 2 });
    a.create(DEPLOY, deployment('web', 1));
    b.create(DEPLOY, deployment('web', 1));
    expect(sets(a)[0]!.metadata.name).toBe(sets(b)[0]!.metadata.name);
    const c = harness();
    c.create(DEPLOY, deployment('web', 1, { image: 'nginx:1.28' }));
    expect(sets(c)[0]!.metadata.name).not.toBe(sets(a)[0]!.metadata.name);
  });

  it('spells hashes with SafeEncodeString of the FNV-32a decimal', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(computeHash({ a: 1 })).toMatch(/^[bcdf4-9]+$/);
  });

  it('reports status and the Available and Progressing conditions with the real messages', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 3));
    const rsName = sets(h)[0]!.metadata.name;
    expect(conditions(h.get(DEPLOY, 'default', 'web'))).toEqual({
      Available: 'False MinimumReplicasUnavailable: Deployment does not have minimum availability.',
      Progressing: `True ReplicaSetUpdated: ReplicaSet "${rsName}" is progressing.`,
    });
    h.markPodsRunning();
    const d = h.get(DEPLOY, 'default', 'web');
    expect(conditions(d)).toEqual({
      Available: 'True MinimumReplicasAvailable: Deployment has minimum availability.',
      Progressing: `True NewReplicaSetAvailable: ReplicaSet "${rsName}" has successfully progressed.`,
    });
    const { conditions: _c, ...counts } = statusOf<Record<string, unknown>>(d);
    expect(counts).toEqual({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
  });

  it('rolls out step by step within maxSurge and maxUnavailable as new pods become available', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 4));
    h.markPodsRunning();
    const oldName = sets(h)[0]!.metadata.name;
    setImage(h, 'web', 'nginx:1.28');
    const newName = sets(h)[1]!.metadata.name;
    // 4 replicas, 25 %: surge 1, unavailable 1. Without ready new pods the rollout stops at 3 + 2.
    expect(sizes(h)).toEqual({ [oldName]: 3, [newName]: 2 });
    expect(h.events('web').slice(1)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${newName} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set ${oldName} from 4 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${newName} from 1 to 2`,
    ]);
    h.finishTerminating();
    h.markPodsRunning({ selector: { 'pod-template-hash': newName.slice(4) } });
    h.finishTerminating();
    h.markPodsRunning({ selector: { 'pod-template-hash': newName.slice(4) } });
    h.finishTerminating();
    h.markPodsRunning({ selector: { 'pod-template-hash': newName.slice(4) } });
    expect(sizes(h)).toEqual({ [oldName]: 0, [newName]: 4 });
    const d = h.get(DEPLOY, 'default', 'web')!;
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(statusOf<{ updatedReplicas: number; availableReplicas: number }>(d)).toMatchObject({ updatedReplicas: 4, availableReplicas: 4, observedGeneration: 2 });
  });

  it('Recreate scales the old set to zero and creates the new one only after the old pods are gone', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 2, { strategy: { type: 'Recreate' } }));
    h.markPodsRunning();
    setImage(h, 'web', 'nginx:1.28');
    expect(sets(h)).toHaveLength(1);
    expect(specOf<{ replicas: number }>(sets(h)[0]).replicas).toBe(0);
    expect(h.pods().every((p) => p.metadata.deletionTimestamp)).toBe(true);
    h.finishTerminating();
    expect(sets(h)).toHaveLength(2);
    expect(specOf<{ replicas: number }>(sets(h)[1]).replicas).toBe(2);
  });

  it('scales old and new sets proportionally when a rollout is scaled', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 10));
    h.markPodsRunning();
    setImage(h, 'web', 'nginx:1.28');
    const [old, neu] = sets(h).map((rs) => rs.metadata.name);
    expect(sizes(h)).toEqual({ [old!]: 8, [neu!]: 5 });
    h.patch(DEPLOY, 'default', 'web', { spec: { replicas: 20 } });
    // 25 allowed now (20 + surge 5) spread by the sizes each set had of the old maximum (13).
    expect(sizes(h)).toEqual({ [old!]: 15, [neu!]: 10 });
  });

  it('keeps only revisionHistoryLimit old ReplicaSets once a rollout completes', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 1, { revisionHistoryLimit: 1 }));
    for (const image of ['nginx:a', 'nginx:b', 'nginx:c']) {
      h.markPodsRunning();
      setImage(h, 'web', image);
      h.markPodsRunning();
      h.finishTerminating();
    }
    expect(sets(h).map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'])).toEqual(['3', '4']);
  });

  it('rolls back by reusing the old ReplicaSet when the template returns to it', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 1));
    h.markPodsRunning();
    const first = sets(h)[0]!.metadata.name;
    setImage(h, 'web', 'nginx:1.28');
    h.markPodsRunning();
    h.finishTerminating();
    setImage(h, 'web', 'nginx:1.27');
    const rs = h.get(RS, 'default', first)!;
    expect(sets(h)).toHaveLength(2);
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(specOf<{ replicas: number }>(rs).replicas).toBe(1);
    expect(h.get(DEPLOY, 'default', 'web')!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('does not roll out a paused deployment and marks Progressing Unknown until resumed', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 2));
    h.markPodsRunning();
    h.patch(DEPLOY, 'default', 'web', { spec: { paused: true } });
    setImage(h, 'web', 'nginx:1.28');
    expect(sets(h)).toHaveLength(1);
    expect(conditions(h.get(DEPLOY, 'default', 'web')).Progressing).toBe('Unknown DeploymentPaused: Deployment is paused');
    h.patch(DEPLOY, 'default', 'web', { spec: { paused: false } });
    expect(sets(h)).toHaveLength(2);
    expect(conditions(h.get(DEPLOY, 'default', 'web')).Progressing).toMatch(/^True ReplicaSetUpdated: ReplicaSet "web-[a-z0-9]+" is progressing\.$/);
  });

  it('reports ProgressDeadlineExceeded only after progressDeadlineSeconds without progress', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 1, { progressDeadlineSeconds: 30 }));
    const rsName = sets(h)[0]!.metadata.name;
    h.advance(29);
    expect(conditions(h.get(DEPLOY, 'default', 'web')).Progressing).toMatch(/^True ReplicaSetUpdated/);
    h.advance(2);
    expect(conditions(h.get(DEPLOY, 'default', 'web')).Progressing).toBe(`False ProgressDeadlineExceeded: ReplicaSet "${rsName}" has timed out progressing.`);
  });

  it('scales a deployment up and down with ScalingReplicaSet events', () => {
    const h = harness();
    h.create(DEPLOY, deployment('web', 2));
    const name = sets(h)[0]!.metadata.name;
    h.patch(DEPLOY, 'default', 'web', { spec: { replicas: 5 } });
    h.patch(DEPLOY, 'default', 'web', { spec: { replicas: 1 } });
    expect(h.events('web').slice(1)).toEqual([`ScalingReplicaSet: Scaled up replica set ${name} from 2 to 5`, `ScalingReplicaSet: Scaled down replica set ${name} from 5 to 1`]);
    expect(sets(h)[0]!.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('1');
  });
});

describe('equalIgnoreHash', () => {
  // Stored templates are frozen, as the store hands them out.
  const template = (image: string, hash?: string) => deepFreeze({ metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } }, spec: { containers: [{ name: 'c', image }] } });

  it('ignores only the pod-template-hash label', () => {
    const deploymentTemplate = template('nginx:1.27');
    const current = template('nginx:1.27', 'abc12');
    const old = template('nginx:1.26', 'def34');
    expect(equalIgnoreHash(deploymentTemplate, current)).toBe(true);
    expect(equalIgnoreHash(deploymentTemplate, old)).toBe(false);
    expect(equalIgnoreHash(deploymentTemplate, current)).toBe(true);
    expect(equalIgnoreHash(template('nginx:1.26'), current)).toBe(false);
    expect(equalIgnoreHash({ metadata: { labels: { app: 'web' } } }, { metadata: { labels: { app: 'web', 'pod-template-hash': 'x' } } })).toBe(true);
  });
});
