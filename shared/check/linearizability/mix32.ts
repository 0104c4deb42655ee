// Murmur3's 32-bit finaliser: spreads every input bit over all output bits, so hashes
// built by XOR or addition can be used as table slots by their low bits.
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
