// Deliberately broken variants of the reference Multi-Paxos node (reference/typescript/): each
// is a small, realistic bug written as text edits to a copy of the reference. Every mutant must
// fail the scenario it names, with a verdict reason matching expectReason (a check's name, then
// its message): that is how the judge itself is tested (harness/mutants.ts applies them).
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    name: "promise-in-memory",
    description:
      "Keeps the promised ballot in memory only (accepted proposals are still written, and replaying them restores the highest accepted ballot): an acceptor killed after promising a new proposer's ballot comes back promising only the old leader's, and accepts the old leader's next Accept below the promise it had shown. The acceptor_restart scenario kills it between the promise and the new leader's Accept while the old leader still sends; the check compares its grants with the promise its earlier answer reported.",
    expectScenario: "acceptor_restart",
    expectReason:
      "acceptors never go back on a ballot|ballots unique to their proposer|one value per slot|linearizability",
    edits: [
      {
        file: "acceptor.ts",
        find: "      this.promised = ballot;\n      this.file.writePromise(ballot);\n",
        replace: "      this.promised = ballot;\n",
      },
    ],
  },
  {
    name: "accepts-below-promise",
    description:
      "Trusts whoever sends an Accept: accepts at any ballot, keeping the higher promise it had. When two proposers duel, the superseded one's next Accept is granted by an acceptor whose answer reports the other's higher promise: the check sees a grant below the promise the same answer reports, whatever the timing.",
    expectScenario: "dueling_proposers",
    expectReason: "acceptors never go back on a ballot|one value per slot|linearizability",
    edits: [
      {
        file: "acceptor.ts",
        find: "    if (compareBallots(ballot, this.promised) < 0) return false;\n    this.promised = ballot;\n",
        replace: "    this.promised = maxBallot(this.promised, ballot);\n",
      },
      {
        file: "acceptor.ts",
        find: 'import { compareBallots, type Ballot } from "./ballot.ts";',
        replace: 'import { compareBallots, maxBallot, type Ballot } from "./ballot.ts";',
      },
    ],
  },
  {
    name: "ignores-accepted-values",
    description:
      "The classic Paxos bug: a new leader fills every open slot from its first unlearnt one with a NOOP instead of the highest-ballot value its promises reported. On the ring of majorities a leader's Learns reach only its two neighbours, so the next leader (two steps round the ring) has not learnt its slots and must take them from its only two promises, one from a neighbour of the old leader that accepted them: whichever majority it used, the proposal was bound to the reported value, and its Learn of NOOP meets the neighbour's Learn of the command.",
    expectScenario: "majorities_ring",
    expectReason:
      "proposers adopt the highest accepted value|one command learnt per slot|one value per slot|linearizability",
    edits: [
      {
        file: "paxos-node.ts",
        find: "this.leadership.proposeAt(slot, c.reports.get(slot)?.command ?? NOOP);",
        replace: "this.leadership.proposeAt(slot, NOOP);",
      },
    ],
  },
  {
    name: "ballots-without-node",
    description:
      "Ballots are rounds alone (ballot_node always 0), so two proposers can share one and both win it. The leader_election scenario kills the first leader (node-0, which starts first); the next one's first Prepare carries a node part that is not its own number.",
    expectScenario: "leader_election",
    expectReason: "ballots unique to their proposer",
    edits: [
      {
        file: "paxos-node.ts",
        find: "    const ballot = { round, node: this.number };",
        replace: "    const ballot = { round, node: 0 };",
      },
    ],
  },
  {
    name: "no-duplicate-suppression",
    description:
      "No client table: every request is proposed and every chosen command applied, a retry of an applied (client_id, sequence) too. When drops make an APPEND miss the client's deadline, the client retries it after it took effect and it takes effect again: reads then show it twice.",
    expectScenario: "unreliable_network",
    expectReason: "linearizability|not linearizable",
    edits: [
      {
        file: "state-machine.ts",
        find: "    const session = this.sessions.get(c.clientId);\n    if (session && c.sequence <= session.sequence) return;\n",
        replace: "",
      },
      {
        file: "client-requests.ts",
        find: '    if (session && session.sequence === sequence)\n      return Promise.resolve(answer("OK", { ...session.result, slot: session.slot }));\n',
        replace: "",
      },
    ],
  },
  {
    name: "local-reads",
    description:
      "The leader answers GET from its own state machine, without a slot: no quorum confirms it still leads, so a deposed leader serves stale values. The traffic shows it on the first GET: an OK naming slot 0, which no Learn or majority of acceptances ever justified.",
    expectScenario: "log_replication",
    expectReason: "nodes act only on chosen slots|linearizability",
    edits: [
      {
        file: "client-requests.ts",
        find: '    if (session && session.sequence > sequence) return Promise.resolve(answer("UNAVAILABLE"));\n',
        replace: [
          '    if (session && session.sequence > sequence) return Promise.resolve(answer("UNAVAILABLE"));',
          '    if (req.op === "GET") {',
          '      const value: string | undefined = this.node.machine["data"].get(req.key);',
          '      return Promise.resolve(answer("OK", { value: value ?? "", found: value !== undefined }));',
          "    }",
          "",
        ].join("\n"),
      },
    ],
  },
  {
    name: "applies-own-acceptance",
    description:
      "The leader takes a slot as chosen once its own acceptance is on disk: it sends the Accepts, and at once applies, answers the client and sends Learns. Every Learn it sends follows no acceptance by any other node, from the first write on.",
    expectScenario: "log_replication",
    expectReason: "nodes act only on chosen slots",
    edits: [
      {
        file: "leadership.ts",
        find: "      if (this.majority(proposal)) this.choose(proposal);\n      else this.sendAccepts(proposal);\n",
        replace: "      this.sendAccepts(proposal);\n      this.choose(proposal);\n",
      },
    ],
  },
  {
    name: "quorum-off-by-one",
    description:
      "The leader's majority is written floor(n / 2), forgetting the + 1: with 5 nodes it takes a slot as chosen once itself and one other acceptor accepted it. The first answer to each Accept sets off its Learns, with one other acceptance where two are needed.",
    expectScenario: "log_replication",
    expectReason: "nodes act only on chosen slots",
    edits: [
      {
        file: "leadership.ts",
        find: "    return Math.floor(this.ctx.clusterSize / 2) + 1;",
        replace: "    return Math.floor(this.ctx.clusterSize / 2);",
      },
    ],
  },
];
