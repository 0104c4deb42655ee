// Realistic vector-clock bugs, each a text edit of the reference, each with the scenario that
// catches it and the reason it must give (harness/mutants.ts).
import type { Mutant } from "../../harness/mutants.ts";

const RECEIVE = `    this.record("RECEIVE", req.from, req.message);\n`;

export const mutants: Mutant[] = [
  {
    name: "no-increment-on-receive",
    description:
      "Merges a message's clock into its own but does not count the receive as an event of its own: the receive's clock says nothing a peer's later knowledge of the node's previous event does not.",
    expectScenario: "steady",
    expectReason: "^happens-before: ",
    edits: [
      {
        file: "clock-node.ts",
        find: RECEIVE,
        replace: `    this.state.log.push({
      kind: "RECEIVE",
      clock: { ...this.state.clock },
      peer: req.from,
      message: req.message,
    });\n`,
      },
    ],
  },
  {
    name: "merge-by-sum",
    description:
      "Merges a message's clock by adding each entry to its own instead of keeping the larger: the receiver claims to know more of the sender's events than happened (happens-before) or, when the message carries the receiver's own entry, jumps its own count past the events it logged (acknowledged events: an answered clock names an event its log does not hold). Which shows first depends on the order the messages took.",
    expectScenario: "steady",
    expectReason: "^(happens-before|acknowledged events): ",
    edits: [
      {
        file: "clock-node.ts",
        find: "this.state.clock[node] = Math.max(this.state.clock[node] ?? 0, count);",
        replace: "this.state.clock[node] = (this.state.clock[node] ?? 0) + count;",
      },
    ],
  },
  {
    name: "receive-increments-sender",
    description:
      "On a receive, increments the sender's entry (the message's origin) instead of its own.",
    expectScenario: "steady",
    expectReason: "^happens-before: ",
    edits: [
      {
        file: "clock-node.ts",
        find: RECEIVE,
        replace: `    this.state.clock[req.from] = (this.state.clock[req.from] ?? 0) + 1;
    this.state.log.push({
      kind: "RECEIVE",
      clock: { ...this.state.clock },
      peer: req.from,
      message: req.message,
    });\n`,
      },
    ],
  },
  {
    name: "compare-by-total",
    description:
      "Compares two clocks by the sums of their entries first, as one would Lamport timestamps: concurrent events with different totals come out before or after.",
    expectScenario: "steady",
    expectReason: '^happens-before: compare\\(.*"(before|after)" but the events are concurrent',
    edits: [
      {
        file: "clock-node.ts",
        find: "export function compare(a: Clock, b: Clock): Order {\n",
        replace: `export function compare(a: Clock, b: Clock): Order {
  const total = (c: Clock) => Object.values(c).reduce((sum, n) => sum + n, 0);
  if (total(a) !== total(b)) return total(a) < total(b) ? "BEFORE" : "AFTER";\n`,
      },
    ],
  },
  {
    name: "compare-le-as-lt",
    description:
      "Answers before whenever every entry of a is at most b's, without asking for one strictly smaller: two equal clocks come out before.",
    expectScenario: "steady",
    expectReason: '^happens-before: compare\\(.*"before" but the events are equal',
    edits: [
      {
        file: "clock-node.ts",
        find: 'return less ? "BEFORE" : greater ? "AFTER" : "EQUAL";',
        replace: 'return !greater ? "BEFORE" : "AFTER";',
      },
    ],
  },
  {
    name: "clock-saved-on-timer",
    description:
      "Writes its clock and log to disk every two seconds instead of before answering: a kill takes it back to an older clock, and it stamps new events with numbers it had already answered.",
    expectScenario: "crash_restart",
    expectReason: "^(happens-before|acknowledged events): ",
    edits: [
      {
        file: "clock-node.ts",
        find: "    this.state.last[req.client_id] = { sequence: req.sequence, clock };\n    this.file.save(this.state);",
        replace:
          "    this.state.last[req.client_id] = { sequence: req.sequence, clock };\n    this.dirty = true;",
      },
      {
        file: "clock-node.ts",
        find: `${RECEIVE}    this.file.save(this.state);`,
        replace: `${RECEIVE}    this.dirty = true;`,
      },
      {
        file: "clock-node.ts",
        find: "    outbox.shift();\n    this.file.save(this.state);",
        replace: "    outbox.shift();\n    this.dirty = true;",
      },
      {
        file: "clock-node.ts",
        find: "    this.state = file.load();",
        replace: `    this.state = file.load();
    setInterval(() => {
      if (this.dirty) this.file.save(this.state);
      this.dirty = false;
    }, 2000);`,
      },
      {
        file: "clock-node.ts",
        find: "  private readonly state: ClockState;",
        replace: "  private readonly state: ClockState;\n  private dirty = false;",
      },
    ],
  },
  {
    name: "receive-not-deduplicated",
    description:
      "Records every Deliver call as a receive, also one the sender resent because it did not hear the answer.",
    expectScenario: "lost_answers",
    expectReason: "^delivery: .* times",
    edits: [
      {
        file: "clock-node.ts",
        find: "    if (received.includes(req.message)) return;\n",
        replace: "",
      },
    ],
  },
  {
    name: "send-once",
    description:
      "Delivers each message once and forgets it when the call fails: a message sent across a partition never arrives.",
    expectScenario: "partitioned_sends",
    expectReason: "^delivery: .* never received",
    edits: [
      {
        file: "peer-sender.ts",
        find: "        this.schedule(this.backoffMs);\n",
        replace: "        this.acknowledged(message.message);\n        this.schedule(0);\n",
      },
    ],
  },
];
