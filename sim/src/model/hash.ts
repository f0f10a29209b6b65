/** Deterministic hashing and noise: every generated value is a pure function of (series, time). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mix a seed with integers into a 32-bit hash (murmur3 finaliser). */
export function mix(seed: number, a: number, b = 0): number {
  let h = (seed ^ Math.imul(a | 0, 0x9e3779b1) ^ Math.imul((a / 4294967296) | 0, 0x85ebca6b) ^ Math.imul(b | 0, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform [0,1) from (seed, a, b). */
export function rand01(seed: number, a: number, b = 0): number {
  return mix(seed, a, b) / 4294967296;
}

/** Roughly normal(0,1) from (seed, a, b) (sum of 4 uniforms). */
export function gauss(seed: number, a: number, b = 0): number {
  let s = 0;
  for (let i = 0; i < 4; i++) s += rand01(seed, a, b * 4 + i + 1);
  return (s - 2) * Math.sqrt(3);
}

/** Smooth value noise in [-1,1] over time with the given correlation length (seconds). */
export function smoothNoise(seed: number, tSec: number, scaleSec: number): number {
  const x = tSec / scaleSec;
  const i = Math.floor(x);
  const f = x - i;
  const a = rand01(seed, i) * 2 - 1;
  const b = rand01(seed, i + 1) * 2 - 1;
  const u = f * f * (3 - 2 * f);
  return a + (b - a) * u;
}

/** An EC2-style instance id, deterministic for a key: i-0 + 16 hex. */
export function instanceId(key: string): string {
  const h1 = mix(hashString(key), 1).toString(16).padStart(8, '0');
  const h2 = mix(hashString(key), 2).toString(16).padStart(8, '0');
  return `i-0${(h1 + h2).slice(0, 16)}`;
}

export function uuidFrom(seed: number, n: number): string {
  const parts = [0, 1, 2, 3].map((k) => mix(seed, n, k).toString(16).padStart(8, '0')).join('');
  return `${parts.slice(0, 8)}-${parts.slice(8, 12)}-4${parts.slice(13, 16)}-a${parts.slice(17, 20)}-${parts.slice(20, 32)}`;
}
