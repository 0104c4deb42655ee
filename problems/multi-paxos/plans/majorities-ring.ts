// The five nodes on a ring: each reaches only its two neighbours, so each sees a majority
// (itself and two) and no two see the same one. Proposers on different majorities prepare
// over each other; Learns travel one hop at a time. Whatever is chosen must stay chosen.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom, type Random } from "../../../harness/random.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { PAXOS_CLIENTS } from "./workload.ts";

const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];
const RING_MS = 4000;

/** The ring's links, neighbour pairs in a seeded order round the ring. */
function ring(random: Random): string[][] {
  const order = [...NODES];
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  return order.map((node, i) => [node, order[(i + 1) % order.length] as string]);
}

export function majoritiesRing(seed: number): ScenarioPlan<KvWorkload> {
  const random = seededRandom(seed).fork("majorities_ring");
  const first = random.int(1500, 2500);
  const second = first + RING_MS + 2000;
  return {
    name: "majorities_ring",
    description: `Twice, for ${RING_MS / 1000} s, every node reaches only its two neighbours on a ring (a different ring each time): each sees a majority, no two the same; clients keep writing at any node.`,
    seed,
    workload: { ...PAXOS_CLIENTS, clients: 5, targeting: "random" },
    workloadMs: second + RING_MS + 2000,
    idleWindows: [],
    faults: [
      { atMs: first, action: { kind: "partition", groups: ring(random) } },
      { atMs: first + RING_MS, action: { kind: "heal" } },
      { atMs: second, action: { kind: "partition", groups: ring(random) } },
      { atMs: second + RING_MS, action: { kind: "heal" } },
    ],
    recoveryMs: 3000,
  };
}
