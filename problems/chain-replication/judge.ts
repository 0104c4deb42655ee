// The judge's side of a chain run: Raft's clients over the chain's wire (writes to the head,
// reads to the tail), and the judge as the chain's master around them: it configures epoch 1
// before the clients start and a new chain after every failure (master.ts).
import type { ClusterHandle } from "../../shared/ports/cluster.ts";
import { KvConnections } from "../../harness/leader-kv/connections.ts";
import { leaderKvJudge } from "../../harness/leader-kv/judge.ts";
import type { KvOp } from "../../harness/leader-kv/history.ts";
import type { ProblemSession } from "../../harness/problem.ts";
import { chainChecks } from "./checks.ts";
import type { MasterRecord } from "./checks.ts";
import { ChainMaster } from "./master.ts";
import { initialChain } from "./membership.ts";
import { chainWire } from "./wire.ts";

/** The clients wait this long at most for every node to answer epoch 1. */
const FIRST_CONFIG_WAIT_MS = 5000;

type Session = ProblemSession<KvOp<"not_head" | "not_tail">>;

function withMaster(cluster: ClusterHandle, session: Session): Session {
  const connections = new KvConnections(chainWire, new Map(cluster.nodes.map((n) => [n.id, n])));
  let master: ChainMaster | null = null;
  return {
    ...session,
    startWorkload(ctx) {
      master = new ChainMaster(cluster, connections, ctx.note);
      // Epoch 1 before any client request (statement.md): the clients wait at the gate.
      ctx.gate.hold();
      const chain = initialChain(
        ctx.plan.seed,
        cluster.nodes.map((n) => n.id),
      );
      void master.start(chain, FIRST_CONFIG_WAIT_MS).finally(() => ctx.gate.release());
      return session.startWorkload(ctx);
    },
    record: (): MasterRecord => ({ configs: master?.configs ?? [] }),
    close() {
      void master?.stop();
      connections.close();
      session.close();
    },
  };
}

export const judge = leaderKvJudge({
  wire: chainWire,
  // Plans name the members of the first chain by id (plans/clients.ts): no roles to track.
  roles: () => ({ observe: () => {}, holder: async () => null }),
  checks: chainChecks,
  extendSession: withMaster,
});
