// The leader is lost again and again while clients write: isolated, killed, paused, cut
// off one way, and once the whole cluster freezes as the leader dies. Entries from old terms
// must not be committed by counting (the Raft paper's figure 8), no term may have two
// leaders, and no node may vote twice in a term.
import type { FaultAction, FaultStep, ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import { seededRandom } from "../../../harness/random.ts";

const ROUND_MS = 2500;
/** Each round's repair comes this long after its fault. */
const REPAIR_AFTER_MS = ROUND_MS - 500;
/** How long the frozen cluster stays paused: longer than any election timeout. */
const FREEZE_MS = 1000;
/**
 * While the frozen followers wake, a call to a peer arrives this late: later than the
 * spread of their overdue election timers and of the resumes themselves on a busy machine,
 * so every one of them stands in the same term before any request for its vote arrives.
 * Answers are not delayed, so a vote's round trip stays within the usual 300 ms deadline.
 */
const WAKE_DELAY_MS = 200;

type Round = { afterMs: number; action: FaultAction }[];

const takeAway = (fault: FaultAction, repair: FaultAction): Round => [
  { afterMs: 0, action: fault },
  { afterMs: REPAIR_AFTER_MS, action: repair },
];

/**
 * Split votes on purpose: the whole cluster freezes, the leader dies while it is frozen, all
 * wake at once. The freeze comes first: a kill can take a second or two on a busy machine,
 * and the followers' timers must not run meanwhile.
 */
const freezeRound: Round = [
  { afterMs: 0, action: { kind: "pause-all" } },
  { afterMs: 0, action: { kind: "kill", node: "leader" } },
  {
    afterMs: 0,
    action: {
      kind: "flaky",
      dropProbability: 0,
      loseAnswerProbability: 0,
      delayMs: WAKE_DELAY_MS,
      jitterMs: 0,
      clients: false,
    },
  },
  { afterMs: FREEZE_MS, action: { kind: "resume-all" } },
  { afterMs: REPAIR_AFTER_MS, action: { kind: "heal" } },
];

/**
 * A message-triggered fault: the leader dies the moment a follower has accepted new entries
 * from it, so they sit on two of five nodes, uncommitted; the next leader may or may not
 * carry them, and whatever a client was told must survive either way.
 */
const replicatedThenKilled: Round = takeAway(
  {
    kind: "arm",
    node: "leader",
    as: "r",
    trigger: {
      direction: "egress",
      method: "AppendEntries",
      match: { request: { entries_count: { gte: 1 } }, response: { success: true } },
      phase: "complete",
      action: { kind: "kill" },
      when: "right after a follower accepted its new entries",
    },
  },
  { kind: "disarm", node: "$r" },
);

export function leaderChurn(seed: number): ScenarioPlan<KvWorkload> {
  const random = seededRandom(seed).fork("leader_churn");
  const faults: FaultStep[] = [];
  let at = 2000;
  const rounds: Round[] = [
    takeAway({ kind: "partition", groups: [["leader"], ["others"]] }, { kind: "heal" }),
    takeAway({ kind: "kill", node: "leader", as: "k1" }, { kind: "start", node: "$k1" }),
    freezeRound,
    takeAway({ kind: "partition", groups: [["leader", "follower"], ["others"]] }, { kind: "heal" }),
    takeAway({ kind: "pause", node: "leader", as: "p" }, { kind: "resume", node: "$p" }),
    takeAway({ kind: "kill", node: "leader", as: "k2" }, { kind: "start", node: "$k2" }),
    replicatedThenKilled,
    takeAway({ kind: "partition", groups: [["leader"], ["others"]] }, { kind: "heal" }),
    // Twice: whether every follower stands in one term still depends on timing.
    freezeRound,
  ];
  for (const round of rounds) {
    const jitter = random.int(0, 400);
    for (const step of round)
      faults.push({ atMs: at + jitter + step.afterMs, action: step.action });
    at += ROUND_MS + 500;
  }
  return {
    name: "leader_churn",
    description:
      "Nine rounds in a row take the leader away (isolated, killed, cut off with a follower, paused, killed the moment a follower accepted its new entries, and twice killed while the whole cluster is frozen so every follower wakes a candidate), each repaired 2 s later, while clients write.",
    seed,
    workload: {
      clients: 5,
      keys: 5,
      mix: { get: 3, put: 2, append: 5 },
      thinkMs: [20, 60],
      targeting: "leader",
    },
    workloadMs: at + 1000,
    idleWindows: [],
    faults,
    recoveryMs: 3000,
  };
}
