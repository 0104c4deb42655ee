// Realistic leaky bucket bugs, each a text edit of the reference, each with the scenario that
// catches it by design and the reason it must give (harness/mutants.ts). The bursts give a
// key's home 30 requests at once, far more than one release plus a queue of 4; the hot key's
// six saturating clients reach every node all the time.
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    name: "counts-own-requests",
    description:
      "Keeps a queue per key at every node and lets each drain at the full rate: the cluster lets out three times the rate.",
    // Six saturating clients at random nodes keep every node's queue for "hot" non-empty: 30
    // releases a second in all, against a bound of 10 per second plus one.
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
    name: "unbounded-queue",
    description:
      "Never refuses: every request waits its turn, however many are ahead (a bucket that overflows its size).",
    // A burst of 30 at a key's home queues all 30: the 10 sent to the home itself are let out
    // up to 2.9 s later, past 4 × 100 ms + 1 s, in a stretch with no fault long after the
    // configuration.
    expectScenario: "bursts",
    expectReason: "^queue wait: ",
    edits: [
      {
        file: "drain-queue.ts",
        find: "    if (release > now && this.waiting.length >= queueSize) return null;\n",
        replace: "",
      },
    ],
  },
  {
    name: "spaced-from-arrival",
    description:
      "Spaces the next release an interval after the request's arrival instead of after the previous release: requests arriving together leave together.",
    // The 30 requests of a burst arrive within a few ms: one leaves at once and the four
    // queued all leave an interval later, five within about 100 ms against a bound of 2.
    expectScenario: "bursts",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "drain-queue.ts",
        find: "    this.nextRelease = release + intervalMs;",
        replace: "    this.nextRelease = now + intervalMs;",
      },
    ],
  },
  {
    name: "interval-in-seconds",
    description:
      "Takes the drain interval as 1 / drain_per_second, in seconds, where milliseconds are meant: releases 0.1 ms apart.",
    // Each burst's one-plus-four released within a millisecond or so, against a bound of 2.
    expectScenario: "bursts",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "limiter.ts",
        find: "    const release = queue.admit(\n      now,\n      1000 / config.drain_per_second,",
        replace: "    const release = queue.admit(\n      now,\n      1 / config.drain_per_second,",
      },
    ],
  },
  {
    name: "minority-decides",
    description:
      "When the key's home does not answer, queues the request itself (as if available mode were asked): a node cut off from the others drains its own queue beside the home's.",
    // The burst a second into the cut gives the lone node 10 requests of each key homed
    // across the cut: after the forward's deadline it lets 1 out and 4 more 100 ms apart,
    // while the home keeps draining 10 a second from its side's saturating clients and burst.
    expectScenario: "partition",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "frontdoor.ts",
        find: "        : this.forward(home, req, longest + FORWARD_SLACK_MS).catch(() => false);",
        replace:
          "        : this.forward(home, req, longest + FORWARD_SLACK_MS).catch(() =>\n            this.limiter.decide(req.key, req.request_id),\n          );",
      },
    ],
  },
  {
    name: "restart-releases-at-once",
    description:
      "After a restart, treats the key as idle and lets the next request out at once, though the earlier life may have let one out an instant before it died.",
    // The release at 2.9 s, the kill at 3 s, and the restarted home's release as soon as it is
    // configured (well under a second later, against an interval of 4 s): two in a stretch
    // where the bound is 1.
    expectScenario: "restart",
    expectReason: "^over-admission: ",
    edits: [
      {
        file: "limiter.ts",
        find: "    if (elapsed_ms > 0) this.notBefore = this.now() + 1000 / drain_per_second;\n",
        replace: "",
      },
    ],
  },
];
