// A polynomial hash of strings that extends in O(appended length): hash(a + b) =
// hash(a) * BASE^|b| + hash(b) (mod 2^32), so a kv state that grows by appends keeps its
// hash without rereading what it already held.
const BASE = 0x01000193;

export interface HashedString {
  readonly value: string;
  readonly hash: number;
}

export function hashed(value: string): HashedString {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(hash, BASE) + value.charCodeAt(i)) | 0;
  return { value, hash };
}

export function appended(prefix: HashedString, suffix: string): HashedString {
  let hash = prefix.hash;
  for (let i = 0; i < suffix.length; i++) hash = (Math.imul(hash, BASE) + suffix.charCodeAt(i)) | 0;
  return { value: prefix.value + suffix, hash };
}

export const sameHashed = (a: HashedString, b: HashedString): boolean =>
  a === b || (a.hash === b.hash && a.value === b.value);
