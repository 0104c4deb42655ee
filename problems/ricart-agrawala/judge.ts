// The judge's side of a Ricart-Agrawala run: one client pinned to each node entering and
// leaving the critical section, the checks, and the history with each operation's node (key)
// and the sequence of the entry it belongs to (value), which pairs a release with its acquire.
import { NodeConnections } from "../../harness/any-node/connections.ts";
import { historyDocument } from "../../harness/history-document.ts";
import { describeOperation } from "../../harness/operation.ts";
import type { ProblemJudge } from "../../harness/problem.ts";
import { mutexChecks } from "./checks.ts";
import { SERVICE, type MutexOp } from "./client.ts";
import { startPinnedClients } from "./clients.ts";

export const judge: ProblemJudge<MutexOp> = {
  open(cluster) {
    const nodes = [...cluster.nodes].sort((a, b) =>
      a.id.localeCompare(b.id, "en", { numeric: true }),
    );
    const connections = new NodeConnections<{ timestamp?: number }>(
      SERVICE,
      new Map(nodes.map((n) => [n.id, n])),
    );
    return {
      startWorkload: (ctx) => startPinnedClients(ctx, connections),
      // Nothing to read after the heal: every check reads the entries and the traffic.
      finalReads: () => Promise.resolve([]),
      close: () => connections.close(),
    };
  },
  // No node holds a role: a plan names nodes by id.
  roles: () => ({ observe: () => {}, holder: () => Promise.resolve(null) }),
  checks: mutexChecks,
  historyDocument: (run) =>
    historyDocument("mutex", run, (op) => ({ key: op.key, value: op.sequence ?? null })),
  describeOperation,
};
