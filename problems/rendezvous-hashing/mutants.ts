// Realistic rendezvous-hashing bugs, each a text edit of the reference, each with the scenario
// that surely catches it by design and the reason it must give (harness/mutants.ts).
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    name: "position-not-id",
    description:
      "Weighs each member by its position in the membership (node-<i>|key) instead of its id: right while the members are node-0… in order, wrong once one leaves.",
    // steady's epoch 3 lacks one of node-0…node-3, so later members weigh as others: among
    // the 2,000 sampled keys the judge reads, some surely change owner (tests/mutants.test.ts).
    expectScenario: "steady",
    expectReason: "^owners: ",
    edits: [
      {
        file: "owner.ts",
        find: '  const sorted = [...members].sort();\n  return (key) => {\n    let best = "";\n    let bestWeight = -1n;\n    for (const node of sorted) {\n      const weight = hash64(`${node}|${key}`);',
        replace:
          '  const sorted = [...members].sort();\n  return (key) => {\n    let best = "";\n    let bestWeight = -1n;\n    for (const [position, node] of sorted.entries()) {\n      const weight = hash64(`node-${position}|${key}`);',
      },
    ],
  },
  {
    name: "lowest-weight",
    description: "Takes the member of the lowest weight instead of the highest.",
    // With four members, min and max differ for every key: every view misplaces keys.
    expectScenario: "steady",
    expectReason: "^owners: ",
    edits: [
      {
        file: "owner.ts",
        find: "    let bestWeight = -1n;",
        replace: "    let bestWeight = 1n << 64n;",
      },
      {
        file: "owner.ts",
        find: "      if (weight > bestWeight) {",
        replace: "      if (weight < bestWeight) {",
      },
    ],
  },
  {
    name: "data-not-moved-on-join",
    description:
      "Only a node that left the membership hands its keys over: on a join the old owners send empty Transfers, and the joiner answers its keys as not found.",
    // The judge's anchors include two moving from each member to node-4 at the join, put
    // before it; 0.3 s after the join it Gets them at node-4, which answers not found.
    expectScenario: "join_under_load",
    expectReason: "^reads: ",
    edits: [
      {
        file: "shard-node.ts",
        find: "const req = { from: this.nodeId, epoch, entries: this.entriesFor(to) };",
        replace:
          "const leaving = !this.state.members.includes(this.nodeId);\n          const req = { from: this.nodeId, epoch, entries: leaving ? this.entriesFor(to) : [] };",
      },
    ],
  },
  {
    name: "stale-owner-cache",
    description:
      "Remembers each key's owner the first time it computes it and never forgets: after a join the node keeps answering, and routing, with the old view.",
    // The judge reads every node's view of its probe keys at epoch 1 (filling the cache) and
    // again after the join; its anchors surely include keys that moved to node-4.
    expectScenario: "stale_view",
    expectReason: "^owners: ",
    edits: [
      {
        file: "owner.ts",
        find: "export function ownerFunction(",
        replace: "const known = new Map<string, string>();\n\nexport function ownerFunction(",
      },
      {
        file: "owner.ts",
        find: '  return (key) => {\n    let best = "";',
        replace:
          '  return (key) => {\n    const cached = known.get(key);\n    if (cached !== undefined) return cached;\n    let best = "";',
      },
      {
        file: "owner.ts",
        find: "    return best;",
        replace: "    known.set(key, best);\n    return best;",
      },
    ],
  },
  {
    name: "answers-before-handoff",
    description:
      "A new owner answers Gets at once, before every other node's Transfer for the view arrived: a key whose data is still on its way reads as not found.",
    // handoff_cut cuts a member's link to node-4 across node-4's join; the judge Gets, at
    // node-4, anchors put before that move from the cut member to node-4, 0.3 s after it.
    expectScenario: "handoff_cut",
    expectReason: "^reads: ",
    edits: [
      {
        file: "shard-node.ts",
        find: '  private applyGet(req: GetRequest): GetReply {\n    if (!this.ready()) throw new Refusal("UNAVAILABLE", "handoff in progress");\n',
        replace: "  private applyGet(req: GetRequest): GetReply {\n",
      },
    ],
  },
];
