// Which node decides a key: one home per key (FNV-1a of the key over the sorted node ids),
// the same at every node, so each key's bucket lives in exactly one place.

export function homeOf(key: string, nodes: readonly string[]): string {
  let h = 2166136261;
  for (const byte of Buffer.from(key, "utf8")) h = Math.imul(h ^ byte, 16777619);
  const sorted = [...nodes].sort();
  return sorted[(h >>> 0) % sorted.length] as string;
}
