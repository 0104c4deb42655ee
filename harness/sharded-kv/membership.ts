// The judge as the membership service (statements, "Membership"): it sends each membership
// to all five nodes, resending to each until that node answers with its epoch or a later
// one, or until a newer membership replaces it; and it reads nodes' views back (Owners).
// Everything it sent and read goes into its record, which the checks hold the nodes to.
import { nowMs, sleep } from "../clock.ts";
import type { NodeConnections } from "../any-node/connections.ts";
import type { ReadView, SentMembership, ShardRecord } from "./record.ts";

const RESEND_AFTER_MS = 100;

type Reply = { epoch?: number; owners?: string[]; vnodes?: number };

export class MembershipService {
  private stopped = false;
  private readonly sending: Promise<void>[] = [];

  constructor(
    private readonly connections: NodeConnections<object>,
    readonly record: ShardRecord,
    private readonly note: (description: string, atMs?: number) => void,
  ) {}

  /** Sends the next epoch; resolves once every node answered it, or after waitMs. */
  async install(members: readonly string[], waitMs: number): Promise<SentMembership> {
    const before = this.record.memberships.at(-1);
    const sent: SentMembership = {
      epoch: (before?.epoch ?? 0) + 1,
      members: [...members],
      sentMs: nowMs(),
      answeredMs: {},
    };
    this.record.memberships.push(sent);
    const joined = members.filter((m) => !before?.members.includes(m));
    const left = before?.members.filter((m) => !members.includes(m)) ?? [];
    const change = before
      ? [...joined.map((m) => `${m} joins`), ...left.map((m) => `${m} leaves`)].join(", ")
      : "first membership";
    this.note(
      `membership: epoch ${sent.epoch}, members ${members.join(", ")} (${change})`,
      sent.sentMs,
    );
    for (const node of this.connections.nodes) this.sending.push(this.send(sent, node));
    const until = nowMs() + waitMs;
    while (Object.keys(sent.answeredMs).length < this.connections.nodes.length && nowMs() < until)
      await sleep(20);
    return sent;
  }

  /** Every node's view of `keys`, read in parallel; a node that does not answer is left out. */
  async readViews(keys: readonly string[], final: boolean): Promise<ReadView[]> {
    const views = await Promise.all(
      this.connections.nodes.map(async (node): Promise<ReadView | null> => {
        const [attempt, res] = await this.connections.call(node, "Owners", { keys });
        const reply = res as Reply | undefined;
        if (attempt.result !== "ok" || !reply) return null;
        const owners: Record<string, string> = {};
        keys.forEach((k, i) => (owners[k] = reply.owners?.[i] ?? ""));
        return { node, atMs: attempt.endMs, epoch: Number(reply.epoch ?? 0), owners, final };
      }),
    );
    const read = views.filter((v): v is ReadView => v !== null);
    this.record.views.push(...read);
    return read;
  }

  /** Every node's declared virtual-node count (Info), retried until answered or waitMs. */
  async readDeclared(waitMs: number): Promise<void> {
    const until = nowMs() + waitMs;
    await Promise.all(
      this.connections.nodes.map(async (node) => {
        while (!this.stopped && nowMs() < until) {
          const [attempt, res] = await this.connections.call(node, "Info", {});
          if (attempt.result === "ok") {
            this.record.declaredVnodes[node] = Number((res as Reply | undefined)?.vnodes ?? 0);
            return;
          }
          await sleep(RESEND_AFTER_MS);
        }
      }),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.sending);
  }

  private async send(sent: SentMembership, node: string): Promise<void> {
    const request = { epoch: sent.epoch, members: sent.members };
    while (!this.stopped && this.record.memberships.at(-1) === sent) {
      const [attempt, res] = await this.connections.call(node, "SetMembership", request);
      if (attempt.result === "ok" && Number((res as Reply | undefined)?.epoch ?? 0) >= sent.epoch) {
        sent.answeredMs[node] ??= attempt.endMs;
        return;
      }
      await sleep(RESEND_AFTER_MS);
    }
  }
}
