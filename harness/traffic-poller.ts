// Reads every agent's message log while a scenario runs, so the bounded logs never fill
// and faults aimed at "the leader" know who leads.
import type { MessageRecord, NodeEndpoint } from "../shared/ports/cluster.ts";
import { sleep } from "./clock.ts";

const POLL_INTERVAL_MS = 250;

export class TrafficPoller {
  readonly messages: MessageRecord[] = [];
  dropped = 0;
  private readonly cursors = new Map<string, number>();
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly nodes: readonly NodeEndpoint[],
    private readonly onMessages: (batch: MessageRecord[]) => void = () => {},
  ) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.pollOnce();
        await sleep(POLL_INTERVAL_MS);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.pollOnce();
    this.messages.sort((a, b) => a.startMs - b.startMs);
  }

  /** One read of every agent; an agent that does not answer is read next time. */
  async pollOnce(): Promise<void> {
    await Promise.all(
      this.nodes.map(async (node) => {
        const since = this.cursors.get(node.id);
        const page = await node.control
          .messages(since === undefined ? {} : { since })
          .catch(() => null);
        if (!page) return;
        this.cursors.set(node.id, page.next);
        this.dropped += page.dropped;
        this.messages.push(...page.items);
        this.onMessages(page.items);
      }),
    );
  }
}
