// Realistic LWW map bugs, each a text edit of the reference, each with the scenario that
// catches it and the reason it must give (harness/mutants.ts).
import type { Mutant } from "../../harness/mutants.ts";

const WRONG_MAP = "^(convergence|last writer wins): ";

export const mutants: Mutant[] = [
  {
    name: "wall-clock-stamps",
    description:
      "Stamps a write with the node's wall clock alone, no hybrid clock: at the slow node, a write made just after a get showed the fast node's write loses to it.",
    expectScenario: "skewed_clocks",
    expectReason: WRONG_MAP,
    edits: [
      {
        file: "lww-node.ts",
        find: "    const stamp = tick(this.state.clock, this.now(), this.nodeId);",
        replace:
          "    const stamp = { wall_ms: Math.floor(this.now()), logical: 0, node: this.nodeId };",
      },
    ],
  },
  {
    name: "merge-keeps-local",
    description:
      "Merges a peer's write only into a key this node has never written or merged: once both sides of a partition wrote a key, each keeps its own.",
    expectScenario: "partitioned_races",
    expectReason: WRONG_MAP,
    edits: [
      {
        file: "lww-node.ts",
        find: "      if (this.apply(w)) changed = true;",
        replace: "      if (!(w.key in this.state.entries) && this.apply(w)) changed = true;",
      },
    ],
  },
  {
    name: "delete-without-tombstone",
    description:
      "A delete drops the key instead of keeping a stamped tombstone: an older put of it that arrives later (from across a partition) brings the value back at that node only.",
    expectScenario: "partitioned_races",
    expectReason: WRONG_MAP,
    edits: [
      {
        file: "lww-node.ts",
        find: "    this.state.entries[w.key] = w;\n    return true;",
        replace:
          "    if (w.deleted) delete this.state.entries[w.key];\n    else this.state.entries[w.key] = w;\n    return true;",
      },
    ],
  },
  {
    name: "gossip-without-retry",
    description:
      "Sends each write to each peer once and forgets it, answered or not: what a partition swallowed never arrives.",
    expectScenario: "partitioned_races",
    expectReason: WRONG_MAP,
    edits: [
      {
        file: "peer-sender.ts",
        find: "        if (err) {\n          this.schedule(this.backoffMs);\n          this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);\n          return;\n        }",
        replace: "        if (err) console.error(`sync failed, not resent: ${err.message}`);",
      },
    ],
  },
  {
    name: "ack-before-persist",
    description:
      "Answers at once and writes the state to disk once a second: a kill loses writes, the clock and the outboxes it had acknowledged.",
    expectScenario: "crash_restart",
    expectReason: WRONG_MAP,
    edits: [
      {
        file: "lww-node.ts",
        find: "    this.state.applied[req.client_id] = req.sequence;\n    this.file.save(this.state);",
        replace: "    this.state.applied[req.client_id] = req.sequence;\n    this.dirty = true;",
      },
      {
        file: "lww-node.ts",
        find: "    if (changed) this.file.save(this.state);",
        replace: "    if (changed) this.dirty = true;",
      },
      {
        file: "lww-node.ts",
        find: "      if (queued && compareStamps(queued.stamp, w.stamp) === 0) delete box[w.key];\n    }\n    this.file.save(this.state);",
        replace:
          "      if (queued && compareStamps(queued.stamp, w.stamp) === 0) delete box[w.key];\n    }\n    this.dirty = true;",
      },
      {
        file: "lww-node.ts",
        find: "    for (const peer of peers) this.state.outboxes[peer] ??= {};",
        replace: `    for (const peer of peers) this.state.outboxes[peer] ??= {};
    setInterval(() => {
      if (this.dirty) this.file.save(this.state);
      this.dirty = false;
    }, 1000);`,
      },
      {
        file: "lww-node.ts",
        find: "  private readonly state: MapState;",
        replace: "  private readonly state: MapState;\n  private dirty = false;",
      },
    ],
  },
];
