// Realistic OR-Set bugs, each a text edit of the reference, each with the scenario that
// catches it and the reason it must give (harness/mutants.ts).
import type { Mutant } from "../../harness/mutants.ts";

const WRONG_SET = "^(convergence|add-wins set): ";

export const mutants: Mutant[] = [
  {
    name: "merge-removes-by-value",
    description:
      "Applies a peer's remove to the element, not to its tags: every tag of it here goes, adds the remover never saw too (remove wins).",
    expectScenario: "partitioned_races",
    expectReason: WRONG_SET,
    edits: [
      {
        file: "or-set-node.ts",
        find: "    for (const { tag } of req.removes) {\n      if (this.removed.has(tag)) continue;\n      this.tombstone(tag);",
        replace:
          "    for (const { tag, element } of req.removes) {\n      if (this.removed.has(tag)) continue;\n      this.tombstone(tag);\n      for (const [t, e] of Object.entries(this.state.live)) if (e === element) this.tombstone(t);",
      },
    ],
  },
  {
    name: "merge-ignores-tombstones",
    description:
      "Merges a peer's added tags without looking at the tombstones: an add that arrives after its remove comes back.",
    expectScenario: "partitioned_races",
    expectReason: WRONG_SET,
    edits: [
      {
        file: "or-set-node.ts",
        find: "      if (this.removed.has(tag) || tag in this.state.live) continue;",
        replace: "      if (tag in this.state.live) continue;",
      },
    ],
  },
  {
    name: "tag-per-element",
    description:
      "Tags an add with the node and the element, not a fresh number: adding again what this node removed reuses a tag its peers hold removed.",
    expectScenario: "partitioned_races",
    expectReason: WRONG_SET,
    edits: [
      {
        file: "or-set-node.ts",
        find: "    const tag = `${this.nodeId}:${++this.state.counter}`;",
        replace: "    const tag = `${this.nodeId}:${req.element}`;",
      },
    ],
  },
  {
    name: "gossip-without-retry",
    description:
      "Sends each change to each peer once and forgets it, answered or not: what a peer missed while it was down never arrives.",
    expectScenario: "crash_restart",
    expectReason: WRONG_SET,
    edits: [
      {
        file: "peer-sender.ts",
        find: "        if (err) {\n          this.schedule(this.backoffMs);\n          this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);\n          return;\n        }",
        // Falls through to acknowledged(): the batch leaves the outbox, delivered or not.
        replace: "        if (err) console.error(`sync failed, dropped: ${err.message}`);",
      },
    ],
  },
  {
    name: "ack-before-persist",
    description:
      "Answers at once and writes the state to disk once a second: a kill loses tags, tombstones and the tag counter it had acknowledged.",
    expectScenario: "crash_restart",
    expectReason: WRONG_SET,
    edits: [
      {
        file: "or-set-node.ts",
        find: "    this.state.applied[req.client_id] = req.sequence;\n    this.file.save(this.state);",
        replace: "    this.state.applied[req.client_id] = req.sequence;\n    this.dirty = true;",
      },
      {
        file: "or-set-node.ts",
        find: "    if (changed) this.file.save(this.state);",
        replace: "    if (changed) this.dirty = true;",
      },
      {
        file: "or-set-node.ts",
        find: "    for (const { tag } of sent.removes) delete box.removes[tag];\n    this.file.save(this.state);",
        replace:
          "    for (const { tag } of sent.removes) delete box.removes[tag];\n    this.dirty = true;",
      },
      {
        file: "or-set-node.ts",
        find: "    this.removed = new Set(this.state.removed);",
        replace: `    this.removed = new Set(this.state.removed);
    setInterval(() => {
      if (this.dirty) this.file.save(this.state);
      this.dirty = false;
    }, 1000);`,
      },
      {
        file: "or-set-node.ts",
        find: "  private readonly removed: Set<string>;",
        replace: "  private readonly removed: Set<string>;\n  private dirty = false;",
      },
    ],
  },
];
