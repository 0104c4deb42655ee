// Realistic fixed window bugs, each a text edit of the reference, each with the scenario that
// catches it by design and the reason it must give (harness/mutants.ts). Why each scenario
// surely triggers its bug is said beside it.
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    name: "counts-own-requests",
    description:
      "Counts every request it receives itself instead of sending it to the key's home: each node admits the whole limit in every window.",
    // hot_key: six clients at random nodes keep "hot" saturated at every node (hundreds of
    // requests per second each, against 10 per 1 s window), so each node admits 10 in every
    // window: 30 per window, where the bound is 10 per window a stretch can meet.
    expectScenario: "hot_key",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "node.ts",
        find: "    const home = homeOf(req.key, this.nodes);\n",
        replace: "    const home = this.nodeId;\n",
      },
      { file: "node.ts", find: 'import { homeOf } from "./home.ts";\n', replace: "" },
    ],
  },
  {
    name: "limit-off-by-one",
    description:
      "Admits while the window's count is at most the limit, one request too many per window.",
    // edge_bursts: 20 requests at once in the middle of a window (after 1 s, and after 5 s)
    // are all decided within a few ms, half a window from either boundary: the key's home
    // admits 11 of them where every placement of the windows allows 10.
    expectScenario: "edge_bursts",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "limiter.ts",
        find: "    if (count.allowed >= config.limit) return false;",
        replace: "    if (count.allowed > config.limit) return false;",
      },
    ],
  },
  {
    name: "decides-when-home-unreachable",
    description:
      "When the key's home does not answer, counts the request itself rather than deny it: both sides of a partition admit.",
    // partition: one of p0, p1, p2 is homed at the node cut off (whichever it is), all three
    // are saturated at every node, so in each of the three windows wholly inside the 3.5 s
    // cut the two other nodes each admit 10 more on that key while its home does too.
    expectScenario: "partition",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "node.ts",
        find: "    return answer ?? false;",
        replace: "    return answer ?? this.limiter.decide(req.key, req.request_id, this.now());",
      },
    ],
  },
  {
    name: "restart-counts-from-zero",
    description:
      "Admits from the window it is configured in, also after a restart: what it admitted in that window before it died is forgotten.",
    // restart: the first burst takes the limit of window 0 (6 s long) at 0.3 s; every node
    // restarts at 0.6–0.8 s, and the second burst waits until all are configured again, well
    // inside window 0: the restarted home admits 10 more, 20 in the one window.
    expectScenario: "restart",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "windows.ts",
        find: "  const firstWindow = elapsedMs === 0 ? 0 : Math.floor(elapsedMs / windowMs) + 1;",
        replace: "  const firstWindow = 0;",
      },
    ],
  },
  {
    name: "one-count-for-all-keys",
    description:
      "Keeps one count per node for every key: a key's requests use up another key's limit.",
    // steady: five keys, all homed at node-1, each get at least 3 requests in every window
    // (one client pausing at most 300 ms, answers within 30 ms): one count of 10 per window
    // lets through at most 10 of at least 15, two thirds, below the 90% required.
    expectScenario: "steady",
    expectReason: "^over-denial: ",
    edits: [
      {
        file: "limiter.ts",
        find: "    const allowed = this.count(key, config, nowMs);",
        replace: '    const allowed = this.count("every key", config, nowMs);',
      },
    ],
  },
];
