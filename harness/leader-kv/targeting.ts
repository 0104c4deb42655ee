// The ways a judge client picks nodes (KvWorkload.targeting), per route: an operation goes to
// the node holding its route ("leader"; the chain's "head" or "tail").
import type { Random } from "../random.ts";
import type { Targeting } from "./client.ts";
import type { Route } from "./wire.ts";
import type { KvWorkload } from "./workload.ts";

/** Each route's holder as the clients last learned it, shared by the clients of one run. */
export class RouteMemory {
  private readonly holders = new Map<Route, string>();

  holder(route: Route): string | null {
    return this.holders.get(route) ?? null;
  }

  learned(route: Route, holder: string): void {
    this.holders.set(route, holder);
  }

  forget(route: Route): void {
    this.holders.delete(route);
  }
}

function nextNode(nodes: readonly string[], node: string): string {
  return nodes[(nodes.indexOf(node) + 1) % nodes.length] as string;
}

export function makeTargeting(
  kind: KvWorkload["targeting"],
  nodes: readonly string[],
  home: string,
  memory: RouteMemory,
  random: Random,
): Targeting {
  const learned = (route: Route, holder: string): void => memory.learned(route, holder);
  switch (kind) {
    case "leader":
      return {
        first: (route) => memory.holder(route) ?? random.pick(nodes),
        afterFailure: (route, node) => {
          if (memory.holder(route) === node) memory.forget(route);
          return random.pick(nodes.filter((n) => n !== node));
        },
        learned,
      };
    case "random":
      return {
        first: () => random.pick(nodes),
        afterFailure: (_route, node) => random.pick(nodes.filter((n) => n !== node)),
        learned,
      };
    case "sticky":
      // Keeps coming back to its home node, even one cut off from the others.
      return {
        first: () => home,
        afterFailure: (_route, node) => (node === home ? home : nextNode(nodes, node)),
        learned,
      };
  }
}
