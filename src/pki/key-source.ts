/**
 * Where bootstrap keys come from: the committed pool, in an order fixed by a seeded Rng. A cluster
 * draws each key at most once until the pool runs out (then it starts over, in a new order), so
 * two certificates of one cluster never share a key, and the same seed always gives the same keys.
 */
import type { Rng } from '../util/rng.js';
import { EC_P256_POOL, RSA_2048_POOL } from './key-pool.data.js';
import { PrivateKey } from './keys.js';

class PoolDraw {
  private order: number[] = [];

  constructor(
    private readonly pool: readonly string[],
    private readonly rng: Rng,
  ) {}

  next(): string {
    if (this.order.length === 0) this.order = shuffled(this.pool.length, this.rng);
    return this.pool[this.order.pop()!]!;
  }
}

function shuffled(n: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export class KeySource {
  private readonly rsaDraw: PoolDraw;
  private readonly ecDraw: PoolDraw;

  constructor(rng: Rng) {
    this.rsaDraw = new PoolDraw(RSA_2048_POOL, rng.fork('rsa-keys'));
    this.ecDraw = new PoolDraw(EC_P256_POOL, rng.fork('ec-keys'));
  }

  /** An RSA-2048 key, as kubeadm generates for every certificate and for sa.key. */
  rsa(): PrivateKey {
    return PrivateKey.fromTrustedDer('RSA PRIVATE KEY', Buffer.from(this.rsaDraw.next(), 'base64'));
  }

  /** A P-256 key, as the kubelet generates for its rotated client certificate. */
  ec(): PrivateKey {
    return PrivateKey.fromTrustedDer('EC PRIVATE KEY', Buffer.from(this.ecDraw.next(), 'base64'));
  }
}
