import { it, expect } from 'vitest';
import { harness } from './helpers.js';
it('smoke', () => {
  const h = harness({ admission: false });
  const d = h.create('deployments.apps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } } } });
  console.log(JSON.stringify(d, null, 1));
  const e = h.error(() => h.create('deployments.apps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web2' }, spec: { template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } }));
  console.log(e.message);
  const s = h.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  console.log(JSON.stringify(s.spec));
  console.log(h.error(() => h.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] } })).message);
  const j = h.create('jobs.batch', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } } });
  console.log(JSON.stringify(j, null, 1));
  console.log(h.error(() => h.create('jobs.batch', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi2' }, spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } } })).message);
  console.log(h.error(() => h.create('cronjobs.batch', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'pi', image: 'perl' }] } } } } } })).message);
});
