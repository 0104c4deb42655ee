// Realistic PN-Counter bugs, each a text edit of the reference, each with the scenario that
// catches it and the reason it must give (harness/mutants.ts).
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    name: "one-signed-slot",
    description:
      "Keeps one signed count per node (a decrement lowers it) and still merges by the larger value: a peer that saw the count before a decrement keeps the higher one, so decrements are lost.",
    expectScenario: "partitioned_adds",
    expectReason: "^(convergence|read bounds): ",
    edits: [
      {
        file: "counter-node.ts",
        find: "    if (req.delta >= 0) this.state.increments[this.nodeId] = own.increments + req.delta;\n    else this.state.decrements[this.nodeId] = own.decrements - req.delta;",
        replace: "    this.state.increments[this.nodeId] = own.increments + req.delta;",
      },
    ],
  },
  {
    name: "merge-by-sum",
    description:
      "Adds a peer's gossiped counts to what it knew of that peer instead of keeping the larger: every resend counts again.",
    expectScenario: "partitioned_adds",
    expectReason: "^(convergence|read bounds): ",
    edits: [
      {
        file: "counter-node.ts",
        find: "      if (slot.increments > (increments[slot.node_id] ?? 0)) {\n        increments[slot.node_id] = slot.increments;",
        replace:
          "      if (slot.increments > 0) {\n        increments[slot.node_id] = (increments[slot.node_id] ?? 0) + slot.increments;",
      },
      {
        file: "counter-node.ts",
        find: "      if (slot.decrements > (decrements[slot.node_id] ?? 0)) {\n        decrements[slot.node_id] = slot.decrements;",
        replace:
          "      if (slot.decrements > 0) {\n        decrements[slot.node_id] = (decrements[slot.node_id] ?? 0) + slot.decrements;",
      },
    ],
  },
  {
    name: "decrement-as-increment",
    description:
      "Counts every delta's size as an increment (the sign is dropped on the way into the slot): a decrement raises the counter.",
    expectScenario: "minority_decrements",
    expectReason: "^(convergence|read bounds): ",
    edits: [
      {
        file: "counter-node.ts",
        find: "    if (req.delta >= 0) this.state.increments[this.nodeId] = own.increments + req.delta;\n    else this.state.decrements[this.nodeId] = own.decrements - req.delta;",
        replace: "    this.state.increments[this.nodeId] = own.increments + Math.abs(req.delta);",
      },
    ],
  },
  {
    name: "rejects-decrements",
    description:
      "Validates an add as a G-Counter does, delta at least 0: every decrement is answered INVALID_ARGUMENT.",
    expectScenario: "minority_decrements",
    expectReason: "^availability: ",
    edits: [
      {
        file: "counter-node.ts",
        find: "!Number.isSafeInteger(req.delta))",
        replace: "!(req.delta >= 0))",
      },
    ],
  },
  {
    name: "ack-before-persist",
    description:
      "Writes its state to disk every two seconds instead of before answering (gossip included): a kill loses what was acknowledged since the last write.",
    expectScenario: "crash_restart",
    expectReason: "^(convergence|read bounds): ",
    edits: [
      {
        file: "counter-node.ts",
        find: "    this.state.applied[req.client_id] = req.sequence;\n    this.file.save(this.state);",
        replace: "    this.state.applied[req.client_id] = req.sequence;\n    this.dirty = true;",
      },
      {
        file: "counter-node.ts",
        find: "    if (changed) this.file.save(this.state);",
        replace: "    if (changed) this.dirty = true;",
      },
      {
        file: "counter-node.ts",
        find: "    this.state = file.load();",
        replace: `    this.state = file.load();
    setInterval(() => {
      if (this.dirty) this.file.save(this.state);
      this.dirty = false;
    }, 2000);`,
      },
      {
        file: "counter-node.ts",
        find: "  private readonly state: CounterState;",
        replace: "  private readonly state: CounterState;\n  private dirty = false;",
      },
    ],
  },
  {
    name: "no-dedup",
    description: "Applies every add it receives, a retry of one it applied already too.",
    expectScenario: "lost_answers",
    expectReason: "^(convergence|read bounds): ",
    edits: [
      {
        file: "counter-node.ts",
        find: "    if ((this.state.applied[req.client_id] ?? 0) >= req.sequence) return;\n",
        replace: "",
      },
    ],
  },
  {
    name: "read-own-slot",
    description:
      "Answers a read with the adds made at this node only (its own increments less its own decrements), not every node's.",
    expectScenario: "partitioned_adds",
    expectReason: "^(convergence|read bounds): ",
    edits: [
      {
        file: "main.ts",
        find: "Read: unary(() => ({ value: counter.value() })),",
        replace:
          "Read: unary(() => {\n    const own = counter.ownSlot();\n    return { value: own.increments - own.decrements };\n  }),",
      },
    ],
  },
  {
    name: "gossip-on-timer",
    description: "Sends its slot to every peer every 50 ms, whether anything changed or not.",
    expectScenario: "crash_restart",
    expectReason: "^efficiency: .*messages per operation",
    edits: [
      {
        file: "main.ts",
        find: "  // After a restart the peers' acknowledgements are unknown: send the own slot once.",
        replace: `  const everyPeer = peerAddresses.map(
    ([, address]) =>
      new Service(address, grpc.credentials.createInsecure()) as unknown as PeerClient,
  );
  setInterval(() => {
    const slots = [counter.ownSlot()];
    for (const peer of everyPeer)
      peer.Gossip({ from: nodeId, slots }, { deadline: Date.now() + 200 }, () => {});
  }, 50);
  // After a restart the peers' acknowledgements are unknown: send the own slot once.`,
      },
    ],
  },
];
