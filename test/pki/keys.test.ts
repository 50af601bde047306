import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeySource } from '../../src/pki/key-source.js';
import { PrivateKey, generateEcKey } from '../../src/pki/keys.js';
import { RSA_2048_POOL, EC_P256_POOL } from '../../src/pki/key-pool.data.js';
import { Rng } from '../../src/util/rng.js';

describe('the bootstrap key pool', () => {
  it('holds at least 40 RSA-2048 keys and some P-256 keys', () => {
    expect(RSA_2048_POOL.length).toBeGreaterThanOrEqual(40);
    expect(EC_P256_POOL.length).toBeGreaterThan(0);
  });

  it('gives the same keys for the same seed and different ones for another seed', () => {
    const a = new KeySource(new Rng(1));
    const b = new KeySource(new Rng(1));
    const c = new KeySource(new Rng(2));
    const pa = a.rsa().toTraditionalPem();
    expect(b.rsa().toTraditionalPem()).toBe(pa);
    expect(c.rsa().toTraditionalPem()).not.toBe(pa);
  });

  it('never repeats a key until the pool is exhausted', () => {
    const ks = new KeySource(new Rng(9));
    const seen = new Set(Array.from({ length: RSA_2048_POOL.length }, () => ks.rsa().publicKey.pem));
    expect(seen.size).toBe(RSA_2048_POOL.length);
  });

  it('slices the same public keys out of the pool DER that node\'s crypto derives', () => {
    const ks = new KeySource(new Rng(5));
    for (const key of [ks.rsa(), ks.ec()]) {
      const derived = createPublicKey(key.keyObject).export({ type: 'spki', format: 'der' });
      expect(key.publicKey.spkiDer.equals(derived)).toBe(true);
    }
  });

  it('draws RSA-2048 and P-256 keys', () => {
    const ks = new KeySource(new Rng(4));
    expect(ks.rsa().bits).toBe(2048);
    const ec = ks.ec();
    expect(ec.algorithm).toBe('ec');
    expect(ec.publicKey.curve()?.nist).toBe('P-256');
  });
});

describe('PrivateKey', () => {
  const key = new KeySource(new Rng(3)).rsa();

  it('writes PKCS#1 as kubeadm does and PKCS#8 as OpenSSL 3 does, and reads both back', () => {
    const traditional = key.toTraditionalPem();
    const pkcs8 = key.toPkcs8Pem();
    expect(traditional).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(pkcs8).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(PrivateKey.fromPem(traditional).matches(key.publicKey)).toBe(true);
    expect(PrivateKey.fromPem(pkcs8).matches(key.publicKey)).toBe(true);
  });

  it('writes EC keys in SEC1 form', () => {
    expect(generateEcKey().toTraditionalPem()).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
  });

  it('computes the RFC 5280 key identifier (SHA-1 of the public key bits)', () => {
    expect(key.publicKey.keyId()).toHaveLength(20);
  });

  it('refuses a certificate where a key is expected', () => {
    expect(() => PrivateKey.fromPem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')).toThrow();
  });
});
