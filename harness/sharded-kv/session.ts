// One sharded-kv run from the judge's side, around the any-node clients: before the clients
// start, the judge reads the declared virtual-node count (where the problem has one), sends
// epoch 1 and puts the anchors; at each later membership step it sends the new membership,
// reads every node's view and Gets the anchors that moved at their new owner; at the end it
// reads every node's view again and Gets every key the run wrote.
import { nowMs, sleep } from "../clock.ts";
import type { NodeConnections } from "../any-node/connections.ts";
import { runOp } from "../any-node/run-op.ts";
import { newOp } from "../any-node/workload.ts";
import type { ProblemSession, WorkloadContext } from "../problem.ts";
import { OP_BUDGET_MS, SHARD_CODEC, type ShardOp } from "./client.ts";
import type { OwnerFunction } from "./checks/owners.ts";
import { MembershipService } from "./membership.ts";
import { anchorKeys, sampleKeys } from "./probes.ts";
import { emptyRecord, type ShardRecord } from "./record.ts";
import type { ShardWorkload } from "./workload.ts";

/** How long the judge waits for every node to answer a membership before going on. */
const INSTALL_WAIT_MS = 500;
/** After the installs, before reading views and anchors: the handoff's Transfers. */
const SETTLE_MS = 300;
/** The first Info and epoch 1 may wait this long for a node still starting. */
const FIRST_WAIT_MS = 5000;

export interface SessionHooks {
  /** Whether the nodes declare a virtual-node count (Info) before epoch 1. */
  declares: boolean;
  /** The statement's owner function for what the nodes declared, or why it is unusable. */
  ownerFunction(record: ShardRecord): OwnerFunction | string;
  /** Keys chosen by design for a membership (a ring's wrap-around, its edge vnodes). */
  designedKeys(members: readonly string[], record: ShardRecord): string[];
}

export function withMembership(
  base: ProblemSession<ShardOp>,
  connections: NodeConnections<object>,
  hooks: SessionHooks,
): ProblemSession<ShardOp> {
  const record = emptyRecord();
  let service: MembershipService | null = null;
  let probeKeys: string[] = [];
  let anchors: string[] = [];
  const judgeOps: ShardOp[] = [];

  /** One judge operation at `node`, recorded in the history. */
  const judgeOp = (
    ctx: WorkloadContext,
    label: string,
    fields: Pick<ShardOp, "f" | "key">,
    node: string,
  ) => {
    // A client of its own per operation: the judge's calls run in parallel.
    const op = newOp<ShardOp>(ctx, `judge-${label}-${judgeOps.length + 1}`, 1, fields);
    judgeOps.push(op);
    return runOp(connections, SHARD_CODEC, op, node, `${ctx.runId}-${label}`, OP_BUDGET_MS);
  };

  async function drive(ctx: WorkloadContext, service: MembershipService): Promise<void> {
    const spec = ctx.plan.workload as ShardWorkload;
    const [first, ...later] = spec.memberships;
    if (!first) {
      ctx.gate.release();
      return;
    }
    let owners: OwnerFunction | null = null;
    try {
      if (hooks.declares) await service.readDeclared(FIRST_WAIT_MS);
      record.sampleKeys = sampleKeys(ctx.plan.seed);
      const statement = hooks.ownerFunction(record);
      owners = typeof statement === "string" ? null : statement;
      anchors = owners ? anchorKeys(spec.memberships, owners) : [];
      const designed = spec.memberships.flatMap((m) => hooks.designedKeys(m.members, record));
      probeKeys = [...new Set([...record.sampleKeys, ...designed, ...spec.keys, ...anchors])];
      await service.install(first.members, FIRST_WAIT_MS);
      await sleep(SETTLE_MS);
      await Promise.all(
        anchors.map((key) =>
          judgeOp(ctx, "anchor", { f: "put", key }, ctx.random.pick(connections.nodes)),
        ),
      );
      await service.readViews(probeKeys, false);
    } finally {
      ctx.gate.release();
    }
    // The reads after a step run beside the next steps: a membership goes out at its time.
    const reads: Promise<unknown>[] = [];
    for (const step of later) {
      await sleep(ctx.originMs + step.atMs - nowMs());
      const before = service.record.memberships.at(-1)?.members ?? [];
      await service.install(step.members, INSTALL_WAIT_MS);
      const moved = owners ? movedAnchors(anchors, owners, before, step.members) : [];
      reads.push(
        sleep(SETTLE_MS).then(() =>
          Promise.all([
            service.readViews(probeKeys, false),
            ...moved.map(([key, owner]) => judgeOp(ctx, "moved", { f: "get", key }, owner)),
          ]),
        ),
      );
    }
    await Promise.all(reads);
  }

  return {
    ...base,
    startWorkload(ctx) {
      service = new MembershipService(connections, record, ctx.note);
      ctx.gate.hold();
      const clients = base.startWorkload(ctx);
      const driving = drive(ctx, service);
      return {
        history: clients.history,
        done: () => clients.done() + judgeOps.filter((op) => op.endMs !== null).length,
        finished: Promise.all([clients.finished, driving]).then(() => {
          clients.history.push(...judgeOps);
        }),
      };
    },
    async finalReads(ctx, budgetMs) {
      if (service) await service.readViews(probeKeys, true);
      const written = new Set([...(ctx.plan.workload as ShardWorkload).keys, ...anchors]);
      const nodes = connections.nodes;
      return Promise.all(
        [...written].map((key, i) => {
          const op = newOp<ShardOp>(ctx, "final", i + 1, { f: "get", key });
          const node = nodes[i % nodes.length] as string;
          return runOp(connections, SHARD_CODEC, op, node, `${ctx.runId}-final`, budgetMs);
        }),
      );
    },
    record: (): ShardRecord => record,
    close() {
      void service?.stop();
      base.close();
    },
  };
}

/** The anchors whose owner changes from `before` to `after`, with their new owner. */
function movedAnchors(
  anchors: readonly string[],
  owners: OwnerFunction,
  before: readonly string[],
  after: readonly string[],
): [string, string][] {
  const [was, now] = [owners(before), owners(after)];
  return anchors.flatMap((key): [string, string][] =>
    was(key) !== now(key) ? [[key, now(key)]] : [],
  );
}
