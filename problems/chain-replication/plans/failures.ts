// One member killed while clients write (the master reconfigures without it), restarted 3 s
// later (it rejoins as the tail and receives the state): the head, the middle or the tail.
// The middle dies the moment it has taken an update from the head, before it can pass it on:
// the tail lacks it, and the head must resend it to the tail in the new chain.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { CHAIN_CLIENTS, firstChain, killedByTrigger } from "./clients.ts";

type Position = "head" | "middle" | "tail";

function memberFailure(position: Position): (seed: number) => ScenarioPlan<KvWorkload> {
  const name = `${position}_failure`;
  return (seed) => {
    const random = seededRandom(seed).fork(name);
    const node = firstChain(seed)[position];
    const killAt = random.int(2500, 3500);
    return {
      name,
      description: `Clients write and read; the ${position} of the first chain, ${node}, is killed (the master reconfigures without it) and restarted 3 s later, rejoining as the tail.`,
      seed,
      workload: CHAIN_CLIENTS,
      workloadMs: killAt + 7000,
      idleWindows: [],
      faults: [
        { atMs: killAt, action: { kind: "kill", node } },
        { atMs: killAt + 3000, action: { kind: "start", node } },
      ],
      recoveryMs: 3000,
    };
  };
}

export const headFailure = memberFailure("head");
export const tailFailure = memberFailure("tail");

export function middleFailure(seed: number): ScenarioPlan<KvWorkload> {
  const { head, middle } = firstChain(seed);
  return killedByTrigger(seed, {
    name: "middle_failure",
    description: `Clients write and read; the middle of the first chain, ${middle}, is killed by its agent right after it took an update from the head ${head} (before it can pass it on: the tail lacks it), and restarted 3 s later, rejoining as the tail.`,
    node: middle,
    trigger: {
      direction: "ingress",
      peer: head,
      method: "Forward",
      match: { response: { status: "ACCEPTED" } },
      phase: "complete",
      action: { kind: "kill" },
      when: `right after it took an update from ${head}`,
    },
  });
}
