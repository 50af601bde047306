/**
 * kube-controller-manager's tokens controller: a Secret of type kubernetes.io/service-account-token
 * naming a ServiceAccount (annotation kubernetes.io/service-account.name) is filled with a legacy
 * token signed by --service-account-private-key-file, the cluster CA of --root-ca-file and the
 * namespace; a token Secret whose ServiceAccount is gone (or was recreated) is deleted.
 */
import type { WatchEvent } from '../api/store.js';
import { ApiError } from '../api/errors.js';
import { clone, type KObject, type Stored } from '../api/types.js';
import type { Reconciler } from '../cluster/runloop.js';
import { PrivateKey } from '../pki/keys.js';
import { issueToken, legacyClaims } from '../api/authn/serviceaccount-token.js';
import { controllerEnabled, type SecurityControllerDeps } from './security-context.js';

export const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';
export const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
export const SA_UID_ANNOTATION = 'kubernetes.io/service-account.uid';

const b64 = (s: string) => Buffer.from(s).toString('base64');

export class ServiceAccountTokenController implements Reconciler {
  readonly name = 'serviceaccount-token';
  readonly watches = ['secrets', 'serviceaccounts'];

  constructor(private readonly deps: SecurityControllerDeps) {}

  keysFor(e: WatchEvent): Iterable<string> {
    if (e.resource === 'secrets' && e.type !== 'DELETED' && e.object['type'] === SA_TOKEN_TYPE) return [`${e.object.metadata.namespace}/${e.object.metadata.name}`];
    if (e.resource === 'serviceaccounts') {
      const ns = e.object.metadata.namespace ?? '';
      return this.tokenSecrets(ns).filter((s) => s.metadata.annotations?.[SA_NAME_ANNOTATION] === e.object.metadata.name).map((s) => `${ns}/${s.metadata.name}`);
    }
    return [];
  }

  private tokenSecrets(namespace?: string): Stored[] {
    return this.deps.store().list('secrets', namespace).filter((s) => s['type'] === SA_TOKEN_TYPE);
  }

  resyncKeys(): Iterable<string> {
    return this.tokenSecrets().map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
  }

  reconcile(key: string): void {
    if (!controllerEnabled(this.deps, 'serviceaccount-token-controller', 'serviceaccount-token')) return;
    const keyPem = this.deps.readFlagFile('service-account-private-key-file');
    if (!keyPem) return;
    const [ns, name] = key.split('/') as [string, string];
    const secret = this.deps.store().get('secrets', ns, name);
    if (!secret || secret.metadata.deletionTimestamp || secret['type'] !== SA_TOKEN_TYPE) return;
    const client = this.deps.rootClient();
    const saName = secret.metadata.annotations?.[SA_NAME_ANNOTATION] ?? '';
    const sa = this.deps.store().get('serviceaccounts', ns, saName);
    const wantUid = secret.metadata.annotations?.[SA_UID_ANNOTATION];
    if (!sa || (wantUid && wantUid !== sa.metadata.uid)) {
      quietly(() => client.delete('secrets', ns, name));
      return;
    }
    const data = { ...((secret['data'] ?? {}) as Record<string, string>) };
    const caPem = this.deps.readFlagFile('root-ca-file') ?? '';
    let changed = false;
    if (caPem && data['ca.crt'] !== b64(caPem)) {
      data['ca.crt'] = b64(caPem);
      changed = true;
    }
    if (data['namespace'] !== b64(ns)) {
      data['namespace'] = b64(ns);
      changed = true;
    }
    if (!data['token']) {
      let key: PrivateKey;
      try {
        key = PrivateKey.fromPem(keyPem);
      } catch {
        return;
      }
      data['token'] = b64(issueToken(legacyClaims(ns, { name: saName, uid: sa.metadata.uid }, name), key));
      changed = true;
    }
    const annotations = { ...(secret.metadata.annotations ?? {}) };
    if (annotations[SA_UID_ANNOTATION] !== sa.metadata.uid) {
      annotations[SA_UID_ANNOTATION] = sa.metadata.uid;
      changed = true;
    }
    if (!changed) return;
    const next = clone(secret) as KObject;
    next['data'] = data;
    next.metadata.annotations = annotations;
    quietly(() => client.update('secrets', next));
  }
}

function quietly(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}
