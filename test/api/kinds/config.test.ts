import { describe, expect, it } from 'vitest';
import { harness, has, kubectlClientObject } from './helpers.js';

const cm = (name: string, data: Record<string, string>, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data, ...extra });
const secret = (name: string, extra: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...extra });

describe('ConfigMap', () => {
  it('rejects keys that are not config keys', () => {
    const h = harness();
    expect(h.error(() => h.create('configmaps', cm('c', { 'bad key': 'x' }))).message).toBe(
      `ConfigMap "c" is invalid: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
  });

  it('freezes data once immutable', () => {
    const h = harness();
    h.create('configmaps', cm('c', { a: '1' }, { immutable: true }));
    expect(h.error(() => h.patch('configmaps', 'c', { data: { a: '2' } })).message).toBe('ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    expect(h.error(() => h.patch('configmaps', 'c', { immutable: false })).message).toBe('ConfigMap "c" is invalid: immutable: Forbidden: field is immutable when `immutable` is set');
  });
});

describe('Secret', () => {
  it.skipIf(!has('kubectl'))('stores what kubectl create secret generic sends with type Opaque (needs kubectl)', () => {
    const h = harness();
    const s = h.create('secrets', kubectlClientObject(['create', 'secret', 'generic', 's', '--from-literal=pw=x'])) as any;
    expect([s.type, s.data]).toEqual(['Opaque', { pw: 'eA==' }]);
  });

  it('merges stringData into base64 data and never stores stringData', () => {
    const h = harness();
    const s = h.create('secrets', secret('s', { data: { a: 'YQ==' }, stringData: { b: 'hello', a: 'z' } })) as any;
    expect(s.data).toEqual({ a: 'eg==', b: 'aGVsbG8=' });
    expect(s.stringData).toBeUndefined();
  });

  it('rejects data that is not base64 when decoding', () => {
    const h = harness();
    const e = h.error(() => h.create('secrets', secret('s', { data: { a: 'not base64!' } })));
    expect([e.code, e.message]).toEqual([400, 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3']);
  });

  it('requires the keys of typed secrets and keeps the type immutable', () => {
    const h = harness();
    expect(h.error(() => h.create('secrets', secret('tls', { type: 'kubernetes.io/tls', data: {} }))).message).toBe('Secret "tls" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]');
    h.create('secrets', secret('s', { data: {} }));
    expect(h.error(() => h.patch('secrets', 's', { type: 'kubernetes.io/basic-auth', data: { username: 'dQ==' } })).message).toBe('Secret "s" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
  });
});
