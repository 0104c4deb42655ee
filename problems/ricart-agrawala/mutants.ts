// Realistic Ricart-Agrawala bugs, each a text edit of the reference, each with the scenario
// that catches it and the reason it must give (harness/mutants.ts). Each comment argues why
// that scenario triggers the bug on every run, not just usually.
import type { Mutant } from "../../harness/mutants.ts";

const DEFER =
  "mine !== null && (mine.held || goesFirst(mine.timestamp, this.nodeId, timestamp, from));";

export const mutants: Mutant[] = [
  // steady: node-2's client thinks 600–900 ms, so node-2 is idle most of the time, and
  // node-1's client asks again 0–30 ms after its release, while node-0 holds for 20–50 ms
  // (and the other way round). Each time node-1's Request reaches node-0 inside its hold
  // while node-2 is idle, both answer at once and node-1 enters inside node-0's interval: a
  // few chances a second with most of them taken, about a hundred entries a run.
  {
    name: "reply-in-critical-section",
    description:
      "Defers a peer's request only while its own request is waiting and goes first; inside the critical section it replies at once.",
    expectScenario: "steady",
    expectReason: "^mutual exclusion: ",
    edits: [
      {
        file: "mutex-node.ts",
        find: DEFER,
        replace:
          "mine !== null && !mine.held && goesFirst(mine.timestamp, this.nodeId, timestamp, from);",
      },
    ],
  },
  // contention: the three first requests all carry timestamp 1 (the peer links delay every
  // call 300 ms while the three Acquires arrive together), so every node receives two
  // requests equal to its own; compared by timestamp alone none goes first, each node replies
  // to both, and all three enter together ~0.3 s later, each holding 20–50 ms.
  {
    name: "no-id-tie-break",
    description: "Compares requests by timestamp only: on equal timestamps neither goes first.",
    expectScenario: "contention",
    expectReason: "^mutual exclusion: ",
    edits: [
      {
        file: "mutex-node.ts",
        find: "  return aTs < bTs || (aTs === bTs && idNumber(aNode) < idNumber(bNode));",
        replace: "  return aTs < bTs;",
      },
    ],
  },
  // contention: the three first requests are all pending when each node hears the other
  // two (the 300 ms delay), so each replies to both at once and all three enter together.
  {
    name: "no-deferral",
    description:
      "Defers a peer's request only while inside the critical section: while its own request waits, it replies at once even when its own goes first.",
    expectScenario: "contention",
    expectReason: "^mutual exclusion: ",
    edits: [{ file: "mutex-node.ts", find: DEFER, replace: "mine !== null && mine.held;" }],
  },
  // contention: after the tie node-0 enters first, having deferred node-1 and node-2; on its
  // release it drops their replies, so neither can ever enter, and node-0's next request is
  // deferred by both (their timestamp 1 goes first): a deadlock from ~1.7 s. The delay ends at
  // 1.8 s; from 3.8 s on the waiting acquires count, and they stay ungranted until the
  // clients give up, 7 s after their first call at 1 s.
  {
    name: "forget-deferred",
    description: "On release, clears the deferred replies without sending them.",
    expectScenario: "contention",
    expectReason: "^liveness: ",
    edits: [
      {
        file: "mutex-node.ts",
        find: '    for (const [peer, timestamp] of this.deferred) this.send(peer, "Reply", timestamp);\n',
        replace: "",
      },
    ],
  },
  // steady: the clock then counts only the node's own requests. node-2's client asks every
  // 600–900 ms, so its k-th request carries k, while node-0 and node-1 alternate with
  // entries of at most ~60 ms each and reach k+1 and more long before: node-2 enters after
  // an entry with a larger (timestamp, id) that was released before its grant (grant order),
  // or, when node-2 had replied to a request and then asks with a smaller timestamp, both
  // enter together (mutual exclusion: what the simulation sees first on every seed). Every run
  // has six or more such requests from node-2.
  {
    name: "clock-ignores-receive",
    description:
      "Advances the Lamport clock only on its own requests, not to max(own, received) + 1 on a message.",
    expectScenario: "steady",
    expectReason: "^(mutual exclusion|grant order): ",
    edits: [
      {
        file: "mutex-node.ts",
        find: "  onRequest(from: string, timestamp: number): void {\n    this.clock = Math.max(this.clock, timestamp) + 1;\n",
        replace: "  onRequest(from: string, timestamp: number): void {\n",
      },
      {
        file: "mutex-node.ts",
        find: "  onReply(from: string, timestamp: number): void {\n    this.clock = Math.max(this.clock, timestamp) + 1;\n",
        replace: "  onReply(from: string, timestamp: number): void {\n",
      },
    ],
  },
  // paused_node: a node is paused for 3 s while the other two contend (their clients ask again
  // within 10 ms), so each of them has a request waiting for the paused node's Reply for the
  // whole pause; the client's call gives up after 2.5 s and retries the same acquire, which
  // the mutant stamps again: its Requests then carry more timestamps than it got acquires.
  {
    name: "retry-makes-new-request",
    description:
      "Treats a retried Acquire as a new request: stamps it again and sends new Requests, replacing the one pending.",
    expectScenario: "paused_node",
    expectReason: "^(mutual exclusion|grant order|messages per entry): ",
    edits: [
      {
        file: "mutex-node.ts",
        find: "    if (mine && mine.clientId === clientId && mine.sequence === sequence) return mine.granted;\n",
        replace: "",
      },
      {
        file: "mutex-node.ts",
        find: "    if (mine)\n      return Promise.reject(",
        replace: "    if (mine && mine.clientId !== clientId)\n      return Promise.reject(",
      },
    ],
  },
];
