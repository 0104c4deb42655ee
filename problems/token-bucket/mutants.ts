// Realistic token bucket bugs, each a text edit of the reference, each with the scenario that
// catches it by design and the reason it must give (harness/mutants.ts). Why each scenario
// surely triggers its bug is said beside it.
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    name: "counts-own-requests",
    description:
      "Decides every request with a bucket of its own instead of sending it to the key's home: each node admits a full bucket.",
    // hot_key: six clients at random nodes keep "hot" saturated at every node (each node
    // gets hundreds of requests per second against a refill of 10), so each of the three
    // buckets admits burst + refill·t, three times the bound over the 8 s.
    expectScenario: "hot_key",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "node.ts",
        find: "    const home = homeOf(req.key, this.nodes);\n",
        replace: "    const home = this.nodeId;\n",
      },
      {
        file: "node.ts",
        find: 'import { homeOf } from "./home.ts";\n',
        replace: "",
      },
    ],
  },
  {
    name: "refill-from-last-grant",
    description:
      "Moves the bucket's timestamp only when a token is taken: every denied request adds the refill since the last grant again.",
    // hot_key: the saturated key is denied every few ms between grants; each denial adds
    // r·(now − last grant) anew, so the tokens grow quadratically with the denials and the
    // key is granted several times per refill period, far above burst + refill·t.
    expectScenario: "hot_key",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "bucket.ts",
        find: "    this.lastMs = nowMs;\n    if (this.tokens < 1) return false;\n    this.tokens -= 1;\n",
        replace:
          "    if (this.tokens < 1) return false;\n    this.tokens -= 1;\n    this.lastMs = nowMs;\n",
      },
    ],
  },
  {
    name: "bucket-above-burst",
    description:
      "Adds the refill without capping the bucket at its burst: an idle key saves up tokens.",
    // edge_bursts: the key "burst" is idle for the first 2 s after the limit is in force,
    // its uncapped bucket holds 10 + 10·2 = 30 tokens, and 40 requests at once take 30 of
    // them within a few ms, where the bound is about 10.
    expectScenario: "edge_bursts",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "bucket.ts",
        find: "    this.tokens = Math.min(limit.burst, this.tokens + (nowMs - this.lastMs) * limit.refillPerMs);",
        replace: "    this.tokens = this.tokens + (nowMs - this.lastMs) * limit.refillPerMs;",
      },
    ],
  },
  {
    name: "decides-when-home-unreachable",
    description:
      "When the key's home does not answer, decides the request itself rather than deny it: both sides of a partition admit.",
    // partition: one of p0, p1, p2 is homed at the node cut off (whichever it is), all three
    // are saturated at every node, so for 3.5 s the two other nodes each admit a full
    // bucket plus the refill on it while its home does too: about three times the bound.
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
    name: "one-bucket-for-all-keys",
    description:
      "Keeps one bucket per node for every key: a key's requests take another key's tokens.",
    // steady: five keys, all homed at node-1, each get at least 2 requests per 650 ms (two
    // clients pausing at most 600 ms, answers within 50 ms): one bucket of 10 per second
    // then lets through at most 10 + 10·t of at least 15·t requests, under 80% over the
    // 6.5 s judged, below the 90% required.
    expectScenario: "steady",
    expectReason: "^over-denial: ",
    edits: [
      {
        file: "limiter.ts",
        find: "    const bucket = this.bucketOf(key, config);",
        replace: '    const bucket = this.bucketOf("every key", config);',
      },
    ],
  },
  {
    name: "restart-with-full-buckets",
    description:
      "Starts every bucket full whenever it is configured, after a restart too: what it admitted before it died is forgotten.",
    // restart: the burst at 1 s empties the bucket of 20; every node restarts at 1.3–1.5 s
    // and the next burst waits until all are configured again, well within the 4 s a full
    // bucket takes to refill at 5 per second: it admits 20 more, 40 in about 1–2 s.
    expectScenario: "restart",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "limiter.ts",
        find: "    const full = req.elapsed_ms === 0;",
        replace: "    const full = true;",
      },
    ],
  },
];
