// A partition's groups, resolved to nodes, and the links each node loses (plan.ts,
// "partition"): a node reaches exactly the nodes it shares a group with, so overlapping
// groups make a node the bridge between others that cannot reach each other.
import type { NodeRef } from "./plan.ts";

/**
 * The groups' nodes: named ones first (each resolved with the nodes named before it), then
 * "others", every node named in no group, in each group that lists it, or as a group of
 * their own when none does.
 */
export function resolveGroups(
  groups: readonly NodeRef[][],
  nodes: readonly string[],
  resolve: (ref: NodeRef, taken: readonly string[]) => string,
): string[][] {
  const taken: string[] = [];
  const named = groups.map((group) =>
    group
      .filter((ref) => ref !== "others")
      .map((ref) => {
        const node = resolve(ref, taken);
        taken.push(node);
        return node;
      }),
  );
  const others = nodes.filter((n) => !taken.includes(n));
  const resolved = named.map((members, i) =>
    groups[i]?.includes("others") ? [...new Set([...members, ...others])] : members,
  );
  if (others.length && !groups.some((g) => g.includes("others"))) resolved.push(others);
  return resolved.filter((g) => g.length > 0);
}

/** Every node the node can still reach, itself included (none when it is in no group). */
export function sideOf(node: string, groups: readonly string[][]): string[] {
  return [...new Set(groups.filter((g) => g.includes(node)).flat())];
}

/** For each node, the nodes it can no longer reach. */
export function unreachableFrom(
  nodes: readonly string[],
  groups: readonly string[][],
): Map<string, string[]> {
  return new Map(
    nodes.map((node) => {
      const side = sideOf(node, groups);
      return [node, nodes.filter((n) => n !== node && !side.includes(n))];
    }),
  );
}
