// Realistic G-Counter bugs, each a text edit of the reference, each with the scenario that
// catches it and the reason it must give (harness/mutants.ts).
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    name: "merge-by-sum",
    description:
      "Adds a peer's gossiped count to what it knew of that peer instead of keeping the larger: every resend counts again.",
    expectScenario: "partitioned_adds",
    expectReason: "^(convergence|read bounds): ",
    edits: [
      {
        file: "counter-node.ts",
        find: "      this.state.slots[slot.node_id] = slot.count;",
        replace:
          "      this.state.slots[slot.node_id] = (this.state.slots[slot.node_id] ?? 0) + slot.count;",
      },
      {
        file: "counter-node.ts",
        find: "slot.node_id === this.nodeId || slot.count <= (this.state.slots[slot.node_id] ?? 0)",
        replace: "slot.node_id === this.nodeId",
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
    name: "read-local-slot",
    description:
      "Answers a read with the adds made at this node only, not the sum of every node's.",
    expectScenario: "partitioned_adds",
    expectReason: "^(convergence|read bounds): ",
    edits: [
      {
        file: "main.ts",
        find: "Read: unary(() => ({ value: counter.value() })),",
        replace: "Read: unary(() => ({ value: counter.ownSlot() })),",
      },
    ],
  },
  {
    name: "gossip-sent-once",
    description:
      "Sends each change to each peer once and forgets it when the call fails: what was added during a partition never crosses it.",
    expectScenario: "partitioned_adds",
    expectReason: "^convergence: the nodes still disagreed",
    edits: [
      {
        file: "peer-sender.ts",
        find: "          this.schedule(this.backoffMs);\n",
        replace: "          this.acked = Math.max(this.acked, count);\n",
      },
    ],
  },
  {
    name: "waits-for-peers",
    description:
      "Answers an add only once every peer has acknowledged it, as if it were replicating a log: a node cut off from a peer stops answering.",
    expectScenario: "partitioned_adds",
    expectReason: "^availability: ",
    edits: [
      {
        file: "main.ts",
        find: "    counter.add(req);\n    return {};",
        replace: `    counter.add(req);
    return Promise.all(senders.map((s) => s.confirmed())).then(() => ({}));`,
      },
      {
        file: "main.ts",
        find: "type Handler<Req> = (req: Req) => object;",
        replace: "type Handler<Req> = (req: Req) => object | Promise<object>;",
      },
      {
        file: "main.ts",
        find: "      callback(null, handler(call.request));",
        replace: `      Promise.resolve(handler(call.request)).then((res) => callback(null, res));`,
      },
      {
        file: "peer-sender.ts",
        find: "  /** The own slot changed (or the node started): send soon if the peer is behind. */",
        replace: `  /** Resolves once the peer has acknowledged the own slot as it is now. */
  async confirmed(): Promise<void> {
    const wanted = this.ownSlot();
    while (this.acked < wanted) await new Promise((r) => setTimeout(r, 10));
  }

  /** The own slot changed (or the node started): send soon if the peer is behind. */`,
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
    const slots = [{ node_id: nodeId, count: counter.ownSlot() }];
    for (const peer of everyPeer)
      peer.Gossip({ from: nodeId, slots }, { deadline: Date.now() + 200 }, () => {});
  }, 50);
  // After a restart the peers' acknowledgements are unknown: send the own slot once.`,
      },
    ],
  },
];
