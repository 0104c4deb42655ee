// Problem 4, Chandy-Lamport Snapshots: three nodes pass tokens over numbered FIFO channels and
// record consistent global snapshots, several at once. Scenarios: no faults, concurrent
// snapshots, slow links, a paused node; no drops and no crashes (the channels are reliable).
import type { ProblemDefinition } from "../../harness/problem.ts";
import { concurrentSnapshots } from "./plans/concurrent-snapshots.ts";
import { delayedLinks } from "./plans/delayed-links.ts";
import { pausedNode } from "./plans/paused-node.ts";
import { steady } from "./plans/steady.ts";

export const chandyLamport: ProblemDefinition = {
  id: 4,
  slug: "chandy-lamport",
  title: "Chandy-Lamport Snapshots",
  difficulty: "Medium",
  nodeCount: 3,
  description: "Every snapshot is a consistent cut that conserves the total, with channel states",
  protoFile: "chandy_lamport.proto",
  roles: [],
  templateHints: {
    Transfer:
      "a retry (same client_id and sequence) is answered as before. Otherwise, with too few tokens fail with FAILED_PRECONDITION; else debit the amount and queue a TOKENS message on the channel to `to` in one step (under your state's lock), answer OK.",
    StartSnapshot:
      "unless you recorded this snapshot_id already, record it: your balance now, and a MARKER queued on every outgoing channel before anything else is queued there.",
    GetSnapshot:
      "answer recorded, balance, complete and one ChannelState per peer, as statement.md says.",
    Deliver:
      "a number you applied already: answer and do nothing. Ahead of the next: fail with FAILED_PRECONDITION. The next one: apply it (TOKENS: credit, and add to every snapshot still recording this channel; MARKER: record its snapshot first if you had not, then end that snapshot's recording of this channel). `from` is the sender (a keyword in some languages: see your stubs for its name).",
  },
  plans: {
    steady,
    concurrent_snapshots: concurrentSnapshots,
    delayed_links: delayedLinks,
    paused_node: pausedNode,
  },
};
