// Realistic bully bugs, each a text edit of the reference, with the scenario that surely
// catches it and why (the lead runs each five times and needs five of five). The reason
// patterns name the check that reports first in bullyChecks' order.
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    name: "silent-to-lower",
    description:
      "Answers an Election only when it comes from a higher id: a lower node, it reasons, will hear from it in its Coordinator.",
    // lower_restart restarts node-1 while node-2, node-3 and node-4 run with no link fault:
    // the restarted node elects at once and sends each of them an Election, which none of
    // them answers; its deadline cuts each call off after 300 ms, and the agents record
    // three calls to running nodes that ended without OK. "election answers" is the first
    // check in order and fires on the first of them.
    expectScenario: "lower_restart",
    expectReason: "^election answers: ",
    edits: [
      {
        file: "service.ts",
        find: `    Election: unary((req: ElectionRequest) => {
      node.onElection(req.sender);
      return {};
    }),`,
        replace: `    Election: (
      call: grpc.ServerUnaryCall<ElectionRequest, object>,
      callback: grpc.sendUnaryData<object>,
    ) => {
      node.onElection(call.request.sender);
      if (call.request.sender > node.id) callback(null, {});
    },`,
      },
    ],
  },
  {
    name: "announce-without-waiting",
    description:
      "Announces itself coordinator as soon as it starts an election, before its Elections to the higher ids are answered: a higher node that is alive will bully it anyway.",
    // lower_restart: the restarted node-1 elects at start and, with this bug, sends its
    // Coordinator calls with the same election number as the Elections it sends node-2,
    // node-3 and node-4, which all run and answer OK within milliseconds. "election answers"
    // holds (every Election is answered); "announcements" finds the OK'd Election of the
    // announced election and fires.
    expectScenario: "lower_restart",
    expectReason: "^announcements: ",
    edits: [
      {
        file: "bully-node.ts",
        find: "    if (higher.length === 0) return this.win(election);",
        replace: `    // Announce at once: a higher node that is alive will bully us anyway.
    this.win(election);
    if (higher.length === 0) return;`,
      },
    ],
  },
  {
    name: "ignore-higher-coordinator",
    description:
      "Takes no action on a Coordinator from a higher id, expecting that node's heartbeats to show who leads: the lower nodes keep electing, or keep naming themselves.",
    // steady: at start-up node-4 wins (it has no higher node) and names itself; every other
    // node either got node-4's OK and, never accepting its Coordinator, elects again every
    // second and answers "nobody" meanwhile, or announced itself before node-4 listened and
    // keeps naming itself. From 3 s after the start to the final polls of every node, node-4
    // answers node-4 and the others something else: "agreement" fires (no traffic check
    // before it can: every Election is answered, and no lower node announces after an OK).
    expectScenario: "steady",
    expectReason: "^agreement: ",
    edits: [
      {
        file: "bully-node.ts",
        find: "    if (sender === this.id) return;\n",
        replace:
          "    // A higher node shows itself by its heartbeats.\n    if (sender >= this.id) return;\n",
      },
    ],
  },
  {
    name: "never-reelect",
    description:
      "Looks for a silent coordinator only while it names nobody: once it names a coordinator it never notices that it died.",
    // coordinator_kill kills node-4 for the rest of the workload (at least 5.5 s): no node
    // ever elects, since no timer fires and no lower node sends an Election or a Heartbeat,
    // so every poll from 3 s after the kill on still names node-4 (about 30 polls a second).
    // Every answer is the same, so "agreement" holds, and "convergence" fires.
    expectScenario: "coordinator_kill",
    expectReason: "^(agreement|convergence): ",
    edits: [
      {
        file: "bully-node.ts",
        find: "      if (this.named !== null && this.named !== this.id && quiet) this.startElection();",
        replace: "      if (this.named === null && quiet) this.startElection();",
      },
    ],
  },
  {
    name: "ignore-lower-heartbeat",
    description:
      "Takes a Heartbeat from a node it does not name as no news: after a partition heals, both sides' coordinators go on leading their own side.",
    // partition_heal: while cut, node-0..2 elect node-2 and node-3 keeps node-4. After the
    // heal node-2 and node-4 heartbeat each other and node-3, and nothing else is sent: no
    // timer fires (each side hears its own coordinator), no Election or Coordinator is sent.
    // From 3 s after the heal to the final polls, node-0..2 name node-2 and node-3..4 name
    // node-4: "agreement" fires on the first pair (the final polls of every node alone
    // surely show it).
    expectScenario: "partition_heal",
    expectReason: "^agreement: ",
    edits: [
      {
        file: "bully-node.ts",
        find: "    if (sender < this.id) this.startElection();\n    else if (sender === this.named)",
        replace: "    if (sender === this.named)",
      },
    ],
  },
  {
    name: "slow-failure-detection",
    description:
      "Waits 5 s of silence before it believes the coordinator dead, to be safe on a slow network.",
    // coordinator_kill: node-4 is killed at 2.0-2.5 s and stays down until the end (8 s): for
    // 5 s after the kill every node keeps naming node-4, so every poll between 3 s and 5 s
    // after the kill (about 60) names a dead node: "convergence" fires, or "agreement" when
    // the late election's answers already differ within the settled part.
    expectScenario: "coordinator_kill",
    expectReason: "^(agreement|convergence): ",
    edits: [
      {
        file: "timing.ts",
        find: "export const FAILURE_TIMEOUT_MS = 800;",
        replace: "export const FAILURE_TIMEOUT_MS = 5000;",
      },
    ],
  },
];
