// Deliberately broken variants of the reference chain node (reference/typescript/): each is a
// small, realistic bug written as text edits to a copy of the reference. Every mutant must
// fail the scenario it names, with a verdict reason matching expectReason: that is how the
// judge itself is tested (harness/mutants.ts applies them). Reasons begin with the failing
// check's property name (checks/*.ts) or "linearizability".
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    name: "head-acks-early",
    description:
      "The head answers a write OK as soon as it has applied the update itself, without waiting for the tail's Ack. On lossy links a dropped or unanswered Forward holds the update back by a whole call deadline (250 ms) and more, so the update's first Forward to the tail starts after the OK by more than the checks' 250 ms clock slack: the traffic shows an OK before any Forward reached a tail, whatever the timing of reads. A read at the tail in that window also misses the write (linearizability).",
    expectScenario: "lossy_links",
    expectReason: "^a write is answered OK only after the tail applied it|^linearizability",
    edits: [
      {
        file: "client-requests.ts",
        find: '    if (node.acked >= seq) return Promise.resolve(answer("OK"));',
        replace: '    if (node.store.lastSeq >= seq) return Promise.resolve(answer("OK"));',
      },
    ],
  },
  {
    name: "head-reads",
    description:
      "The head answers reads from its own map as well as the tail (it holds the newest updates, so it seems the better place). Every GET the head answers OK while it is not the tail breaks the read rule, whatever value it returns; it is seen once a read reaches the head: when the tail is killed, the clients whose reads went to it try the other nodes, and the head is one of the two. Its values can also include writes the tail has not applied (not linearizable once one is lost).",
    expectScenario: "tail_failure",
    expectReason: "^only the tail answers reads|^linearizability",
    edits: [
      {
        file: "client-requests.ts",
        find: "      if (node.tail !== node.nodeId)\n",
        replace: "      if (node.tail !== node.nodeId && node.head !== node.nodeId)\n",
      },
    ],
  },
  {
    name: "no-resend-after-reconfiguration",
    description:
      "After a reconfiguration the predecessor goes on with new updates only (from its own last_seq + 1), and after any answer it moves past the update it sent, GAP included: the updates a killed middle node had taken but not passed on never reach the tail, which answers GAP to everything after. The first GAP heard is followed by a Forward of the next update instead of the missing one (the resend check), which is also beyond what the successor said it holds (the forwarding check); the chain stops acknowledging writes. middle_failure kills the middle right after it took an update from the head, before it passed it on, so the tail lacks it.",
    expectScenario: "middle_failure",
    expectReason:
      "^the predecessor resends what its successor lacks|^updates go to the successor, in order",
    edits: [
      {
        file: "successor-link.ts",
        find: "    this.next = Math.max(parts.acked + 1, parts.store.firstLogSeq);",
        replace: "    this.next = parts.store.lastSeq + 1;",
      },
      {
        file: "successor-link.ts",
        find: "    this.next = answer.last_seq + 1;",
        replace: '    this.next = sent === "state" ? answer.last_seq + 1 : sent + 1;',
      },
    ],
  },
  {
    name: "skip-lost-forwards",
    description:
      "A Forward that goes unanswered (given up after its deadline) is taken as delivered: the link moves on to the next update instead of resending it. On lossy links a quarter of the calls are dropped or lose their answer, so the node soon sends an update two past the last one its successor said it holds (the forwarding check); the successor's GAP answer then brings the link back, so the clients may see nothing wrong.",
    expectScenario: "lossy_links",
    expectReason: "^updates go to the successor, in order",
    edits: [
      {
        file: "successor-link.ts",
        find: "        await pause(retryPauseMs, linkEnd); // resend the same update, or a fresh state\n",
        replace: [
          "        // The successor surely got it: go on with the next update.",
          '        if (sent !== "state") this.next = sent + 1;',
          "        await pause(retryPauseMs, linkEnd);",
          "",
        ].join("\n"),
      },
    ],
  },
  {
    name: "apply-twice",
    description:
      "A Forward of an update the node already holds (resent after its answer was lost, or after a reconfiguration) is not recognised as held: the node applies it again as its next update. On lossy links 15% of answers are lost, so resends of held updates are certain: the node then answers with a last_seq beyond the highest seq ever sent to it, and passes on a duplicate at a seq where the head's Forwards carry another update (both the prefix check), and an APPEND takes effect twice (linearizability). The duplicate also shifts the seqs of everything after it at that node, so the head's acked soon covers writes the tail never applied (the check on OK answers).",
    expectScenario: "lossy_links",
    expectReason:
      "^each node holds a prefix of its predecessor's updates|^a write is answered OK only after the tail applied it|^linearizability",
    edits: [
      {
        file: "chain-node.ts",
        find: [
          "    // Held already (a resend after a lost answer or a reconfiguration): never applied again.",
          '    if (req.seq <= lastSeq) return this.answer("ACCEPTED");',
          "",
        ].join("\n"),
        replace: "",
      },
    ],
  },
  {
    name: "join-without-state",
    description:
      "No state transfer: the predecessor sends a Transfer only when it joined itself (never, for a node with a successor), and a restarted node added as tail takes the first Forward it is sent as the start of its log. Its predecessor, knowing the old tail applied everything, forwards the next new write: the new tail accepts an update with nothing before it, and its reads miss every earlier acknowledged write: the judge's final read of every key at the tail shows it (linearizability). The no-gap check sees the accepted Forward too, but it counts every Forward started up to its 250 ms clock slack after the answer as possibly held before it, and the Forwards that follow on the link come within milliseconds, so it is not the deterministic catch.",
    expectScenario: "rejoin",
    expectReason: "^linearizability|^no gap in the updates a node takes",
    edits: [
      {
        file: "chain-node.ts",
        find: "      const joined = previous !== null && !previous.includes(successor);",
        replace: "      const joined = previous === null;",
      },
      {
        file: "chain-node.ts",
        find: '    if (this.waiting) return this.answer("GAP");',
        replace: [
          "    if (this.waiting) {",
          "      this.store.replace({ last_seq: req.seq - 1, entries: [], sessions: [] });",
          "      this.waiting = false;",
          "    }",
        ].join("\n"),
      },
    ],
  },
  {
    name: "tail-applies-late",
    description:
      "Updates go to the map in a batch 100 ms after they are taken, while the log, the sessions, last_seq and the Acks advance at once: the tail acknowledges writes it has not applied. The traffic is exactly a correct node's; the clients see it: ten clients reading and writing three keys read at the tail within 100 ms of a write's OK and miss it (linearizability).",
    expectScenario: "concurrent_clients",
    expectReason: "^linearizability",
    edits: [
      {
        file: "store.ts",
        find: [
          '    const value = update.op === "PUT" ? "" : (this.values.get(update.key) ?? "");',
          "    this.values.set(update.key, value + update.value);",
        ].join("\n"),
        replace: [
          "    setTimeout(() => {",
          '      const value = update.op === "PUT" ? "" : (this.values.get(update.key) ?? "");',
          "      this.values.set(update.key, value + update.value);",
          "    }, 100);",
        ].join("\n"),
      },
    ],
  },
  {
    name: "middle-acks-own-holdings",
    description:
      "Every node acknowledges what it holds itself instead of passing on the tail's Acks, so the head answers a write OK once its successor took it. On lossy links a Forward from the middle to the tail is often given up and resent, so the update reaches the tail more than the 250 ms clock slack after the OK (the traffic shows it), and a read at the tail in between misses it (linearizability).",
    expectScenario: "lossy_links",
    expectReason: "^a write is answered OK only after the tail applied it|^linearizability",
    edits: [
      {
        file: "chain-node.ts",
        find: "        this.tail !== this.nodeId ? this.acked : this.waiting ? 0 : this.store.lastSeq;",
        replace: "        this.waiting ? 0 : this.store.lastSeq;",
      },
    ],
  },
];
