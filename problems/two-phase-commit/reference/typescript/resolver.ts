// A participant's way out of doubt: a transaction it voted YES on and has no decision for
// after IN_DOUBT_AFTER_MS is asked about at the coordinator, again and again, until the
// answer is COMMIT or ABORT. It never decides on its own: only the coordinator's word counts.
import { QUERY_INTERVAL_MS } from "./accounts.ts";
import type { Participant } from "./participant.ts";
import type { Decision, QueryReply } from "./proto.ts";

/** Asks the coordinator for a transaction's decision; rejects when no answer came. */
export type AskCoordinator = (txnId: number) => Promise<QueryReply>;

export class InDoubtResolver {
  private readonly asking = new Set<number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly participant: Participant,
    private readonly ask: AskCoordinator,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), QUERY_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private tick(): void {
    for (const id of this.participant.inDoubt(Date.now())) this.query(id);
  }

  private query(id: number): void {
    if (this.asking.has(id)) return;
    this.asking.add(id);
    this.ask(id)
      .then((reply) => {
        if (reply.decision !== "UNKNOWN") this.apply(id, reply.decision);
      })
      .catch(() => {})
      .finally(() => this.asking.delete(id));
  }

  private apply(id: number, decision: Decision): void {
    try {
      this.participant.decide({ txn_id: id, decision });
    } catch (err) {
      this.onError(err);
    }
  }
}
