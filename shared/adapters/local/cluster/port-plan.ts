// Which port each agent and node of a cluster listens on. In the cluster's own network
// namespace every port is free, so the plan is fixed; in the judge's, free ones are found.
import { NETNS_EGRESS_PORT_BASE, NETNS_INGRESS_PORT_BASE, NETNS_NODE_PORT_BASE } from "./limits.ts";
import { freePorts } from "./ports.ts";

export interface NodePorts {
  id: string;
  /** The agent's ingress: clients and peer agents. */
  ingress: number;
  /** The node's LISTEN_ADDR port. */
  node: number;
  /** The agent's egress listener per peer id. */
  egress: Map<string, number>;
}

export function nodeIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `node-${i}`);
}

export async function planPorts(ids: string[], ownNamespace: boolean): Promise<NodePorts[]> {
  const perNode = 1 + ids.length; // ingress, node, and N-1 egress listeners
  const pool = ownNamespace ? [] : await freePorts(perNode * ids.length);
  let next = 0;
  const take = (fixed: number) => (ownNamespace ? fixed : (pool[next++] as number));
  return ids.map((id, i) => {
    const ingress = take(NETNS_INGRESS_PORT_BASE + i);
    const node = take(NETNS_NODE_PORT_BASE + i);
    const egress = new Map<string, number>();
    ids.forEach((peer, j) => {
      if (peer !== id) egress.set(peer, take(NETNS_EGRESS_PORT_BASE + i * 100 + j));
    });
    return { id, ingress, node, egress };
  });
}
