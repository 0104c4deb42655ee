// Realistic Gossip Broadcast bugs, each a text edit of the reference, each with the scenario
// that catches it and the reason it must give (harness/mutants.ts).
import type { Mutant } from "../../harness/mutants.ts";

const WRONG_SET = "^(convergence|set-full): ";

/** Every save of the state becomes "dirty", written by a timer once a second. */
const SAVE_LATER = [
  {
    file: "broadcast-node.ts",
    find: "    for (const box of Object.values(this.state.outboxes)) box.push(value);\n    this.file.save(this.state);",
    replace:
      "    for (const box of Object.values(this.state.outboxes)) box.push(value);\n    this.dirty = true;",
  },
  {
    file: "broadcast-node.ts",
    find: "    if (fresh.length > 0) this.file.save(this.state);",
    replace: "    if (fresh.length > 0) this.dirty = true;",
  },
  {
    file: "broadcast-node.ts",
    find: "    this.state.outboxes[peer] = box.filter((v) => !done.has(v));\n    this.file.save(this.state);",
    replace:
      "    this.state.outboxes[peer] = box.filter((v) => !done.has(v));\n    this.dirty = true;",
  },
  {
    file: "broadcast-node.ts",
    find: "    this.held = new Set(this.state.values);",
    replace: `    this.held = new Set(this.state.values);
    setInterval(() => {
      if (this.dirty) this.file.save(this.state);
      this.dirty = false;
    }, 1000);`,
  },
  {
    file: "broadcast-node.ts",
    find: "  private readonly held: Set<number>;",
    replace: "  private readonly held: Set<number>;\n  private dirty = false;",
  },
];

export const mutants: Mutant[] = [
  {
    name: "gossip-sent-once",
    description:
      "Sends each value to each peer once and forgets it, answered or not: what a partition swallowed never arrives.",
    expectScenario: "partitioned_broadcasts",
    expectReason: WRONG_SET,
    edits: [
      {
        file: "peer-sender.ts",
        find: "        if (err) {\n          this.schedule(this.backoffMs);\n          this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);\n          return;\n        }\n",
        replace: "        if (err) console.error(`gossip failed, not resent: ${err.message}`);\n",
      },
    ],
  },
  {
    name: "state-not-loaded",
    description:
      "Writes every change to disk but starts from an empty set, never reading the file back: a restarted node forgets the values it acknowledged and showed.",
    expectScenario: "crash_restart",
    expectReason: WRONG_SET,
    edits: [
      {
        file: "broadcast-node.ts",
        find: "    this.state = file.load();",
        replace: "    this.state = { values: [], outboxes: {} };",
      },
    ],
  },
  {
    name: "ack-before-persist",
    description:
      "Answers a broadcast (and a peer's gossip) at once and writes the state to disk once a second: a kill loses the values acknowledged since the last write.",
    expectScenario: "crash_restart",
    expectReason: WRONG_SET,
    edits: SAVE_LATER,
  },
  {
    name: "no-dedup-on-receipt",
    description:
      "Appends every value a peer sends, also one it holds already: a resend after a lost answer makes a read list the value twice.",
    expectScenario: "lost_answers",
    expectReason: "^(convergence: the nodes still disagreed|set-full: a read listed)",
    edits: [
      {
        file: "broadcast-node.ts",
        find: "    const fresh = req.messages.filter((v) => !this.held.has(v));",
        replace: "    const fresh = req.messages;",
      },
    ],
  },
  {
    name: "flood-on-receipt",
    description:
      "Relays every value new to it to every other peer the moment it arrives, one call each, besides the origin's own batched push: four times the messages the problem needs.",
    expectScenario: "efficiency",
    expectReason: "^efficiency: .*messages per operation",
    edits: [
      {
        file: "broadcast-node.ts",
        find: "  gossip(req: GossipRequest): void {",
        replace: "  gossip(req: GossipRequest): number[] {",
      },
      {
        file: "broadcast-node.ts",
        find: "    if (fresh.length > 0) this.file.save(this.state);",
        replace: "    if (fresh.length > 0) this.file.save(this.state);\n    return fresh;",
      },
      {
        file: "main.ts",
        find: "const senders: PeerSender[] = [];",
        replace: "const senders: PeerSender[] = [];\nconst relays: [string, PeerClient][] = [];",
      },
      {
        file: "main.ts",
        find: "  const client = new Service(address, grpc.credentials.createInsecure(), peerChannelOptions);",
        replace:
          "  const client = new Service(address, grpc.credentials.createInsecure(), peerChannelOptions);\n  relays.push([peer, client as unknown as PeerClient]);",
      },
      {
        file: "main.ts",
        find: "    node.gossip(req);\n    return {};",
        replace: `    const fresh = node.gossip(req);
    for (const [peer, relay] of relays)
      if (fresh.length > 0 && peer !== req.from)
        relay.Gossip({ from: nodeId, messages: fresh }, { deadline: Date.now() + 500 }, () => {});
    return {};`,
      },
    ],
  },
  {
    name: "whole-set-on-timer",
    description:
      "Sends its whole set to every peer every 250 ms instead of what each peer is owed: messages grow with the set, and it never stops.",
    expectScenario: "efficiency",
    expectReason: "^efficiency: .*bytes per message",
    edits: [
      {
        file: "main.ts",
        find: "      () => node.pending(peer),",
        replace: "      () => [],",
      },
      {
        file: "main.ts",
        find: "  senders.push(",
        replace: `  setInterval(() => {
    const messages = node.values();
    if (messages.length > 0)
      (client as unknown as PeerClient).Gossip(
        { from: nodeId, messages },
        { deadline: Date.now() + 500 },
        () => {},
      );
  }, 250);
  senders.push(`,
      },
    ],
  },
  {
    name: "batch-window-1s",
    description:
      "Waits a second after a value arrives before pushing, to batch more values per message: fewer messages, but every value takes over a second to reach the other nodes.",
    expectScenario: "efficiency",
    expectReason: "^stable latency: .*the median is above the limit",
    edits: [
      {
        file: "peer-sender.ts",
        find: "const COALESCE_MS = 20;",
        replace: "const COALESCE_MS = 1000;",
      },
    ],
  },
];
