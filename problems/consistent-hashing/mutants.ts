// Realistic consistent-hashing bugs, each a text edit of the reference, each with the scenario
// that surely catches it by design and the reason it must give (harness/mutants.ts).
// tests/mutants-by-design.test.ts computes, over the statement's ring, that each one's
// scenario holds a key it misplaces or a read it answers wrongly.
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    name: "position-not-id",
    description:
      "Labels each member's virtual nodes by its position in the membership (node-<i>#j) instead of its id: right while the members are node-0… in order, wrong once one leaves.",
    // steady's epoch 3 lacks one of node-0…node-3, so every later member hashes as another:
    // the judge's views of epoch 3 (2,000 sampled keys) surely hold a misplaced key.
    expectScenario: "steady",
    expectReason: "^owners: ",
    edits: [
      {
        file: "owner.ts",
        find: "  for (const node of members)\n    for (let i = 0; i < VNODES; i++) ring.push({ at: hash64(`${node}#${i}`), node });",
        replace:
          "  for (const [position, node] of members.entries())\n    for (let i = 0; i < VNODES; i++) ring.push({ at: hash64(`node-${position}#${i}`), node });",
      },
    ],
  },
  {
    name: "no-wrap-around",
    description:
      "A key past the highest point goes to the highest point's node instead of wrapping to the lowest.",
    // The judge probes two keys past the highest point of every membership; for node-0…node-3
    // with 100 vnodes the highest and lowest points belong to different nodes (the test).
    expectScenario: "steady",
    expectReason: "^owners: ",
    edits: [
      {
        file: "owner.ts",
        find: "return (ring[lo === ring.length ? 0 : lo] as Point).node;",
        replace: "return (ring[Math.min(lo, ring.length - 1)] as Point).node;",
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
        find: "  return (key) => {\n    const at = hash64(key);",
        replace:
          "  return (key) => {\n    const cached = known.get(key);\n    if (cached !== undefined) return cached;\n    const at = hash64(key);",
      },
      {
        file: "owner.ts",
        find: "    return (ring[lo === ring.length ? 0 : lo] as Point).node;",
        replace:
          "    const owner = (ring[lo === ring.length ? 0 : lo] as Point).node;\n    known.set(key, owner);\n    return owner;",
      },
    ],
  },
  {
    name: "too-few-vnodes",
    description:
      "Numbers the virtual nodes from 1: each member has 99 points on the ring while it declares 100.",
    // The judge probes a key in the arc ending at every member's "#0" point; the test finds,
    // for node-0…node-3 with 100 vnodes, such an arc whose next point is another node's.
    expectScenario: "steady",
    expectReason: "^owners: ",
    edits: [
      {
        file: "owner.ts",
        find: "for (let i = 0; i < VNODES; i++)",
        replace: "for (let i = 1; i < VNODES; i++)",
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
