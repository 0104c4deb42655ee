// Every node in turn is killed (SIGKILL) and restarted with its DATA_DIR while the clients
// work: its clock and log must survive (a clock that went back would stamp a later event
// below an earlier one), and the messages it had queued must still go out.
import type { ScenarioPlan } from "../../../harness/plan.ts";
import { seededRandom } from "../../../harness/random.ts";
import type { ClockWorkload } from "../workload.ts";
import { CLOCK_CLIENTS } from "./workload.ts";

export function crashRestart(seed: number): ScenarioPlan<ClockWorkload> {
  const random = seededRandom(seed).fork("crash_restart");
  const left = ["node-0", "node-1", "node-2"];
  const order = [0, 1, 2].map(() => left.splice(random.int(0, left.length - 1), 1)[0] as string);
  const faults = order.flatMap((node, i) => {
    const killAt = 1200 + i * 2000 + random.int(0, 300);
    return [
      { atMs: killAt, action: { kind: "kill" as const, node } },
      { atMs: killAt + 1000, action: { kind: "start" as const, node } },
    ];
  });
  return {
    name: "crash_restart",
    description: `Three clients record events, send messages and compare clocks at random nodes; ${order.join(", then ")} are each killed for a second and restarted.`,
    seed,
    workload: CLOCK_CLIENTS,
    workloadMs: 7500,
    faults,
    recoveryMs: 2500,
    idleWindows: [],
  };
}
