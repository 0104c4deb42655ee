// The scenarios as the simulation plays them (tests/simulation.ts): the same faults and
// triggers as plans/, on simulated time, for the reference and for every mutant.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import type { SimClients, SimFaults } from "./simulation.ts";

const is = (m: MessageRecord, method: string, to: string) =>
  m.method.endsWith(`/${method}`) && m.to === to;

const THREE: SimClients = { clients: 3, thinkMs: [20, 60] };

export const SIMULATED: Record<string, { faults: SimFaults; clients: SimClients }> = {
  steady: { faults: { drop: 0 }, clients: THREE },
  coordinator_crash_after_prepare: {
    clients: { clients: 1, thinkMs: [150, 250] },
    faults: {
      drop: 0,
      trigger: {
        armMs: 2000,
        downMs: 3000,
        node: "node-0",
        phase: "start",
        match: (m) => is(m, "Prepare", "node-2"),
      },
    },
  },
  coordinator_crash_before_decision: {
    clients: THREE,
    faults: {
      drop: 0,
      trigger: {
        armMs: 2000,
        downMs: 3000,
        node: "node-0",
        phase: "complete",
        match: (m) => is(m, "Prepare", "node-2") && m.response?.["vote"] === "YES",
      },
    },
  },
  coordinator_crash_after_commit_to_one: {
    clients: THREE,
    faults: {
      drop: 0,
      trigger: {
        armMs: 2000,
        downMs: 3000,
        node: "node-0",
        phase: "start",
        match: (m) => is(m, "Decide", "node-1") && m.request?.["decision"] === "COMMIT",
      },
    },
  },
  participant_crash_after_yes: {
    clients: THREE,
    faults: {
      drop: 0,
      trigger: {
        armMs: 2000,
        downMs: 3000,
        node: "node-1",
        phase: "complete",
        match: (m) => is(m, "Prepare", "node-1") && m.response?.["vote"] === "YES",
      },
    },
  },
  coordinator_partitioned: { clients: THREE, faults: { drop: 0, cut: [2000, 3000] } },
};
