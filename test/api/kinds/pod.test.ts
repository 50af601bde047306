import { describe, expect, it } from 'vitest';
import { harness, pod } from './helpers.js';

const c = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'nginx:1.25', ...extra });

describe('Pod defaults', () => {
  it('fills the defaults a v1.33 apiserver shows in kubectl get -o yaml', () => {
    const h = harness({ admission: false });
    const p = h.create('pods', pod('nginx', { containers: [{ name: 'nginx', image: 'nginx' }] })) as any;
    expect(p.spec).toEqual({
      containers: [{ name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('pulls :latest and untagged images Always, tagged or digested ones IfNotPresent', () => {
    const h = harness({ admission: false });
    const images = ['nginx', 'nginx:latest', 'nginx:1.25', 'registry.k8s.io:5000/pause:3.10', 'nginx@sha256:' + 'a'.repeat(64)];
    const p = h.create('pods', pod('p', { containers: images.map((image, i) => ({ name: `c${i}`, image })) })) as any;
    expect(p.spec.containers.map((x: any) => x.imagePullPolicy)).toEqual(['Always', 'Always', 'IfNotPresent', 'IfNotPresent', 'IfNotPresent']);
  });

  it('defaults probes, ports, env field references and volume sources', () => {
    const h = harness({ admission: false });
    const p = h.create(
      'pods',
      pod('p', {
        containers: [
          c({
            ports: [{ containerPort: 80 }],
            livenessProbe: { httpGet: { port: 80 } },
            readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }],
          }),
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'sec', secret: { secretName: 's' } }, { name: 'host', hostPath: { path: '/data' } }, { name: 'tmp' }],
      }),
    ) as any;
    const ct = p.spec.containers[0];
    expect(ct.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(ct.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(ct.readinessProbe.periodSeconds).toBe(5);
    expect(ct.env[0].valueFrom.fieldRef).toEqual({ apiVersion: 'v1', fieldPath: 'spec.nodeName' });
    expect(ct.env[1].valueFrom.resourceFieldRef).toEqual({ resource: 'limits.cpu', divisor: '0' });
    expect(p.spec.volumes).toEqual([
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 's', defaultMode: 420 } },
      { name: 'host', hostPath: { path: '/data', type: '' } },
      { name: 'tmp', emptyDir: {} },
    ]);
  });

  it('copies limits into missing requests and stores quantities canonically', () => {
    const h = harness({ admission: false });
    const p = h.create('pods', pod('p', { containers: [c({ resources: { limits: { cpu: 0.5, memory: '1Gi' }, requests: { cpu: '250m' } } })] })) as any;
    expect(p.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '250m', memory: '1Gi' } });
    expect(p.status.qosClass).toBe('Burstable');
  });

  it('computes the QoS class from requests and limits', () => {
    const h = harness({ admission: false });
    const guaranteed = h.create('pods', pod('g', { containers: [c({ resources: { limits: { cpu: '1', memory: '1Gi' } } })] })) as any;
    const burstable = h.create('pods', pod('b', { containers: [c({ resources: { requests: { memory: '64Mi' } } })] })) as any;
    expect([guaranteed.status.qosClass, burstable.status.qosClass]).toEqual(['Guaranteed', 'Burstable']);
  });

  it('counts only positive requests and limits toward the QoS class, however often a quantity recurs', () => {
    const h = harness({ admission: false });
    const qos = (name: string, resources: object) => (h.create('pods', pod(name, { containers: [c({ resources })] })) as any).status.qosClass;
    expect(qos('z1', { requests: { cpu: '0', memory: '0' } })).toBe('BestEffort');
    expect(qos('g1', { limits: { cpu: '100m', memory: '64Mi' } })).toBe('Guaranteed');
    expect(qos('z2', { requests: { cpu: '0' } })).toBe('BestEffort');
    expect(qos('g2', { limits: { cpu: '100m', memory: '64Mi' }, requests: { cpu: '100m', memory: '64Mi' } })).toBe('Guaranteed');
    expect(qos('b1', { limits: { cpu: '100m', memory: '64Mi' }, requests: { cpu: '50m', memory: '64Mi' } })).toBe('Burstable');
  });

  it('keeps serviceAccount and serviceAccountName in step as the v1 conversion does', () => {
    const h = harness({ admission: false });
    const p = h.create('pods', pod('p', { serviceAccount: 'builder', containers: [c()] })) as any;
    expect([p.spec.serviceAccountName, p.spec.serviceAccount]).toEqual(['builder', 'builder']);
  });
});

describe('Pod validation', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a missing image', { containers: [{ name: 'app' }] }, 'Pod "p" is invalid: spec.containers[0].image: Required value'],
    [
      'an invalid container name',
      { containers: [{ name: 'My_App', image: 'nginx' }] },
      `Pod "p" is invalid: spec.containers[0].name: Invalid value: "My_App": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
    ['a container name with dots', { containers: [{ name: 'my.app', image: 'nginx' }] }, 'Pod "p" is invalid: spec.containers[0].name: Invalid value: "my.app": must not contain dots'],
    ['duplicate container names', { containers: [c(), c()] }, 'Pod "p" is invalid: spec.containers[1].name: Duplicate value: "app"'],
    [
      'duplicate port names',
      { containers: [c({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] },
      'Pod "p" is invalid: spec.containers[0].ports[1].name: Duplicate value: "http"',
    ],
    ['an unknown restartPolicy', { restartPolicy: 'Sometimes', containers: [c()] }, 'Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ['a mount of an undeclared volume', { containers: [c({ volumeMounts: [{ name: 'x', mountPath: '/x' }] })] }, 'Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "x"'],
    [
      'requests above limits',
      { containers: [c({ resources: { requests: { cpu: '1' }, limits: { cpu: '500m' } } })] },
      'Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
    ],
    ['a port out of range', { containers: [c({ ports: [{ containerPort: 70000 }] })] }, 'Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['no containers', { containers: [] }, 'Pod "p" is invalid: spec.containers: Required value'],
    [
      'a toleration with seconds but no NoExecute effect',
      { containers: [c()], tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] },
      `Pod "p" is invalid: spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when \`tolerationSeconds\` is set`,
    ],
  ];
  for (const [what, spec, message] of cases) {
    it(`rejects ${what}`, () => {
      const h = harness({ admission: false });
      const e = h.error(() => h.create('pods', pod('p', spec)));
      expect([e.code, e.reason, e.message]).toEqual([422, 'Invalid', message]);
    });
  }

  it('still rejects a spec that differs from an accepted one only in names the apiserver generates', () => {
    // Accepted specs are remembered with their generated token-volume names left out: a spec
    // whose two such volumes share a name must not pass for one whose names differ.
    const h = harness({ admission: false });
    const vol = (name: string) => ({ name, emptyDir: {} });
    h.create('pods', pod('ok', { containers: [c()], volumes: [vol('kube-api-access-bcdfg'), vol('kube-api-access-hjklm')] }));
    const e = h.error(() => h.create('pods', pod('dup', { containers: [c()], volumes: [vol('kube-api-access-bcdfg'), vol('kube-api-access-bcdfg')] })));
    expect(e.message).toBe('Pod "dup" is invalid: spec.volumes[1].name: Duplicate value: "kube-api-access-bcdfg"');
    const again = h.error(() => h.create('pods', pod('p', { containers: [c({ volumeMounts: [{ name: 'kube-api-access-zzzzz', mountPath: '/x' }] })], volumes: [vol('kube-api-access-bcdfg')] })));
    expect(again.message).toBe('Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "kube-api-access-zzzzz"');
  });

  it('checks anew a spec that differs from an accepted one anywhere but in generated names', () => {
    const h = harness({ admission: false });
    const vol = (name: string) => ({ name, emptyDir: {} });
    const spec = (name: string, extra: Record<string, unknown> = {}) => ({ containers: [c({ volumeMounts: [{ name, mountPath: '/x' }] })], volumes: [vol(name)], activeDeadlineSeconds: 30, ...extra });
    h.create('pods', pod('a', spec('kube-api-access-bcdfg')));
    h.create('pods', pod('b', spec('kube-api-access-hjklm')));
    expect(h.error(() => h.create('pods', pod('c', spec('kube-api-access-hjklm', { activeDeadlineSeconds: -1 })))).message).toBe(
      'Pod "c" is invalid: spec.activeDeadlineSeconds: Invalid value: -1: must be between 1 and 2147483647, inclusive',
    );
    expect(h.error(() => h.create('pods', pod('d', spec('kube-api-access-hjklm', { restartPolicy: 'x' })))).message).toBe(
      'Pod "d" is invalid: spec.restartPolicy: Unsupported value: "x": supported values: "Always", "OnFailure", "Never"',
    );
  });

  it('joins several causes in brackets, in the apiserver order', () => {
    const h = harness({ admission: false });
    const e = h.error(() => h.create('pods', pod('p', { restartPolicy: 'x', containers: [{ name: 'A' }] })));
    expect(e.message).toMatch(/^Pod "p" is invalid: \[spec\.containers\[0\]\.name: Invalid value: "A": .*, spec\.containers\[0\]\.image: Required value, spec\.restartPolicy: Unsupported value: "x": supported values: "Always", "OnFailure", "Never"\]$/);
    expect(e.details?.causes?.map((x) => x.field)).toEqual(['spec.containers[0].name', 'spec.containers[0].image', 'spec.restartPolicy']);
  });

  it('answers an unparsable quantity with the decoder BadRequest', () => {
    const h = harness({ admission: false });
    const e = h.error(() => h.create('pods', pod('p', { containers: [c({ resources: { limits: { memory: '1GB' } } })] })));
    expect([e.code, e.message]).toEqual([400, `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`]);
  });

  it("answers an unparsable quantity anywhere in any container's resources alike: requests after good limits, init containers", () => {
    const h = harness({ admission: false });
    const bad = [
      { containers: [c({ resources: { limits: { cpu: '1' }, requests: { cpu: '100m', memory: '1GB' } } })] },
      { initContainers: [c({ name: 'init', resources: { requests: { memory: 'lots' } } })], containers: [c()] },
      { initContainers: [c({ name: 'init' })], containers: [c(), c({ name: 'b', resources: { limits: { memory: '1Gi', cpu: 'x' } } })] },
    ];
    for (const spec of bad) {
      const e = h.error(() => h.create('pods', pod('p', spec)));
      expect([e.code, e.message]).toEqual([400, `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`]);
    }
  });

  it('gives init and app containers their limits as requests where they name none, canonicalized', () => {
    const h = harness({ admission: false });
    const limits = { cpu: '0.5', memory: '1Gi' };
    const p = h.create('pods', pod('p', { initContainers: [c({ name: 'init', resources: { limits } })], containers: [c({ resources: { limits, requests: { cpu: '100m' } } })] })) as any;
    expect(p.spec.initContainers[0].resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
    expect(p.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '100m', memory: '1Gi' } });
  });
});

describe('Pod updates', () => {
  it('allows an image change and additions to tolerations', () => {
    const h = harness({ admission: false });
    h.create('pods', pod('p', { containers: [c()] }));
    const updated = h.patch('pods', 'p', { spec: { containers: [c({ image: 'nginx:1.27' })], tolerations: [{ key: 'a', operator: 'Exists' }] } }) as any;
    expect(updated.spec.containers[0].image).toBe('nginx:1.27');
    expect(updated.spec.tolerations).toHaveLength(1);
  });

  it('forbids other spec changes with the field list and a go-cmp diff', () => {
    const h = harness({ admission: false });
    h.create('pods', pod('p', { containers: [c({ resources: { limits: { cpu: '500m' } } })] }));
    const e = h.error(() => h.patch('pods', 'p', { spec: { containers: [c({ resources: { limits: { cpu: '1' } } })] } }));
    const [head, ...diff] = e.message.split('\n');
    expect(head).toBe(
      'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(diff[0]).toBe('  core.PodSpec{');
    expect(diff).toContain('- \t\t\t\t\t"cpu": "500m",');
    expect(diff).toContain('+ \t\t\t\t\t"cpu": "1",');
  });

  it('forbids adding or removing containers before anything else', () => {
    const h = harness({ admission: false });
    h.create('pods', pod('p', { containers: [c()] }));
    const e = h.error(() => h.patch('pods', 'p', { spec: { containers: [c(), c({ name: 'two' })] } }));
    expect(e.message).toBe('Pod "p" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
  });

  it('ignores status on the main resource and takes it through /status', () => {
    const h = harness({ admission: false });
    const p = h.create('pods', pod('p', { containers: [c()] })) as any;
    h.update('pods', { ...p, status: { phase: 'Running' } });
    expect((h.get('pods', 'p') as any).status.phase).toBe('Pending');
    h.update('pods', { ...p, metadata: { name: 'p' }, status: { phase: 'Running', qosClass: 'BestEffort', podIP: '10.244.1.5' } }, 'default', 'status');
    expect((h.get('pods', 'p') as any).status).toEqual({ phase: 'Running', qosClass: 'BestEffort', podIP: '10.244.1.5' });
  });

  it('keeps the QoS class immutable through /status', () => {
    const h = harness({ admission: false });
    const p = h.create('pods', pod('p', { containers: [c()] })) as any;
    const e = h.error(() => h.update('pods', { ...p, status: { phase: 'Running', qosClass: 'Guaranteed' } }, 'default', 'status'));
    expect(e.message).toBe('Pod "p" is invalid: status.qosClass: Invalid value: "Guaranteed": field is immutable');
  });

  it('binds a pod once through /binding', () => {
    const h = harness({ admission: false });
    const p = h.create('pods', pod('p', { containers: [c()] })) as any;
    h.update('pods', { ...p, spec: { ...p.spec, nodeName: 'node01' } }, 'default', 'binding');
    const bound = h.get('pods', 'p') as any;
    expect(bound.spec.nodeName).toBe('node01');
    const e = h.error(() => h.update('pods', { ...bound, spec: { ...bound.spec, nodeName: 'node02' } }, 'default', 'binding'));
    expect([e.code, e.message]).toEqual([409, 'Operation cannot be fulfilled on pods "p": pod p is already assigned to node "node01"']);
  });
});

describe('Pod field selectors', () => {
  it('selects by node, phase and restart policy', () => {
    const h = harness({ admission: false });
    h.create('pods', pod('a', { nodeName: 'node01', containers: [c()] }));
    h.create('pods', pod('b', { restartPolicy: 'Never', containers: [c()] }));
    const names = (sel: string) => h.server.list({ username: 'x', groups: ['system:masters'] }, 'pods', 'default', { fieldSelector: sel }).items.map((o) => o.metadata.name);
    expect(names('spec.nodeName=node01')).toEqual(['a']);
    expect(names('spec.nodeName=')).toEqual(['b']);
    expect(names('status.phase=Pending,spec.restartPolicy=Never')).toEqual(['b']);
    expect(names('spec.hostNetwork=false')).toEqual(['a', 'b']);
  });
});

describe('Pod status writes', () => {
  it('backfills a qosClass that a kubelet status write leaves out', () => {
    const h = harness({ admission: false });
    const p = h.create('pods', pod('p', { containers: [{ name: 'app', image: 'nginx' }] })) as any;
    h.update('pods', { ...p, status: { phase: 'Running' } }, 'default', 'status');
    expect((h.get('pods', 'p') as any).status).toEqual({ phase: 'Running', qosClass: 'BestEffort' });
  });
});
