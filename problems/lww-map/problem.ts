// Problem 15, Last-Writer-Wins Map (hybrid logical clocks): three nodes that answer puts,
// deletes and gets through any partition and agree once healed on each key's
// highest-stamped write, a write made after another was seen winning even under clock skew.
// Scenarios: write races across partitions, skewed clocks, crashes.
import type { ProblemDefinition } from "../../harness/problem.ts";
import { PLANS } from "./plans/index.ts";

export const lwwMap: ProblemDefinition = {
  id: 15,
  slug: "lww-map",
  title: "Last-Writer-Wins Map (hybrid logical clocks)",
  difficulty: "Medium-Hard",
  nodeCount: 3,
  description: "Convergence; the causally last write wins under clock skew",
  protoFile: "lww_map.proto",
  roles: [],
  templateHints: {
    Put: "a sequence at or below the client's last applied one is a retry: answer and change nothing. Otherwise stamp the write from your hybrid clock (above every stamp you issued or merged, at least the wall clock in ms), keep it if it outranks the key's write you hold, queue it for every peer, persist, answer.",
    Delete: 'as Put, with a tombstone (deleted, value "") instead of a value.',
    Get: "found and value from the key's winning write here, asking no peer.",
    Read: "an entry for every key whose winning write is a put.",
    Sync: "fold each stamp into your clock, keep each write that outranks the key's write you hold; persist before answering.",
  },
  plans: PLANS,
};
