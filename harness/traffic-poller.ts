// Reads every agent's message log while a scenario runs, so the bounded logs never fill
// and faults aimed at "the leader" know who leads. Every message read is shown to the
// role tracker; what is kept for the checks and messages.jsonl stops at the judge's caps
// (caps.ts), the rest counted.
import type { MessageRecord, NodeEndpoint } from "../shared/ports/cluster.ts";
import { MESSAGE_CAPS, MessageKeep, type MessageCaps } from "./caps.ts";
import { sleep } from "./clock.ts";

const POLL_INTERVAL_MS = 250;

export interface TrafficPollerOptions {
  /** Messages that started before this (epoch ms) are calls an earlier run left in flight. */
  sinceMs?: number;
  caps?: MessageCaps;
}

export class TrafficPoller {
  /** Messages the agents discarded from their bounded logs before they were read. */
  agentDropped = 0;
  private readonly keep: MessageKeep;
  private readonly sinceMs: number;
  private readonly cursors = new Map<string, number>();
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly nodes: readonly NodeEndpoint[],
    private readonly onMessages: (batch: MessageRecord[]) => void = () => {},
    opts: TrafficPollerOptions = {},
  ) {
    this.keep = new MessageKeep(opts.caps ?? MESSAGE_CAPS);
    this.sinceMs = opts.sinceMs ?? -Infinity;
  }

  /** The messages kept, by start time once stopped. */
  get messages(): readonly MessageRecord[] {
    return this.keep.kept;
  }

  /** Messages read but not kept: beyond the judge's caps. */
  get notKept(): number {
    return this.keep.notKept;
  }

  /** Bytes the kept messages take in messages.jsonl. */
  get keptBytes(): number {
    return this.keep.bytes;
  }

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
    this.keep.kept.sort((a, b) => a.startMs - b.startMs);
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
        this.agentDropped += page.dropped;
        const batch = page.items.filter((m) => m.startMs >= this.sinceMs);
        this.keep.add(batch);
        this.onMessages(batch);
      }),
    );
  }
}
