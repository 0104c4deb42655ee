// The Raft paper's Figure 8 (§5.4.2), steered round after round by who leads: an entry of an
// old term reaches a majority under a later leader, a client is told its write took effect,
// and a node holding a newer-term entry at the same index is then the only one that can win.
// A leader that commits old-term entries by counting replicas loses that acknowledged write.
// The clients are held during each round, so the round's own requests are the only traffic:
// background writes of the new term would commit the old entry legitimately and hide the bug.
import type { FaultAction, RoundStep, ScenarioPlan } from "../../../harness/plan.ts";
import type { KvWorkload } from "../../../harness/leader-kv/workload.ts";
import type { KvPlanRequest } from "../../../harness/leader-kv/plan-requests.ts";

/**
 * The key the rounds write, which the workload's clients never touch: X and Y are appends
 * to it, so the final read shows which survived.
 */
const KEY = "figure8";
/** Clients write between rounds for this long. */
const BETWEEN_ROUNDS_MS = 1500;
/** Enough for a new leader to bring its followers' logs to its own and tell them. */
const REPLICATE_MS = 500;
/** Clients write this long under the round's leader before the heal. */
const HEAL_AFTER_MS = 500;
const WORKLOAD_MS = 62_000;
/** No round starts later: a round that runs whole takes 7–9 s on a busy machine. */
const ROUNDS_UNTIL_MS = WORKLOAD_MS - 9_000;

const append: KvPlanRequest = { f: "append", key: KEY };
const at = (afterMs: number, action: FaultAction): RoundStep => ({ afterMs, action });
const now = (action: FaultAction): RoundStep => at(0, action);

/**
 * A leader A with a follower B; C the leader the other three elect meanwhile; L whichever of
 * A and B leads again.
 */
const round: RoundStep[] = [
  at(BETWEEN_ROUNDS_MS, { kind: "hold-clients", settleMs: 2000 }),
  now({ kind: "await", role: "leader", as: "a", timeoutMs: 3000 }),
  now({ kind: "label", node: "follower", except: ["$a"], as: "b" }),
  // 1. A and B alone: X goes into A's log and B's, and cannot commit.
  now({ kind: "partition", groups: [["$a", "$b"], ["others"]], replace: true }),
  now({ kind: "request", node: "$a", label: "x", request: append, budgetMs: 0 }),
  // 2. The other three elect C; C alone takes Y at the same index, in its newer term.
  now({ kind: "await", role: "leader", except: ["$a", "$b"], as: "c", timeoutMs: 3000 }),
  now({ kind: "partition", groups: [["$c"], ["others"]], replace: true }),
  now({ kind: "request", node: "$c", label: "y", request: append, budgetMs: 0 }),
  // 3. A or B leads the four, and brings X to the two that lacked it: a majority holds X.
  //    (C may still show as leader a moment; one of the other two leading ends the round.)
  now({
    kind: "await",
    role: "leader",
    among: ["$a", "$b"],
    except: ["$c"],
    giveUpOn: ["others"],
    as: "l",
    timeoutMs: 2500,
  }),
  // 4. X again, at L: an OK says X took effect, and L dies the moment it has said so.
  at(REPLICATE_MS, {
    kind: "arm",
    node: "$l",
    trigger: {
      direction: "ingress",
      peer: "client",
      method: "ClientRequest",
      match: { response: { status: "OK" } },
      phase: "complete",
      action: { kind: "kill" },
      when: "right after it answered a client OK",
    },
  }),
  now({ kind: "request", node: "$l", label: "x", budgetMs: 1500 }),
  // 5. C reaches every node, the others only C (and the two of the first three each other):
  //    only C can win, and it can only if no node holds an entry of L's term.
  now({
    kind: "partition",
    groups: [
      ["$c", "$a"],
      ["$c", "$b"],
      ["$c", "others"],
    ],
    replace: true,
  }),
  //    (L may still show as leader a moment; another one leading ends the round.)
  now({
    kind: "await",
    role: "leader",
    among: ["$c"],
    except: ["$l"],
    giveUpOn: ["others"],
    timeoutMs: 3000,
  }),
  // 6. C's log replaces the others' at X's index; the heal brings L back to the same.
  at(REPLICATE_MS, {
    kind: "note",
    text: "C has had time to replace X with Y on every node it leads",
  }),
];

/**
 * Clients first, so writes are served by whoever leads before the heal: the isolated node
 * comes back with a higher term and forces one more election.
 */
const repair: RoundStep[] = [now({ kind: "release-clients" }), at(HEAL_AFTER_MS, { kind: "heal" })];

export function figure8(seed: number): ScenarioPlan<KvWorkload> {
  return {
    name: "figure8",
    description:
      "The Raft paper's Figure 8, round after round with the clients held: the leader and a follower cut off take a write X; the other three elect C, which alone takes a write Y; the first two lead again with the other two and X is retried until OK; that leader dies at once and only C can win.",
    seed,
    workload: {
      clients: 2,
      keys: 3,
      mix: { get: 2, put: 1, append: 3 },
      thinkMs: [40, 120],
      targeting: "leader",
    },
    workloadMs: WORKLOAD_MS,
    idleWindows: [],
    faults: [
      {
        atMs: 500,
        action: { kind: "rounds", untilMs: ROUNDS_UNTIL_MS, steps: round, finally: repair },
      },
    ],
    recoveryMs: 3000,
  };
}
