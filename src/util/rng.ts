/**
 * Seeded randomness (house rule 8): generated name suffixes, uids and IP picks must repeat
 * exactly for the same seed so that a transcript always yields the same cluster.
 */
export class Rng {
  private state: number;

  constructor(seed = 1) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** mulberry32: small, fast, good enough for a simulation. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  string(length: number, alphabet: string): string {
    // Joined, not concatenated a character at a time: the result is one flat string, where `+=`
    // leaves a chain of a node per character that lives as long as the uid or id it became.
    const chars = new Array<string>(length);
    for (let i = 0; i < length; i++) chars[i] = alphabet[this.int(alphabet.length)]!;
    return chars.join('');
  }

  /** A random (v4-shaped) UUID from this stream. */
  uuid(): string {
    // The same draws as string(32, hex) then int(4), without intermediate strings or arrays
    // (every object, event and container has a uid): next() inlined on a local state, and
    // int(2^k) as the top k bits of the draw, which is what floor(draw / 2^32 * 2^k) is.
    const d = UUID_DIGITS;
    let s = this.state;
    for (let i = 0; i < 32; i++) {
      s = (s + 0x6d2b79f5) >>> 0;
      d[i] = mulberry32Output(s) >>> 28;
    }
    s = (s + 0x6d2b79f5) >>> 0;
    this.state = s;
    d[12] = 4;
    d[16] = 8 + (mulberry32Output(s) >>> 30);
    const codes = UUID_CODES;
    let j = 0;
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) codes[j++] = 45; // '-'
      codes[j++] = HEX_CODES[d[i]!]!;
    }
    return String.fromCharCode.apply(null, codes);
  }

  /** An independent stream, so that adding a consumer does not shift everyone else's draws. */
  fork(label: string): Rng {
    let h = this.state;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619) >>> 0;
    return new Rng(h);
  }
}

/** mulberry32's output for a state, as an unsigned 32-bit integer (next() divides it by 2^32). */
function mulberry32Output(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Scratch space for uuid(): reused, since it runs for every object written. */
const UUID_DIGITS: number[] = new Array<number>(32).fill(0);
const UUID_CODES: number[] = new Array<number>(36).fill(0);

/** The alphabet apimachinery uses for generateName suffixes and hashes (no vowels, no 0/1/3). */
export const K8S_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
