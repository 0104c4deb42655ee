// Reads every agent's message log while a scenario runs, so the bounded logs never fill
// and faults aimed at "the leader" know who leads. Every message read is shown to the
// role tracker, then streamed to disk (message-file.ts) up to the judge's caps (caps.ts),
// the rest counted; once stopped, the checks read them from messages.jsonl.
import type { MessageRecord, Messages, NodeEndpoint } from "../shared/ports/cluster.ts";
import { MESSAGE_CAPS, type MessageCaps } from "./caps.ts";
import { sleep } from "./clock.ts";
import { MessageSpool } from "./message-file.ts";

const POLL_INTERVAL_MS = 250;

export interface TrafficPollerOptions {
  /** Where the messages kept go (messages.jsonl), by start time once stopped. */
  file: string;
  /** Messages that started before this (epoch ms) are calls an earlier run left in flight. */
  sinceMs?: number;
  caps?: MessageCaps;
}

export class TrafficPoller {
  /** Messages the agents discarded from their bounded logs before they were read. */
  agentDropped = 0;
  private readonly spool: MessageSpool;
  private stopped: Messages | null = null;
  /** Stopped or abandoned: what is read now is no longer kept. */
  private done = false;
  private readonly sinceMs: number;
  private readonly cursors = new Map<string, number>();
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly nodes: readonly NodeEndpoint[],
    private readonly onMessages: (batch: MessageRecord[]) => void = () => {},
    opts: TrafficPollerOptions,
  ) {
    this.spool = new MessageSpool(opts.file, opts.caps ?? MESSAGE_CAPS);
    this.sinceMs = opts.sinceMs ?? -Infinity;
  }

  /** The messages kept, by start time, read from their file: once stopped. */
  get messages(): Messages {
    if (!this.stopped) throw new Error("the traffic poller's messages are read once it stops");
    return this.stopped;
  }

  /** Messages kept so far. */
  get kept(): number {
    return this.spool.kept;
  }

  /** Messages read but not kept: beyond the judge's caps. */
  get notKept(): number {
    return this.spool.notKept;
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
    this.done = true;
    this.stopped = this.spool.finish();
  }

  /** Stops polling and drops what was spooled: the scenario ended in an error. */
  abandon(): void {
    this.running = false;
    if (this.done) return;
    this.done = true;
    this.spool.discard();
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
        if (!this.done) this.spool.add(batch);
        this.onMessages(batch);
      }),
    );
  }
}
