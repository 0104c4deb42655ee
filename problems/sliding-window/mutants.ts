// Realistic sliding window bugs, each a text edit of the reference, each with the scenario
// that catches it by design and the reason it must give (harness/mutants.ts). Every catch
// comes from the plans' bursts: 3·(limit + 1) requests on each of key-0, key-1 and key-2
// (homed at node-0, node-1 and node-2 under the reference's hash), limit + 1 to every node,
// sent at one moment, so the allowed ones all lie within a few hundred ms, far inside a
// window; no luck of the random clients is needed (tests/mutants-simulated.test.ts replays
// each on the simulated network).
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    name: "counts-own-requests",
    description:
      "Decides every request at the node that received it, counting only the requests that reached that node: the cluster allows up to three times the limit.",
    // Each burst gives every node limit + 1 requests of a key: each node allows `limit`,
    // 3·limit in a few ms.
    expectScenario: "hot_key",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "frontdoor.ts",
        find: "    const home = homeOf(req.key, this.nodes);\n",
        replace: "    const home = this.nodeId;\n",
      },
    ],
  },
  {
    name: "limit-off-by-one",
    description:
      "Allows a request while the window holds at most `limit` allowed ones, instead of fewer: limit + 1 per window.",
    // The first burst at 1 s gives each key's home 3·(limit + 1) requests at once: it allows
    // limit + 1 of them within a few ms.
    expectScenario: "edge_bursts",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "sliding-log.ts",
        find: "    if (this.allowedAt.length >= limit) return false;",
        replace: "    if (this.allowedAt.length > limit) return false;",
      },
    ],
  },
  {
    name: "restart-forgets",
    description:
      "Takes a late Configure (elapsed_ms above 0) like the first one: a restarted node allows a full window again while what it allowed before its crash is still in it.",
    // The victim is home to one of the three keys, whose window the bursts at 3.3 s filled;
    // the bursts after its new Configure (≥ 4.5 s) give it limit + 1 new requests of that key
    // from every node: it allows `limit` more, 2·limit within less than the 3 s window.
    expectScenario: "restart",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "limiter.ts",
        find: "    if (elapsed_ms > 0) this.quietUntil = this.now() + window_ms;\n",
        replace: "",
      },
    ],
  },
  {
    name: "wait-from-time-zero",
    description:
      "After a late Configure, waits until a window after the judge's time 0 (elapsed_ms ago) instead of a window after now: a node restarted later than one window into the run does not wait at all.",
    // The judge configures the victim again after 3.7 s, when elapsed_ms is above the 3 s
    // window: the wait is over before it begins, and the bursts catch it as restart-forgets.
    expectScenario: "restart",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "limiter.ts",
        find: "    if (elapsed_ms > 0) this.quietUntil = this.now() + window_ms;",
        replace: "    if (elapsed_ms > 0) this.quietUntil = this.now() - elapsed_ms + window_ms;",
      },
    ],
  },
  {
    name: "minority-decides",
    description:
      "When the key's home does not answer, decides the request itself (as if available mode were asked): a node cut off from the others allows up to the limit on keys their side allows too.",
    // The lone node is not home to two of the three keys; the burst a second into the cut
    // gives it limit + 1 requests of each: their forwards time out and it allows `limit`,
    // while the home allows `limit` of the other nodes' requests, within about 300 ms.
    expectScenario: "partition",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "frontdoor.ts",
        find: "        : this.forward(home, req).catch(() => false);",
        replace:
          "        : this.forward(home, req).catch(() => this.limiter.decide(req.key, req.request_id));",
      },
    ],
  },
];
