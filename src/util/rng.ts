// Seeded, platform-independent random numbers (xoshiro128**), so every run is reproducible bit for bit.

/**
 * The state lives in an Int32Array: as plain number fields, words beyond V8's small-integer range
 * are boxed, so every step allocated. Same bits, so every output is unchanged.
 */
export class Rng {
  /** xoshiro128 state s0..s3 as int32 words */
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    // splitmix32 expands the seed into the 128-bit state
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) | 0;
    };
    const s = this.s;
    for (let i = 0; i < 4; i++) s[i] = next();
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  }

  /** Copy the generator's state into `out` (4 int32 words), e.g. for a WebAssembly loop that steps it. */
  saveState(out: Int32Array): void {
    out.set(this.s);
  }

  /** Continue from a state saved by saveState (and stepped elsewhere by the same algorithm). */
  loadState(from: Int32Array): void {
    this.s.set(from.subarray(0, 4));
  }

  /** uniform uint32 */
  nextU32(): number {
    const s = this.s;
    const s0 = s[0], s1 = s[1];
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = rotl(s3, 11);
    return Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  }

  /** uniform in [0, 1) with 53 bits: two steps (27 high bits, then 26 low bits), stepped on locals */
  float(): number {
    const s = this.s;
    let s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
    const hi = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 5;
    s2 ^= s0; s3 ^= s1; const t1 = s1 << 9; s1 ^= s2; s0 ^= s3; s2 ^= t1; s3 = rotl(s3, 11);
    const lo = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 6;
    s2 ^= s0; s3 ^= s1; const t2 = s1 << 9; s1 ^= s2; s0 ^= s3; s2 ^= t2; s3 = rotl(s3, 11);
    s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** uniform integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /**
   * Fills `out` with out.length draws of int(n): the same values, in the same order, as that many
   * int(n) calls (the generator is stepped on local variables, which is several times faster).
   */
  ints(n: number, out: Int32Array): void {
    const s = this.s;
    let s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
    for (let j = 0; j < out.length; j++) {
      const hi = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 5;
      s2 ^= s0; s3 ^= s1; const t1 = s1 << 9; s1 ^= s2; s0 ^= s3; s2 ^= t1; s3 = rotl(s3, 11);
      const lo = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 6;
      s2 ^= s0; s3 ^= s1; const t2 = s1 << 9; s1 ^= s2; s0 ^= s3; s2 ^= t2; s3 = rotl(s3, 11);
      out[j] = Math.floor(((hi * 67108864 + lo) / 9007199254740992) * n);
    }
    s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
  }

  /** Fills `out` with out.length draws of nextU32(): the same values, in the same order, as that many calls. */
  fillU32(out: Uint32Array): void {
    const s = this.s;
    let s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
    for (let j = 0; j < out.length; j++) {
      out[j] = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      s2 ^= s0; s3 ^= s1; const t = s1 << 9; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
    }
    s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
  }

  /** standard normal (Box-Muller) */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** in-place Fisher-Yates shuffle */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** a child generator with an independent stream, derived deterministically */
  fork(label: number): Rng {
    return new Rng((this.nextU32() ^ Math.imul(label + 1, 0x9e3779b1)) >>> 0);
  }
}

/** 32-bit rotate left, as a signed int32 */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
