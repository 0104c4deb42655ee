// One topic's subscription: takes due messages up to its concurrency, runs the handler
// while renewing the lease, then acks or nacks. Wakes on a publish in this process and
// polls for the rest (back-offs ending, other processes).
import type { MessageHandler } from "../../../ports/bus.ts";
import type { Leased, LocalQueue } from "./local-queue.ts";

export class TopicWorker {
  private readonly running = new Set<Promise<void>>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly queue: LocalQueue,
    readonly topic: string,
    private readonly handler: MessageHandler,
    private readonly concurrency: number,
  ) {
    this.timer = setInterval(() => this.pump(), queue.pollMs);
    this.wake();
  }

  wake(): void {
    setImmediate(() => this.pump());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await Promise.all(this.running);
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.concurrency) {
      const leased = this.queue.take(this.topic);
      if (!leased) return;
      const run = this.run(leased).finally(() => {
        this.running.delete(run);
        this.wake();
      });
      this.running.add(run);
    }
  }

  private async run(leased: Leased): Promise<void> {
    const renewal = setInterval(() => this.queue.renew(leased.seq), this.queue.leaseMs / 3);
    try {
      await this.handler(leased.event, leased.delivery);
      this.queue.ack(leased.seq);
    } catch (err) {
      this.queue.nack(leased.seq, err);
    } finally {
      clearInterval(renewal);
    }
  }
}
