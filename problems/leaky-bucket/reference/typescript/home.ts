// Which node decides a key: one home per key (FNV-1a of the key over the sorted node ids),
// the same at every node, so each key's allowed requests are counted in one place.
export function homeOf(key: string, nodes: readonly string[]): string {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  const sorted = [...nodes].sort();
  return sorted[(h >>> 0) % sorted.length] as string;
}
