import { describe, expect, it } from 'vitest';
import { harness } from './helpers.js';

describe('PriorityClass', () => {
  const pc = (name: string, extra: Record<string, unknown>) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, ...extra });

  it('defaults preemptionPolicy and keeps value immutable', () => {
    const h = harness();
    expect((h.create('priorityclasses.scheduling.k8s.io', pc('high', { value: 1000 }), '') as any).preemptionPolicy).toBe('PreemptLowerPriority');
    expect(h.error(() => h.patch('priorityclasses.scheduling.k8s.io', 'high', { value: 2000 }, '')).message).toBe('PriorityClass.scheduling.k8s.io "high" is invalid: value: Forbidden: may not be changed in an update.');
  });

  it('reserves the system- prefix and caps user values', () => {
    const h = harness();
    expect(h.error(() => h.create('priorityclasses.scheduling.k8s.io', pc('huge', { value: 2000000000 }), '')).message).toBe(
      'PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    );
  });
});

describe('HorizontalPodAutoscaler', () => {
  const hpa = (spec: Record<string, unknown>) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec });
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

  it('defaults minReplicas, the 80% CPU metric and behavior rules', () => {
    const h = harness();
    const a = h.create('horizontalpodautoscalers.autoscaling', hpa({ scaleTargetRef: ref, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } })) as any;
    expect(a.spec.minReplicas).toBe(1);
    expect(a.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(a.spec.behavior).toEqual({
      scaleDown: { stabilizationWindowSeconds: 60, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }], selectPolicy: 'Max' },
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
    expect(a.status).toEqual({ desiredReplicas: 0 });
  });

  it('rejects a maximum below the minimum', () => {
    const h = harness();
    expect(h.error(() => h.create('horizontalpodautoscalers.autoscaling', hpa({ scaleTargetRef: ref, minReplicas: 3, maxReplicas: 2 }))).message).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    );
  });
});

describe('LimitRange and ResourceQuota', () => {
  it('fills Container defaults from max, and default requests from defaults', () => {
    const h = harness();
    const lr = h.create('limitranges', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', max: { cpu: '1', memory: '1024Mi' }, min: { cpu: 0.1 } }] } }) as any;
    expect(lr.spec.limits[0]).toEqual({ type: 'Container', max: { cpu: '1', memory: '1Gi' }, min: { cpu: '100m' }, default: { cpu: '1', memory: '1Gi' }, defaultRequest: { cpu: '1', memory: '1Gi' } });
  });

  it('reports inconsistent bounds', () => {
    const h = harness();
    const e = h.error(() => h.create('limitranges', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] } }));
    expect(e.message).toContain('spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1');
  });

  it('stores quota quantities canonically and validates resource names', () => {
    const h = harness();
    const q = h.create('resourcequotas', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'requests.cpu': 2, 'requests.memory': '2048Mi', pods: '10' } } }) as any;
    expect(q.spec.hard).toEqual({ 'requests.cpu': '2', 'requests.memory': '2Gi', pods: '10' });
    expect(h.error(() => h.create('resourcequotas', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'x' }, spec: { hard: { gpus: '1' } } })).message).toBe(
      'ResourceQuota "x" is invalid: [spec.hard[gpus]: Invalid value: "gpus": must be a standard resource type or fully qualified, spec.hard[gpus]: Invalid value: "gpus": must be a standard resource for quota]',
    );
  });
});

describe('CertificateSigningRequest', () => {
  const PEM = '-----BEGIN CERTIFICATE REQUEST-----\nMIIBAjCBqQIBADAQMQ4wDAYDVQQDDAVqYW5lMDBZMBMGByqGSM49AgEGCCqGSM49\n-----END CERTIFICATE REQUEST-----\n';
  const csr = (spec: Record<string, unknown>) => ({ apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'jane' }, spec });

  it('records the requestor and accepts a PEM request', () => {
    const h = harness();
    const c = h.server.create({ username: 'jane', uid: 'u-1', groups: ['developers', 'system:authenticated'] }, 'certificatesigningrequests.certificates.k8s.io', '', csr({
      request: Buffer.from(PEM).toString('base64'),
      signerName: 'kubernetes.io/kube-apiserver-client',
      usages: ['client auth'],
      username: 'admin',
    }) as any) as any;
    expect([c.spec.username, c.spec.uid, c.spec.groups]).toEqual(['jane', 'u-1', ['developers', 'system:authenticated']]);
    expect(c.status).toEqual({});
  });

  it('rejects a request that is not a PEM CSR, missing usages and a malformed signer', () => {
    const h = harness();
    const e = h.error(() => h.create('certificatesigningrequests.certificates.k8s.io', csr({ request: Buffer.from('hi').toString('base64'), signerName: 'example' }), ''));
    expect(e.message).toBe(
      "CertificateSigningRequest.certificates.k8s.io \"jane\" is invalid: [spec.request: Invalid value: []byte{0x68, 0x69}: PEM block type must be CERTIFICATE REQUEST, spec.usages: Required value, spec.signerName: Invalid value: \"example\": must be a fully qualified domain and path of the form 'example.com/signer-name']",
    );
  });

  it('changes only conditions through /approval', () => {
    const h = harness();
    const c = h.create('certificatesigningrequests.certificates.k8s.io', csr({ request: Buffer.from(PEM).toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'] }), '') as any;
    const approved = h.update('certificatesigningrequests.certificates.k8s.io', { ...c, spec: { ...c.spec, usages: ['server auth'] }, status: { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove' }] } }, '', 'approval') as any;
    expect(approved.spec.usages).toEqual(['client auth']);
    expect(approved.status.conditions[0].type).toBe('Approved');
  });
});

describe('Events, Endpoints and PodDisruptionBudgets', () => {
  it('serializes the Event fields core/v1 always carries', () => {
    const h = harness();
    const ev = h.create('events', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'Scheduled', type: 'Normal' }) as any;
    expect([ev.eventTime, ev.reportingComponent, ev.reportingInstance]).toEqual([null, '', '']);
  });

  it('requires addresses in Endpoints subsets', () => {
    const h = harness();
    expect(h.error(() => h.create('endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [{ ports: [{ port: 80 }] }] })).message).toBe(
      'Endpoints "web" is invalid: subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
    );
  });

  it('fills PDB status counters and refuses both bounds', () => {
    const h = harness();
    const pdb = h.create('poddisruptionbudgets.policy', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } }) as any;
    expect(pdb.status).toEqual({ currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });
    const e = h.error(() => h.create('poddisruptionbudgets.policy', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'q' }, spec: { minAvailable: 1, maxUnavailable: 1 } }));
    expect(e.message).toContain('minAvailable and maxUnavailable cannot be both set');
  });
});
