import { describe, expect, it } from 'vitest';
import { harness, pod } from './helpers.js';

describe('Pod strategy', () => {
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
});
