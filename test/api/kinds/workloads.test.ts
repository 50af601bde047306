import { describe, expect, it } from 'vitest';
import { deployment, harness, has, kubectlClientObject } from './helpers.js';

const TEMPLATE_SPEC = {
  containers: [{ image: 'nginx', imagePullPolicy: 'Always', name: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

describe('Deployment', () => {
  it.skipIf(!has('kubectl'))('defaults what kubectl create deployment sends as a v1.33 apiserver does (needs kubectl)', () => {
    const h = harness();
    const d = h.create('deployments.apps', kubectlClientObject(['create', 'deployment', 'web', '--image=nginx'])) as any;
    expect(d.metadata.generation).toBe(1);
    expect(d.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: TEMPLATE_SPEC },
    });
    expect(d.status).toEqual({});
  });

  it('rejects a template whose labels the selector does not match', () => {
    const h = harness();
    const e = h.error(() => h.create('deployments.apps', deployment('web', { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } })));
    expect(e.message).toBe('Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`');
  });

  it('reports a missing selector together with the mismatch it causes', () => {
    const h = harness();
    const d = deployment('web') as any;
    delete d.spec.selector;
    const e = h.error(() => h.create('deployments.apps', d));
    expect(e.message).toBe('Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]');
  });

  it('keeps the selector immutable', () => {
    const h = harness();
    h.create('deployments.apps', deployment('web'));
    const e = h.error(() => h.patch('deployments.apps', 'web', { spec: { selector: { matchLabels: { app: 'web2' } }, template: { metadata: { labels: { app: 'web2' } } } } }));
    expect(e.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('rejects negative replicas and a Never restart policy', () => {
    const h = harness();
    const d = deployment('web', { replicas: -1 }) as any;
    d.spec.template.spec.restartPolicy = 'Never';
    const e = h.error(() => h.create('deployments.apps', d));
    expect(e.message).toBe('Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"]');
  });

  it('validates rolling update bounds', () => {
    const h = harness();
    const e = h.error(() => h.create('deployments.apps', deployment('web', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })));
    expect(e.message).toBe('Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0');
    const r = h.error(() => h.create('deployments.apps', deployment('web', { strategy: { type: 'Recreate', rollingUpdate: {} } })));
    expect(r.message).toBe("Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
  });

  it('bumps generation on spec changes but not on label changes', () => {
    const h = harness();
    h.create('deployments.apps', deployment('web'));
    expect(h.patch('deployments.apps', 'web', { spec: { replicas: 3 } }).metadata.generation).toBe(2);
    expect(h.patch('deployments.apps', 'web', { metadata: { labels: { tier: 'fe' } } }).metadata.generation).toBe(2);
    expect(h.patch('deployments.apps', 'web', { metadata: { annotations: { 'kubernetes.io/change-cause': 'x' } } }).metadata.generation).toBe(3);
  });

  it('keeps status out of main-resource writes', () => {
    const h = harness();
    const d = h.create('deployments.apps', { ...deployment('web'), status: { replicas: 5 } }) as any;
    expect(d.status).toEqual({});
    h.update('deployments.apps', { ...d, status: { replicas: 1, readyReplicas: 1 } }, 'default', 'status');
    expect((h.get('deployments.apps', 'web') as any).status).toEqual({ replicas: 1, readyReplicas: 1 });
  });
});

describe('ReplicaSet, DaemonSet, StatefulSet', () => {
  const kind = (k: string, api = 'apps/v1') => (obj: any) => ({ ...obj, apiVersion: api, kind: k });

  it('defaults a ReplicaSet and reports its empty selector as the apiserver does ("deployment")', () => {
    const h = harness();
    const rs = h.create('replicasets.apps', kind('ReplicaSet')(deployment('web'))) as any;
    expect([rs.spec.replicas, rs.status]).toEqual([1, { replicas: 0 }]);
    const e = h.error(() => h.create('replicasets.apps', kind('ReplicaSet')(deployment('x', { selector: {} }))));
    expect(e.message).toBe('ReplicaSet.apps "x" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment');
  });

  it('defaults a DaemonSet update strategy and status counters', () => {
    const h = harness();
    const ds = h.create('daemonsets.apps', kind('DaemonSet')(deployment('agent'))) as any;
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec.revisionHistoryLimit).toBe(10);
    expect(ds.status).toEqual({ currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
  });

  it('defaults a StatefulSet, its claim templates, and forbids most spec updates', () => {
    const h = harness();
    const sts = kind('StatefulSet')(deployment('db', { serviceName: 'db', volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] })) as any;
    const s = h.create('statefulsets.apps', sts) as any;
    expect(s.spec.podManagementPolicy).toBe('OrderedReady');
    expect(s.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(s.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(s.spec.volumeClaimTemplates[0]).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', creationTimestamp: null },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
    expect(h.patch('statefulsets.apps', 'db', { spec: { replicas: 3 } }).metadata.generation).toBe(2);
    const e = h.error(() => h.patch('statefulsets.apps', 'db', { spec: { serviceName: 'other' } }));
    expect(e.message).toBe(
      "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });
});

describe('status writes of Deployments and ReplicaSets', () => {
  it('validate the counts as ValidateDeploymentStatus/ValidateReplicaSetStatus word them, not the spec again', () => {
    const h = harness();
    const d = h.create('deployments.apps', deployment('web'));
    const bad = h.error(() => h.update('deployments.apps', { ...d, status: { replicas: 1, readyReplicas: 3, availableReplicas: 2, updatedReplicas: -1 } }, 'default', 'status'));
    expect(bad.message).toBe(
      'Deployment.apps "web" is invalid: [status.updatedReplicas: Invalid value: -1: must be greater than or equal to 0, status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas, status.availableReplicas: Invalid value: 2: cannot be greater than status.replicas]',
    );
    const rs = h.create('replicasets.apps', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: TEMPLATE_SPEC } } });
    const over = h.error(() => h.update('replicasets.apps', { ...rs, status: { replicas: 2, readyReplicas: 1, availableReplicas: 2 } }, 'default', 'status'));
    expect(over.message).toBe('ReplicaSet.apps "web-1" is invalid: status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas');
    const ok = h.update('replicasets.apps', { ...rs, status: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1 } }, 'default', 'status');
    expect(ok['status']).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 1 });
  });
});

describe('status.collisionCount', () => {
  it('may grow but never shrink or go away in a status write, as apivalidation.IsDecremented refuses', () => {
    const h = harness();
    const d = h.create('deployments.apps', deployment('web'));
    const counted = h.update('deployments.apps', { ...d, status: { collisionCount: 2 } }, 'default', 'status');
    expect(counted['status']).toMatchObject({ collisionCount: 2 });
    expect(h.error(() => h.update('deployments.apps', { ...counted, status: { collisionCount: 1 } }, 'default', 'status')).message).toBe(
      'Deployment.apps "web" is invalid: status.collisionCount: Invalid value: 1: cannot be decremented',
    );
    expect(h.error(() => h.update('deployments.apps', { ...counted, status: { replicas: -1 } }, 'default', 'status')).message).toBe(
      'Deployment.apps "web" is invalid: [status.replicas: Invalid value: -1: must be greater than or equal to 0, status.collisionCount: Invalid value: 0: cannot be decremented]',
    );
    expect(h.update('deployments.apps', { ...counted, status: { collisionCount: 3 } }, 'default', 'status')['status']).toMatchObject({ collisionCount: 3 });
  });

  it('holds for StatefulSets and DaemonSets too', () => {
    const h = harness();
    const sts = h.create('statefulsets.apps', { ...deployment('db', { serviceName: 'db' }), kind: 'StatefulSet' });
    const s1 = h.update('statefulsets.apps', { ...sts, status: { replicas: 0, collisionCount: 1 } }, 'default', 'status');
    expect(h.error(() => h.update('statefulsets.apps', { ...s1, status: { replicas: 0, collisionCount: 0 } }, 'default', 'status')).message).toBe(
      'StatefulSet.apps "db" is invalid: status.collisionCount: Invalid value: 0: cannot be decremented',
    );
    const ds = h.create('daemonsets.apps', { ...deployment('agent'), kind: 'DaemonSet' });
    const d1 = h.update('daemonsets.apps', { ...ds, status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, collisionCount: 4 } }, 'default', 'status');
    expect(h.error(() => h.update('daemonsets.apps', { ...d1, status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 } }, 'default', 'status')).message).toBe(
      'DaemonSet.apps "agent" is invalid: status.collisionCount: Invalid value: 0: cannot be decremented',
    );
  });
});

describe('status writes of StatefulSets and DaemonSets', () => {
  const kind = (k: string) => (obj: Record<string, unknown>) => ({ ...obj, apiVersion: 'apps/v1', kind: k });

  it('validate the counts as ValidateStatefulSetStatus and validateDaemonSetStatus word them', () => {
    const h = harness();
    const sts = h.create('statefulsets.apps', kind('StatefulSet')(deployment('db', { serviceName: 'db' })));
    const e = h.error(() => h.update('statefulsets.apps', { ...sts, status: { replicas: 2, readyReplicas: 1, currentReplicas: 3, availableReplicas: 2 } }, 'default', 'status'));
    expect(e.message).toBe(
      'StatefulSet.apps "db" is invalid: [status.currentReplicas: Invalid value: 3: cannot be greater than status.replicas, status.availableReplicas: Invalid value: 2: cannot be greater than status.readyReplicas]',
    );
    const ds = h.create('daemonsets.apps', kind('DaemonSet')(deployment('agent')));
    const d = h.error(() => h.update('daemonsets.apps', { ...ds, status: { currentNumberScheduled: 1, desiredNumberScheduled: 1, numberMisscheduled: 0, numberReady: -1 } }, 'default', 'status'));
    expect(d.message).toBe('DaemonSet.apps "agent" is invalid: status.numberReady: Invalid value: -1: must be greater than or equal to 0');
  });
});
