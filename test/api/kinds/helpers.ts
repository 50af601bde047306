/** A server with every strategy and admission plugin, as a kubeadm v1.33 apiserver runs. */
import { execFileSync } from 'node:child_process';
import { load } from 'js-yaml';
import { ApiServer } from '../../../src/api/server.js';
import { ApiError } from '../../../src/api/errors.js';
import { SYSTEM_USERS } from '../../../src/api/auth.js';
import { KIND_STRATEGIES } from '../../../src/api/kinds/index.js';
import { ADMISSION_PLUGINS } from '../../../src/api/admission/index.js';
import { VirtualClock } from '../../../src/util/clock.js';
import { Rng } from '../../../src/util/rng.js';
import type { KObject, Stored } from '../../../src/api/types.js';

export const admin = SYSTEM_USERS.superAdmin;

export interface Harness {
  server: ApiServer;
  create(key: string, obj: Record<string, unknown>, ns?: string): Stored;
  update(key: string, obj: Record<string, unknown>, ns?: string, subresource?: string): Stored;
  patch(key: string, name: string, patch: unknown, ns?: string): Stored;
  get(key: string, name: string, ns?: string): Stored;
  error(fn: () => unknown): ApiError;
}

/** A fresh server with namespaces default and kube-system and their default service accounts. */
export function harness(opts: { admission?: boolean; plugins?: string[] } = {}): Harness {
  const server = new ApiServer({
    clock: new VirtualClock('2026-01-01T00:00:00Z'),
    rng: new Rng(42),
    strategies: KIND_STRATEGIES,
    admission: opts.admission === false ? {} : ADMISSION_PLUGINS,
    config: opts.plugins ? { admissionPlugins: opts.plugins } : undefined,
  });
  const h: Harness = {
    server,
    create: (key, obj, ns = 'default') => server.create(admin, key, ns, obj as unknown as KObject),
    update: (key, obj, ns = 'default', subresource) => server.update(admin, key, ns, obj as unknown as KObject, { subresource }),
    patch: (key, name, patch, ns = 'default') => server.patch(admin, key, ns, name, 'merge', patch),
    get: (key, name, ns = 'default') => server.get(admin, key, ns, name),
    error(fn) {
      try {
        fn();
      } catch (e) {
        if (e instanceof ApiError) return e;
        throw e;
      }
      throw new Error('expected an ApiError');
    },
  };
  for (const ns of ['default', 'kube-system']) {
    h.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, '');
    h.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }, ns);
  }
  return h;
}

export const pod = (name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec });

/** Is a binary on PATH? (kubectl is the oracle for client-side shapes.) */
export function has(bin: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** What `kubectl <args> --dry-run=client -o yaml` would send to the apiserver. */
export function kubectlClientObject(args: string[]): Record<string, unknown> {
  const out = execFileSync('kubectl', [...args, '--dry-run=client', '-o', 'yaml'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return load(out) as Record<string, unknown>;
}

/** A minimal Deployment manifest. */
export const deployment = (name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = { app: name }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    ...spec,
  },
});
