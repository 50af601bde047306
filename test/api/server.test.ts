import { describe, expect, it } from 'vitest';
import { ApiServer } from '../../src/api/server.js';
import { ApiError } from '../../src/api/errors.js';
import { SYSTEM_USERS } from '../../src/api/auth.js';
import { VirtualClock } from '../../src/util/clock.js';
import { Rng } from '../../src/util/rng.js';
import { ApiClient } from '../../src/api/client.js';
import { EventRecorder } from '../../src/api/events.js';
import type { AdmissionRequest } from '../../src/api/admission.js';

const admin = SYSTEM_USERS.superAdmin;

function server() {
  return new ApiServer({ clock: new VirtualClock('2026-01-01T00:00:00Z'), rng: new Rng(7) });
}

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const cm = (name: string, data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

describe('ApiServer', () => {
  it('stamps uid, creationTimestamp and a resourceVersion on create', () => {
    const s = server();
    const obj = s.create(admin, 'configmaps', 'default', cm('a'));
    expect(obj.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(obj.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(obj.metadata.namespace).toBe('default');
    expect(Number(obj.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  it('checks the labels a write carries over from the stored object as any others: bad ones stored behind its back fail every write', () => {
    const s = server();
    const stored = s.create(admin, 'configmaps', 'default', { ...cm('a'), metadata: { name: 'a', labels: { app: 'web' } } });
    expect(s.update(admin, 'configmaps', 'default', { ...stored, data: { k: 'v' } }).metadata.labels).toEqual({ app: 'web' });
    // As etcdctl put would: an object the apiserver never validated.
    s.store.update('configmaps', { ...stored, metadata: { ...stored.metadata, labels: { 'bad key!': 'x' } } });
    for (const data of [{ k: '1' }, { k: '2' }]) {
      const e = errorOf(() => s.update(admin, 'configmaps', 'default', { ...s.store.get('configmaps', 'default', 'a')!, data }));
      expect(e.message).toMatch(/^ConfigMap "a" is invalid: metadata\.labels: Invalid value: "bad key!": /);
    }
  });

  it('answers a duplicate create with the apiserver AlreadyExists message', () => {
    const s = server();
    s.create(admin, 'configmaps', 'default', cm('a'));
    const e = errorOf(() => s.create(admin, 'configmaps', 'default', cm('a')));
    expect([e.code, e.reason, e.message]).toEqual([409, 'AlreadyExists', 'configmaps "a" already exists']);
  });

  it('rejects an update carrying a stale resourceVersion with 409 Conflict', () => {
    const s = server();
    const first = s.create(admin, 'configmaps', 'default', cm('a'));
    s.update(admin, 'configmaps', 'default', { ...cm('a', { k: '1' }), metadata: { name: 'a', resourceVersion: first.metadata.resourceVersion } });
    const e = errorOf(() => s.update(admin, 'configmaps', 'default', { ...cm('a', { k: '2' }), metadata: { name: 'a', resourceVersion: first.metadata.resourceVersion } }));
    expect(e.message).toBe('Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('names the group in NotFound for grouped resources', () => {
    const e = errorOf(() => server().get(admin, 'deployments.apps', 'default', 'web'));
    expect(e.message).toBe('deployments.apps "web" not found');
  });

  it('keeps an object with finalizers until the last one is removed', () => {
    const s = server();
    s.create(admin, 'configmaps', 'default', { ...cm('a'), metadata: { name: 'a', finalizers: ['example.com/hold'] } });
    const marked = s.delete(admin, 'configmaps', 'default', 'a');
    expect(marked.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(s.store.get('configmaps', 'default', 'a')).toBeDefined();
    s.patch(admin, 'configmaps', 'default', 'a', 'merge', { metadata: { finalizers: null } });
    expect(s.store.get('configmaps', 'default', 'a')).toBeUndefined();
  });

  it('filters lists by label selector and rejects unsupported field selectors', () => {
    const s = server();
    s.create(admin, 'configmaps', 'default', { ...cm('a'), metadata: { name: 'a', labels: { app: 'web' } } });
    s.create(admin, 'configmaps', 'default', { ...cm('b'), metadata: { name: 'b', labels: { app: 'db' } } });
    expect(s.list(admin, 'configmaps', 'default', { labelSelector: 'app in (web)' }).items.map((o) => o.metadata.name)).toEqual(['a']);
    const e = errorOf(() => s.list(admin, 'configmaps', 'default', { fieldSelector: 'spec.foo=bar' }));
    expect(e.message).toContain('field label not supported: spec.foo');
  });

  it('reports an invalid name with the apimachinery wording', () => {
    const e = errorOf(() => server().create(admin, 'configmaps', 'default', cm('Bad_Name')));
    expect(e.reason).toBe('Invalid');
    expect(e.message).toContain('ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain');
  });

  it('gives each admission phase the name the object has by then: validation sees a mutating plugin\'s rename', () => {
    const seen: string[] = [];
    const rename = {
      name: 'Rename',
      mutate: (req: AdmissionRequest) => {
        seen.push(`mutate ${req.name}`);
        req.object!.metadata.name = 'renamed';
      },
      validate: (req: AdmissionRequest) => void seen.push(`validate ${req.name}`),
    };
    const s = new ApiServer({ clock: new VirtualClock('2026-01-01T00:00:00Z'), rng: new Rng(7), admission: { rename }, config: { admissionPlugins: ['Rename'] } });
    expect(s.create(admin, 'configmaps', 'default', cm('a')).metadata.name).toBe('renamed');
    expect(seen).toEqual(['mutate a', 'validate renamed']);
  });

  it("stores an in-process owned body's frozen metadata as a copy and leaves a caller's body untouched", () => {
    const s = server();
    const client = new ApiClient(s, admin);
    const metadata = Object.freeze({ name: 'a', namespace: 'default' });
    const stored = client.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: {} }, { owned: true });
    expect(stored.metadata).not.toBe(metadata);
    expect(stored.metadata.uid).toBeTruthy();
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' }, data: {} };
    client.create('configmaps', body);
    expect(body.metadata).toEqual({ name: 'b' });
  });

  it("rejects a user's invalid Event as before, while the event recorder's same event is dropped silently", () => {
    const s = server();
    const client = new ApiClient(s, admin);
    const pod = client.create('configmaps', cm('x'.repeat(240)));
    new EventRecorder(client, { component: 'kubelet' }).record(pod, 'Normal', 'Pulled', 'pulled');
    expect(s.store.count('events')).toBe(0);
    const event = { apiVersion: 'v1', kind: 'Event', metadata: { name: `${'x'.repeat(240)}.188ba5ea0c25e9c0` }, involvedObject: { kind: 'ConfigMap', name: 'x', namespace: 'default' }, reason: 'Pulled', message: 'pulled' };
    const e = errorOf(() => s.create(admin, 'events', 'default', event));
    expect(e.code).toBe(422);
    expect(e.message).toBe(`Event "${event.metadata.name}" is invalid: metadata.name: Invalid value: "${event.metadata.name}": must be no more than 253 characters`);
  });
});
