// Which node decides a key: FNV-1a of the key's bytes, over the node ids in sorted order. The
// same at every node, so each key's count lives in exactly one place.

export function homeOf(key: string, nodes: readonly string[]): string {
  const sorted = [...nodes].sort();
  let hash = 2166136261;
  for (const byte of Buffer.from(key, "utf8")) hash = Math.imul(hash ^ byte, 16777619);
  return sorted[(hash >>> 0) % sorted.length] as string;
}
