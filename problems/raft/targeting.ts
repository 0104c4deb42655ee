// The ways a judge client picks nodes (WorkloadSpec.targeting).
import type { RaftWorkload } from "./workload.ts";
import type { Random } from "../../harness/random.ts";
import type { Targeting } from "./client.ts";

/** The leader as the clients last learned it, shared by the clients of one run. */
export class LeaderMemory {
  leader: string | null = null;
}

function nextNode(nodes: readonly string[], node: string): string {
  return nodes[(nodes.indexOf(node) + 1) % nodes.length] as string;
}

export function makeTargeting(
  kind: RaftWorkload["targeting"],
  nodes: readonly string[],
  home: string,
  memory: LeaderMemory,
  random: Random,
): Targeting {
  switch (kind) {
    case "leader":
      return {
        first: () => memory.leader ?? random.pick(nodes),
        afterFailure: (node) => {
          if (memory.leader === node) memory.leader = null;
          return random.pick(nodes.filter((n) => n !== node));
        },
        learned: (leader) => (memory.leader = leader),
      };
    case "random":
      return {
        first: () => random.pick(nodes),
        afterFailure: (node) => random.pick(nodes.filter((n) => n !== node)),
        learned: (leader) => (memory.leader = leader),
      };
    case "sticky":
      // Keeps coming back to its home node, even one cut off from the others.
      return {
        first: () => home,
        afterFailure: (node) => (node === home ? home : nextNode(nodes, node)),
        learned: (leader) => (memory.leader = leader),
      };
  }
}
