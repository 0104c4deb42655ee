// The middle dies the moment it has forwarded an update to the tail: the tail applied it, its
// acknowledgement cannot flow back through the dead middle, and the head (reconfigured to
// forward straight to the tail) must learn it from the tail's last_seq and answer the client.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { firstChain, killedByTrigger } from "./clients.ts";

export function middleBeforeAck(seed: number): ScenarioPlan<KvWorkload> {
  const { middle, tail } = firstChain(seed);
  return killedByTrigger(seed, {
    name: "middle_before_ack",
    description: `Clients write and read; ${middle}, the middle, is killed by its agent right after it forwards an update to the tail ${tail}, before the acknowledgement can flow back through it, and restarted 3 s later (it rejoins as the tail).`,
    node: middle,
    trigger: {
      direction: "egress",
      peer: tail,
      method: "Forward",
      phase: "start",
      action: { kind: "kill" },
      when: `right after it forwarded an update to ${tail}`,
    },
  });
}
