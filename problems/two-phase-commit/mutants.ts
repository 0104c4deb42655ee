// Realistic Two-Phase Commit bugs, each a text edit of the reference, each with the scenario
// that catches it and the reason it must give (harness/mutants.ts). Each comment argues why
// that scenario triggers the bug on every run, not only on most.
import type { Mutant } from "../../harness/mutants.ts";

export const mutants: Mutant[] = [
  {
    // coordinator_crash_after_commit_to_one kills node-0 the moment its first Decide COMMIT
    // to node-1 is passed on: node-1 commits. The reference delivers to node-2 only after
    // node-1's acknowledgement, which never comes, and here nothing wrote the decision (it is
    // not even in the state other writes save). The restarted node-0 presumes ABORT and sends
    // it: node-2 aborts while node-1 has committed, and the traffic holds both COMMIT and
    // ABORT for the transaction.
    name: "decision-logged-after-acks",
    description:
      "Writes the decision to disk only once every participant acknowledged it, not before sending it: a coordinator killed after telling one participant forgets it decided.",
    expectScenario: "coordinator_crash_after_commit_to_one",
    expectReason: "^atomicity: ",
    edits: [
      {
        file: "coordinator.ts",
        find: "    txn.decision = decision;\n    if (decision",
        replace: "    if (decision",
      },
      {
        file: "coordinator.ts",
        find: "    this.file.save(this.state);\n    for (const wake",
        replace: "    for (const wake",
      },
      {
        file: "coordinator.ts",
        find: "    // The acknowledgements, so a restart resends nothing acknowledged.\n",
        replace: "    // Logged once every participant has it.\n    txn.decision = decision;\n",
      },
    ],
  },
  {
    // participant_crash_after_yes kills node-1 right after its YES went back to node-0: the
    // transaction is PREPARED in node-1's file. This node drops it when it starts again, so
    // its final state lists the transaction without that YES (or not at all).
    name: "forget-prepared-on-restart",
    description:
      "Drops the transactions it had prepared when it restarts (their locks look stale): its YES vote is forgotten.",
    expectScenario: "participant_crash_after_yes",
    expectReason: "^votes durable: ",
    edits: [
      {
        file: "participant.ts",
        find: '      if (txn.status === "PREPARED") this.preparedAt.set(Number(id), 0);',
        replace:
          '      // A prepared transaction\'s locks are stale after a restart: drop it.\n      if (txn.status === "PREPARED") delete this.state.txns[id];',
      },
    ],
  },
  {
    // coordinator_crash_after_prepare runs one client, so no Prepare meets a lock and no
    // source lacks funds: node-2 votes YES on the Prepare whose sending kills node-0, which
    // never hears that vote. node-0 is down for about 3 s; after 1 s in doubt node-2 commits
    // on its own, and the restarted node-0 presumes ABORT: its final state and node-2's differ.
    name: "participant-commits-in-doubt",
    description:
      "A participant in doubt for a second commits on its own instead of asking the coordinator.",
    expectScenario: "coordinator_crash_after_prepare",
    expectReason: "^(atomicity|decision received): ",
    edits: [
      {
        file: "resolver.ts",
        find: "this.participant.inDoubt(Date.now())) this.query(id);",
        replace: 'this.participant.inDoubt(Date.now())) this.apply(id, "COMMIT");',
      },
    ],
  },
  {
    // coordinator_crash_after_commit_to_one: node-0 decided COMMIT (so node-2 voted YES) and
    // dies as it tells node-1; node-2, told only after node-1's acknowledgement, is in doubt
    // for the 3 s node-0 is down, aborts on its own after 1 s, and the restarted node-0 sends
    // it COMMIT: node-1 and node-0 say COMMITTED, node-2 ABORTED.
    name: "participant-aborts-in-doubt",
    description:
      "A participant in doubt for a second aborts on its own after voting YES instead of asking the coordinator.",
    expectScenario: "coordinator_crash_after_commit_to_one",
    expectReason: "^(atomicity|decision received): ",
    edits: [
      {
        file: "resolver.ts",
        find: "this.participant.inDoubt(Date.now())) this.query(id);",
        replace: 'this.participant.inDoubt(Date.now())) this.apply(id, "ABORT");',
      },
    ],
  },
  {
    // coordinator_partitioned cuts node-1 off for 3 s while three clients keep sending: every
    // Prepare to node-1 is black-holed, so every transaction of that time reaches the vote
    // timeout with node-1's vote missing; the first one whose node-2 vote was YES (any transfer
    // between a and b locks nothing at node-2 and gets YES) is committed without node-1's.
    name: "commit-on-votes-that-arrived",
    description:
      "At the vote timeout, commits if every vote that arrived was YES, counting only those.",
    expectScenario: "coordinator_partitioned",
    expectReason: "^commit after every YES: ",
    edits: [
      {
        file: "coordinator.ts",
        find: 'setTimeout(() => finish("ABORT"), VOTE_TIMEOUT_MS)',
        replace: 'setTimeout(() => finish(replies.size > 0 ? "COMMIT" : "ABORT"), VOTE_TIMEOUT_MS)',
      },
    ],
  },
  {
    // coordinator_partitioned: the first transaction begun after node-1 is cut off reaches
    // the vote timeout without node-1's vote, and this coordinator commits it.
    name: "commit-on-vote-timeout",
    description: "Commits a transaction whose votes are not all in by the vote timeout.",
    expectScenario: "coordinator_partitioned",
    expectReason: "^commit after every YES: ",
    edits: [
      {
        file: "coordinator.ts",
        find: 'setTimeout(() => finish("ABORT"), VOTE_TIMEOUT_MS)',
        replace: 'setTimeout(() => finish("COMMIT"), VOTE_TIMEOUT_MS)',
      },
    ],
  },
];
