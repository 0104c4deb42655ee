// Which TCP ports each node and its agent's egress listeners use (agents take everything
// else over unix sockets). In a node's own network namespace every port is free, so the plan
// is fixed; in the judge's, free ones are found.
import { NETNS_EGRESS_PORT_BASE, NETNS_NODE_PORT_BASE } from "./limits.ts";
import { freePorts } from "./ports.ts";

export interface NodePorts {
  id: string;
  /** The node's LISTEN_ADDR port. */
  node: number;
  /** The agent's egress listener per peer id. */
  egress: Map<string, number>;
}

export function nodeIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `node-${i}`);
}

export async function planPorts(ids: string[], ownNamespaces: boolean): Promise<NodePorts[]> {
  const perNode = ids.length; // the node, and N-1 egress listeners
  const pool = ownNamespaces ? [] : await freePorts(perNode * ids.length);
  let next = 0;
  const take = (fixed: number) => (ownNamespaces ? fixed : (pool[next++] as number));
  return ids.map((id, i) => {
    const node = take(NETNS_NODE_PORT_BASE + i);
    const egress = new Map<string, number>();
    ids.forEach((peer, j) => {
      if (peer !== id) egress.set(peer, take(NETNS_EGRESS_PORT_BASE + i * 100 + j));
    });
    return { id, node, egress };
  });
}
