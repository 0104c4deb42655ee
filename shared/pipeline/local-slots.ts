// The local platform's K slots: a queued submission is built, deployed and tested only once
// it holds one, and the rest wait their turn in fair order (shared/domain/slots.ts). Who
// holds a slot is read from the store each time, so a judge started again counts the same;
// decisions are made one at a time, in the one process that runs the home's workers.
import { LOCAL_OWNER_KEY } from "../../functions/submit/accept.ts";
import type { LocalQueue } from "../adapters/local/queue/index.ts";
import { TOPICS } from "../domain/events.ts";
import { advance } from "../domain/lifecycle.ts";
import type { SubmissionListing } from "../domain/listing.ts";
import { fairOrder, type Served } from "../domain/slots.ts";
import { isTerminal } from "../domain/status.ts";
import type { Slots } from "../ports/slots.ts";
import type { Store } from "../ports/store.ts";
import { isFinished } from "./finished.ts";

export interface LocalSlotsOptions {
  store: Store;
  queue: Pick<LocalQueue, "publish" | "pendingSubmissionIds">;
  /** K. */
  slots: number;
  nowMs(): number;
}

/** The submissions whose turn it is now, in order (as many as there are free slots). */
interface Turns {
  due: string[];
  holders: number;
  waiting: number;
}

export class LocalSlots implements Slots {
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: LocalSlotsOptions) {}

  take(submissionId: string): Promise<boolean> {
    return this.alone(async () => {
      const { store, nowMs } = this.opts;
      const s = await store.get(submissionId);
      if (!s || s.status !== "queued") return true;
      if (!(await this.turns()).due.includes(submissionId)) return false;
      await store.transition(submissionId, (c) =>
        c.status === "queued" ? advance(c, "building", nowMs()) : null,
      );
      return true;
    });
  }

  /**
   * Sends on each submission whose turn it is and that has no message on its way (its
   * earlier one came before its turn). Returns their ids.
   */
  dispatch(): Promise<string[]> {
    return this.alone(async () => {
      const { due } = await this.turns();
      const pending = due.length > 0 ? this.opts.queue.pendingSubmissionIds() : new Set();
      const sent = due.filter((id) => !pending.has(id));
      for (const id of sent) await this.opts.queue.publish(TOPICS.submit, { submissionId: id });
      return sent;
    });
  }

  /** How many hold a slot and how many wait, for status lines. */
  standing(): Promise<{ holders: number; waiting: number }> {
    return this.alone(async () => {
      const { holders, waiting } = await this.turns();
      return { holders, waiting };
    });
  }

  private async turns(): Promise<Turns> {
    const { store, slots } = this.opts;
    const waiting = await store.list({ statuses: ["queued"] });
    const holders = await this.holders();
    const free = slots - holders.length;
    if (free <= 0 || waiting.length === 0) {
      return { due: [], holders: holders.length, waiting: waiting.length };
    }
    const owners = new Set(waiting.map(ownerOf));
    // One user waiting (always, without accounts): their order is the order they came.
    const served = owners.size > 1 ? await this.served(holders) : [];
    const order = fairOrder(
      waiting.map((w) => ({ id: w.id, owner: ownerOf(w), createdAt: w.createdAt })),
      served,
    );
    return { due: order.slice(0, free), holders: holders.length, waiting: waiting.length };
  }

  /** Building, deploying, testing, or with a verdict and its cluster's teardown still due. */
  private async holders(): Promise<SubmissionListing[]> {
    const { store, queue } = this.opts;
    const open = await store.list({ statuses: ["building", "deploying", "testing"] });
    const ids = new Set(open.map((s) => s.id));
    const closing: SubmissionListing[] = [];
    for (const id of queue.pendingSubmissionIds()) {
      if (ids.has(id)) continue;
      const s = await store.get(id);
      if (s && isTerminal(s.status) && !isFinished(s)) closing.push(s);
    }
    return [...open, ...closing];
  }

  /** Every submission given a slot, with whether it holds one now. */
  private async served(holders: SubmissionListing[]): Promise<Served[]> {
    const holding = new Set(holders.map((h) => h.id));
    const all = await this.opts.store.list();
    return all.flatMap((s) =>
      s.stageTimes.building === undefined
        ? []
        : [{ owner: ownerOf(s), running: holding.has(s.id), admittedAt: s.stageTimes.building }],
    );
  }

  /** Runs `work` after every decision before it: two never count the same free slot. */
  private alone<T>(work: () => Promise<T>): Promise<T> {
    const next = this.last.then(work, work);
    this.last = next.catch(() => undefined);
    return next;
  }
}

function ownerOf(s: Pick<SubmissionListing, "ownerId">): string {
  return s.ownerId ?? LOCAL_OWNER_KEY;
}
