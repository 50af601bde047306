/** Key generation for genrsa, genpkey and `req -newkey`, with OpenSSL's progress dots. */
import { type PrivateKey, generateEcKey, generateRsaKey } from '../keys.js';
import type { OpensslEnv } from './env.js';

/** A fresh RSA key; with a KeySource in the deps, 2048-bit keys come from the pool instead. */
export function newRsaKey(env: OpensslEnv, bits: number): PrivateKey {
  if (bits === 2048 && env.deps.keys) return env.deps.keys.rsa();
  return generateRsaKey(bits);
}

export function newEcKey(env: OpensslEnv, curve: string): PrivateKey {
  if (curve === 'prime256v1' && env.deps.keys) return env.deps.keys.ec();
  return generateEcKey(curve);
}

/**
 * The prime-search progress OpenSSL 3 prints while generating an RSA key: '.' per candidate,
 * '+' per Miller-Rabin round passed, '*' when a prime is found; one line per prime.
 */
export function progressDots(env: OpensslEnv): string {
  const line = () => {
    let s = '';
    for (let p = 0; p < 2; p++) {
      s += randomRun(env, 2 + env.rng.int(30));
      s += '+'.repeat(64) + '*';
    }
    return s + randomRun(env, 20 + env.rng.int(200)) + '+'.repeat(64);
  };
  return `${line()}\n${line()}\n`;
}

function randomRun(env: OpensslEnv, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += env.rng.int(3) === 0 ? '+' : '.';
  return s.replace(/^\++/, '.');
}

const CURVE_ALIASES: Record<string, string> = {
  'P-256': 'prime256v1',
  prime256v1: 'prime256v1',
  secp256r1: 'prime256v1',
  'P-384': 'secp384r1',
  secp384r1: 'secp384r1',
  'P-521': 'secp521r1',
  secp521r1: 'secp521r1',
};

export function curveName(name: string): string | undefined {
  return CURVE_ALIASES[name];
}
