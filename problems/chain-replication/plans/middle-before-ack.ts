// The middle dies the moment it has forwarded an update to the tail: the tail applied it, its
// acknowledgement cannot flow back through the dead middle, and the head (reconfigured to
// forward straight to the tail) must learn it from the tail's last_seq and answer the client.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { CHAIN_CLIENTS, firstChain } from "./clients.ts";

export function middleBeforeAck(seed: number): ScenarioPlan<KvWorkload> {
  const random = seededRandom(seed).fork("middle_before_ack");
  const { middle, tail } = firstChain(seed);
  const armAt = random.int(2000, 3000);
  return {
    name: "middle_before_ack",
    description: `Clients write and read; ${middle}, the middle, is killed by its agent right after it forwards an update to the tail ${tail}, before the acknowledgement can flow back through it, and restarted 3 s later (it rejoins as the tail).`,
    seed,
    workload: CHAIN_CLIENTS,
    workloadMs: armAt + 7000,
    idleWindows: [],
    faults: [
      {
        atMs: armAt,
        action: {
          kind: "arm",
          node: middle,
          trigger: {
            direction: "egress",
            peer: tail,
            method: "Forward",
            phase: "start",
            action: { kind: "kill" },
            when: `right after it forwarded an update to ${tail}`,
          },
        },
      },
      { atMs: armAt + 3000, action: { kind: "disarm", node: middle } },
    ],
    recoveryMs: 3000,
  };
}
