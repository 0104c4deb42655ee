// Soundness on random schedules: a correct simulated cluster, driven through random
// elections, duels, client writes, link faults (black holes and lost answers), kills,
// restarts, heartbeats and Learn relays, is never found in violation by any check.
import { test } from "vitest";
import fc from "fast-check";
import { checkAcceptorBallots } from "../checks/acceptor-ballots.ts";
import { checkAdoptsAccepted } from "../checks/adopts-accepted.ts";
import { checkLearnedAgreement } from "../checks/learned-agreement.ts";
import { checkLearnsChosen } from "../checks/learns-chosen.ts";
import { checkOneValuePerSlot } from "../checks/one-value.ts";
import { checkProposerBallots } from "../checks/proposer-ballots.ts";
import { checkRedirects } from "../checks/redirects.ts";
import { PaxosSim, get, put } from "./simulation.ts";

const CHECKS = [
  checkAcceptorBallots,
  checkProposerBallots,
  checkOneValuePerSlot,
  checkAdoptsAccepted,
  checkLearnsChosen,
  checkLearnedAgreement,
  checkRedirects,
];

const NODES = ["node-0", "node-1", "node-2", "node-3", "node-4"];
const nodeArb = fc.constantFrom(...NODES);

const stepArb = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("elect" as const), node: nodeArb }) },
  {
    weight: 6,
    // Sent to the `leader`-th node that believes it leads (a stale one too), or to `node`.
    arbitrary: fc.record({
      kind: fc.constant("write" as const),
      node: nodeArb,
      leader: fc.integer({ min: 0, max: 2 }),
      read: fc.boolean(),
    }),
  },
  fc.record({
    kind: fc.constant("cut" as const),
    node: nodeArb,
    to: fc.subarray(NODES),
    fault: fc.constantFrom("blackhole" as const, "lose-answer" as const),
  }),
  fc.record({ kind: fc.constant("heal" as const) }),
  fc.record({ kind: fc.constant("kill" as const), node: nodeArb }),
  fc.record({ kind: fc.constant("restart" as const), node: nodeArb }),
  fc.record({ kind: fc.constant("heartbeat" as const), node: nodeArb }),
  fc.record({
    kind: fc.constant("learn" as const),
    node: nodeArb,
    to: nodeArb,
    slot: fc.integer({ min: 1, max: 6 }),
  }),
);
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function run(steps: Step[]): PaxosSim {
  const sim = new PaxosSim();
  let sequence = 0;
  for (const step of steps) {
    if (step.kind === "heal") sim.heal();
    else if (step.kind === "restart") {
      if (!sim.isUp(step.node)) sim.restart(step.node);
    } else if (step.kind === "write") {
      sequence++;
      const to = sim.leaders()[step.leader] ?? step.node;
      const command = step.read ? get("c", sequence, "k") : put("c", sequence, "k", `v${sequence}`);
      if (sim.isUp(to)) sim.request(to, command);
    } else if (!sim.isUp(step.node)) continue;
    else if (step.kind === "elect") sim.elect(step.node);
    else if (step.kind === "cut") sim.cut(step.node, step.to, step.fault);
    else if (step.kind === "kill") sim.kill(step.node);
    else if (step.kind === "heartbeat") sim.heartbeat(step.node);
    else if (step.to !== step.node) sim.learn(step.node, step.to, step.slot);
  }
  return sim;
}

test("no check ever fails a correct cluster", () => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 20, maxLength: 60 }), (steps) => {
      const traffic = run(steps).traffic();
      for (const check of CHECKS) {
        const result = check(traffic);
        if (result.status === "violated") throw new Error(`${result.property}: ${result.message}`);
      }
    }),
    { numRuns: 300 },
  );
});
