// Deliberately broken variants of the reference Raft (reference/typescript/): each is a
// small, realistic bug written as text edits to a copy of the reference. Every mutant must
// fail the scenario it names, with a verdict reason matching expectReason: that is how the
// judge itself is tested (harness/mutants.ts applies them).
import type { Mutant } from "../../harness/mutants.ts";

// Bracket access reaches the node's private parts, as a shortcut a learner might take.
const machine = 'this.node["parts"].machine';

export const mutants: Mutant[] = [
  {
    name: "forgets-state-on-restart",
    description:
      "Keeps term, vote and log in a folder named after the moment the process started, so a restarted node starts empty at term 0: it votes again in terms it voted in, and after the whole cluster restarts every committed write is gone. (Named after the process id it no longer forgets: in its own pid namespace a node has the same pid at every start.)",
    expectScenario: "node_recovery",
    expectReason: "not linearizable|two leaders in term|voted for both|committed entries survive",
    edits: [
      {
        file: "main.ts",
        find: "const dataDir = env.dataDir;",
        replace: "const dataDir = `${env.dataDir}/run-${Date.now()}`;",
      },
    ],
  },
  {
    name: "stale-local-reads",
    description:
      "The leader answers GET from its own state machine without a log round, and (like the basic algorithm of the Raft paper) never steps down on its own: a leader cut off from the majority keeps serving old values while the new leader accepts writes.",
    expectScenario: "network_partition",
    expectReason: "not linearizable",
    edits: [
      {
        file: "client-requests.ts",
        find: "    const at = this.node.propose({",
        replace: `    if (req.op === "GET") return Promise.resolve(answer("OK", ${machine}.read(req.key)));\n    const at = this.node.propose({`,
      },
      {
        file: "config.ts",
        find: "export const stepDownAfterMs = 1500;",
        replace: "export const stepDownAfterMs = Infinity;",
      },
    ],
  },
  {
    name: "no-duplicate-suppression",
    description:
      "Applies every committed operation, even a retry of a (client_id, sequence) already applied: when the answer to a committed APPEND is lost, the client retries it and both copies commit.",
    expectScenario: "unreliable_network",
    expectReason: "not linearizable",
    edits: [
      {
        file: "state-machine.ts",
        find: "    if (session && c.sequence === session.sequence) return session.result;\n",
        replace: "",
      },
    ],
  },
  {
    name: "follower-accepts-writes",
    description:
      "A follower applies PUT and APPEND to its own state machine and answers OK instead of NOT_LEADER: the write never reaches the log, so reads through the leader miss it.",
    expectScenario: "client_redirect",
    expectReason: "not linearizable|never been leader",
    edits: [
      {
        file: "client-requests.ts",
        find: '      return Promise.resolve(answer("NOT_LEADER", { leader_hint: this.node.leaderId }));\n',
        replace: [
          '      if (req.op === "GET") {',
          '        return Promise.resolve(answer("NOT_LEADER", { leader_hint: this.node.leaderId }));',
          "      }",
          "      const { client_id: clientId, sequence, key, value } = req;",
          `      ${machine}.apply({ clientId, sequence, op: req.op as ClientOp, key, value });`,
          '      return Promise.resolve(answer("OK"));',
          "",
        ].join("\n"),
      },
    ],
  },
  {
    name: "no-log-matching",
    description:
      "A follower ignores prev_log_index and prev_log_term: it appends whatever it is sent after its own last entry, never truncates, and commits up to its own log's end. A lagging follower answers success to entries that do not follow its log; an old leader keeps its uncommitted entries and appends the new leader's after them. Clients rarely see it (duplicate suppression hides most of the damage); the traffic shows it at once.",
    expectScenario: "network_partition",
    expectReason: "log matching|not linearizable",
    edits: [
      {
        file: "raft-node.ts",
        find: [
          "    const conflict = this.logConflict(prev, req.prev_log_term);",
          "    if (conflict) return reply(false, conflict.term, conflict.index);",
          "    this.storeEntries(prev, req.entries);",
          "    const lastNew = prev + req.entries.length;",
        ].join("\n"),
        replace: [
          "    this.appendLocal(req.entries.map((e) => ({ term: e.term, command: e.command })));",
          "    this.parts.log.sync();",
          "    const lastNew = this.parts.log.lastIndex;",
        ].join("\n"),
      },
    ],
  },
  {
    name: "double-vote",
    description:
      "Grants its vote to any candidate with an up-to-date log, forgetting whom it voted for in this term: two candidates of one term can both win.",
    expectScenario: "leader_churn",
    expectReason: "voted for both|two leaders in term",
    edits: [
      {
        file: "raft-node.ts",
        find: "    const free = this.votedFor === null || this.votedFor === req.candidate_id;",
        replace: "    const free = true;",
      },
    ],
  },
  {
    name: "ok-before-commit",
    description:
      "The leader answers OK to PUT and APPEND as soon as they are in its own log, before a majority holds them: a leader cut off from the majority acknowledges writes that are then lost.",
    expectScenario: "network_partition",
    expectReason: "not linearizable",
    edits: [
      {
        file: "client-requests.ts",
        find: '    if (!at) return Promise.resolve(answer("UNAVAILABLE"));\n',
        replace:
          '    if (!at) return Promise.resolve(answer("UNAVAILABLE"));\n    if (req.op !== "GET") return Promise.resolve(answer("OK"));\n',
      },
    ],
  },
  {
    name: "figure-8",
    description:
      "The bug of the Raft paper's Figure 8 (§5.4.2): a new leader appends no no-op (legal), and commits an entry of an earlier term as soon as a majority holds it (the bug: only entries of the leader's own term may be committed by counting replicas). A leader also answers a retried operation it has already applied from its client table, without a new entry (legal: applied means committed), which is how a client comes to be told OK for the old entry. That entry can then be replaced by a node holding a newer-term entry at its index, which wins once the leader dies.",
    expectScenario: "figure8",
    expectReason: "committed entries survive: .*§5\\.4\\.2",
    edits: [
      {
        file: "raft-node.ts",
        find: [
          "    // The no-op lets this term commit, and with it every entry of earlier terms.",
          "    this.appendLocal([{ term, command: encodeNoop() }]);",
          "    this.leader.entriesAppended();",
          "",
        ].join("\n"),
        replace: "",
      },
      {
        file: "raft-node.ts",
        find: 'import { decodeCommand, encodeCommand, encodeNoop, opKey, type ClientCommand } from "./commands.ts";',
        replace:
          'import { decodeCommand, encodeCommand, opKey, type ClientCommand } from "./commands.ts";',
      },
      {
        file: "leader.ts",
        find: "    if (majorityHeld > this.ctx.commitIndex() && log.termAt(majorityHeld) === term) {",
        replace: "    if (majorityHeld > this.ctx.commitIndex()) {",
      },
      {
        file: "leader.ts",
        find: "    const { log, term, clusterSize } = this.ctx;\n    const held",
        replace: "    const { log, clusterSize } = this.ctx;\n    const held",
      },
      {
        file: "client-requests.ts",
        find: "    const at = this.node.propose({",
        replace: [
          `    const done = ${machine}["sessions"].get(req.client_id);`,
          '    if (done && done.sequence === req.sequence) return Promise.resolve(answer("OK", done.result));',
          "    const at = this.node.propose({",
        ].join("\n"),
      },
    ],
  },
  {
    name: "heartbeat-flood",
    description:
      "Heartbeat interval and send spacing written in seconds (0.1, 0.06) where milliseconds are meant: an idle leader sends each follower AppendEntries as fast as it can, far above the spec's 20 a second.",
    expectScenario: "leader_election",
    expectReason: "heartbeats a second",
    edits: [
      {
        file: "config.ts",
        find: "export const heartbeatIntervalMs = 100;",
        replace: "export const heartbeatIntervalMs = 0.1;",
      },
      {
        file: "config.ts",
        find: "export const sendGapMsMin = 60;",
        replace: "export const sendGapMsMin = 0.06;",
      },
    ],
  },
];
