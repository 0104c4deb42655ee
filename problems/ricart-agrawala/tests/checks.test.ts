// The checks on hand-made runs: each holds on a correct run, is violated with the words a
// learner reads, and is inconclusive without evidence.
import assert from "node:assert/strict";
import fc from "fast-check";
import { test } from "vitest";
import { checkGrantOrder } from "../checks/grant-order.ts";
import { checkLiveness } from "../checks/liveness.ts";
import { checkMessages } from "../checks/messages.ts";
import { checkMutualExclusion } from "../checks/mutual-exclusion.ts";
import { call, entry, entryCalls, runOf, unanswered } from "./run.ts";

// node-0 at timestamp 1, then node-1 at 2, then node-2 at 4: in order, disjoint.
const ordered = [
  ...entry("node-0", 1, 1, 0, 10, 40),
  ...entry("node-1", 1, 2, 0, 45, 80),
  ...entry("node-2", 1, 4, 50, 85, 120),
];
const orderedCalls = [
  ...entryCalls("node-0", 1, 0),
  ...entryCalls("node-1", 2, 1),
  ...entryCalls("node-2", 4, 50),
];

test("mutual exclusion: disjoint entries hold; an overlap at two nodes is named; none is inconclusive", () => {
  assert.equal(checkMutualExclusion(runOf({ history: ordered })).status, "holds");
  const overlapping = [...entry("node-0", 1, 1, 0, 10, 40), ...entry("node-1", 1, 2, 0, 39, 60)];
  const result = checkMutualExclusion(runOf({ history: overlapping }));
  assert.equal(result.status, "violated");
  assert.match(
    result.message,
    /node-1 granted its client the critical section while node-0 still held it/,
  );
  assert.equal(result.excerpt?.length, 2);
  // Never released: the node holds it to the end, so a later grant elsewhere overlaps.
  const held = [...entry("node-0", 1, 1, 0, 10, null), ...entry("node-1", 1, 2, 0, 500, 520)];
  assert.equal(checkMutualExclusion(runOf({ history: held })).status, "violated");
  // An acquire whose grant the client never saw is no entry.
  const unseen = [unanswered("node-0", 1, 0, 3000), ...entry("node-1", 1, 2, 0, 39, 60)];
  assert.equal(checkMutualExclusion(runOf({ history: unseen })).status, "holds");
  assert.equal(checkMutualExclusion(runOf({ history: [] })).status, "inconclusive");
});

test("grant order: (timestamp, id) order holds; a larger pair entering first is named; ties go to the smaller id", () => {
  assert.equal(checkGrantOrder(runOf({ history: ordered })).status, "holds");
  const inverted = [...entry("node-0", 1, 5, 0, 10, 40), ...entry("node-1", 1, 3, 0, 45, 80)];
  const result = checkGrantOrder(runOf({ history: inverted }));
  assert.equal(result.status, "violated");
  assert.match(
    result.message,
    /node-1 entered after node-0 although its request \(3, node-1\) is smaller than \(5, node-0\)/,
  );
  const tie = (first: string, second: string) => [
    ...entry(first, 1, 2, 0, 10, 40),
    ...entry(second, 1, 2, 0, 45, 80),
  ];
  assert.equal(checkGrantOrder(runOf({ history: tie("node-0", "node-2") })).status, "holds");
  assert.equal(checkGrantOrder(runOf({ history: tie("node-2", "node-0") })).status, "violated");
  // Only one node entered: nothing to compare.
  const alone = [...entry("node-0", 1, 1, 0, 10, 40), ...entry("node-0", 2, 3, 41, 50, 60)];
  assert.equal(checkGrantOrder(runOf({ history: alone })).status, "inconclusive");
});

test("liveness: grants within 2 s hold; a slow grant with no fault, or none, is named; start-up and faults excuse", () => {
  // After the 3 s start-up grace: the same entries, 4 s later.
  const afterStart = [
    ...entry("node-0", 1, 1, 4000, 4010, 4040),
    ...entry("node-1", 1, 2, 4000, 4045, 4080),
  ];
  assert.equal(checkLiveness(runOf({ history: afterStart })).status, "holds");
  // Inside the start-up grace only: nothing measured.
  assert.equal(checkLiveness(runOf({ history: ordered })).status, "inconclusive");
  const slow = entry("node-1", 1, 2, 3100, 5300, 5320);
  const result = checkLiveness(runOf({ history: slow }));
  assert.equal(result.status, "violated");
  assert.match(result.message, /c1's acquire at node-1 was granted only 2.2 s after it was sent/);
  const stuck = checkLiveness(runOf({ history: [unanswered("node-2", 1, 1000, 8000)] }));
  assert.match(
    stuck.message,
    /c2's acquire at node-2 was still not granted 5.0 s after the start-up grace ended \(3 s\)/,
  );
  // A pause from 3 s to 4 s: the bound applies from 6 s; granted at 7.5 s is within it.
  const faults = [{ startMs: 3000, endMs: 4000, description: "paused node-0" }];
  const late = entry("node-1", 1, 2, 3100, 7500, 7520);
  assert.equal(checkLiveness(runOf({ history: late, faults })).status, "holds");
  const later = entry("node-1", 1, 2, 3100, 8500, 8520);
  assert.match(
    checkLiveness(runOf({ history: later, faults })).message,
    /2.5 s after the last fault ended/,
  );
  // Every acquire inside a fault or its settling: no evidence.
  const open = [{ startMs: 0, endMs: null, description: "lossy links" }];
  assert.equal(checkLiveness(runOf({ history: afterStart, faults: open })).status, "inconclusive");
});

test("messages per entry: 2(N−1) distinct messages hold, resends under faults too; a missing reply, a spurious reply, a second request, or a needless resend is named", () => {
  assert.equal(checkMessages(runOf({ history: ordered, messages: orderedCalls })).status, "holds");
  // A dropped Request and a lost answer, resent under a fault: the same logical messages.
  const lossy = [
    ...orderedCalls,
    call("Request", "node-0", "node-1", 1, 0, { fault: "drop", status: 4, endMs: 500 }),
    call("Reply", "node-1", "node-0", 1, 3, { fault: "lose-answer", status: 4, endMs: 503 }),
    call("Reply", "node-1", "node-0", 1, 560),
  ];
  const faults = [{ startMs: 0, endMs: 1000, description: "lossy links" }];
  assert.equal(checkMessages(runOf({ history: ordered, messages: lossy, faults })).status, "holds");

  const noReply = orderedCalls.filter(
    (m) => !(m.method.endsWith("Reply") && m.from === "node-2" && m.to === "node-1"),
  );
  assert.match(
    checkMessages(runOf({ history: ordered, messages: noReply })).message,
    /node-1 entered at timestamp 2 without a Reply from node-2/,
  );
  const spurious = [...orderedCalls, call("Reply", "node-2", "node-0", 9, 200)];
  assert.match(
    checkMessages(runOf({ history: ordered, messages: spurious })).message,
    /node-2 sent node-0 a Reply for timestamp 9, but node-0 never reached it with a Request/,
  );
  const second = [...orderedCalls, call("Request", "node-2", "node-0", 7, 60)];
  assert.match(
    checkMessages(runOf({ history: ordered, messages: second })).message,
    /node-2 sent Requests at 2 different timestamps for 1 acquires/,
  );
  const resent = [...orderedCalls, call("Request", "node-0", "node-2", 1, 30)];
  assert.match(
    checkMessages(runOf({ history: ordered, messages: resent })).message,
    /node-0 sent the same Request again after node-2 had acknowledged it at once/,
  );
  // A dropped call recorded without its fields is passed over; a delivered one is not.
  const undecoded = (fault?: "drop") =>
    call("Request", "node-0", "node-1", 1, 5, { request: undefined, ...(fault ? { fault } : {}) });
  const withDropped = [...orderedCalls, undecoded("drop")];
  assert.equal(
    checkMessages(runOf({ history: ordered, messages: withDropped, faults })).status,
    "holds",
  );
  const withDelivered = [...orderedCalls, undecoded()];
  assert.equal(
    checkMessages(runOf({ history: ordered, messages: withDelivered })).status,
    "inconclusive",
  );
  assert.equal(
    checkMessages(runOf({ history: [], messages: orderedCalls })).status,
    "inconclusive",
  );
  assert.equal(
    checkMessages(runOf({ history: ordered, messages: orderedCalls, messagesDropped: 3 })).status,
    "inconclusive",
  );
});

test("mutual exclusion's sweep finds an overlap exactly when some pair of entries overlaps", () => {
  const arbitraryEntry = fc.record({
    node: fc.constantFrom("node-0", "node-1", "node-2"),
    grantedMs: fc.integer({ min: 0, max: 2000 }),
    heldMs: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
  });
  fc.assert(
    fc.property(fc.array(arbitraryEntry, { maxLength: 12 }), (drawn) => {
      const history = drawn.flatMap((e, i) =>
        entry(
          e.node,
          i + 1,
          i + 1,
          e.grantedMs - 5,
          e.grantedMs,
          e.heldMs === null ? null : e.grantedMs + e.heldMs,
        ),
      );
      const end = (e: (typeof drawn)[number]) =>
        e.heldMs === null ? Infinity : e.grantedMs + e.heldMs;
      const overlap = drawn.some((a, i) =>
        drawn.some(
          (b, j) => i !== j && a.node !== b.node && a.grantedMs < end(b) && b.grantedMs < end(a),
        ),
      );
      const status = checkMutualExclusion(runOf({ history })).status;
      assert.equal(status, drawn.length === 0 ? "inconclusive" : overlap ? "violated" : "holds");
    }),
    { numRuns: 2000 },
  );
});
