// The local judge in one process: the SQLite store and queue (one file), the local builder,
// the given cluster and scenario runner, and a worker per step. Killed and started again on
// the same home, it carries on where it was: the queue still holds every unsettled event.
import { existsSync } from "node:fs";
import type { StepPorts } from "../../functions/ports.ts";
import { GIVING_UP, failLostSubmission } from "../../functions/dead-letter/last-resort.ts";
import { acceptSubmission } from "../../functions/submit/accept.ts";
import { LocalBuilder } from "../adapters/local/builder/index.ts";
import { LocalQueue, type LocalQueueOptions } from "../adapters/local/queue/index.ts";
import { LocalStore } from "../adapters/local/store/index.ts";
import { TOPICS, deadLetterEventSchema } from "../domain/events.ts";
import { STATUSES, isTerminal } from "../domain/status.ts";
import type { Submission } from "../domain/submission.ts";
import type { SubmissionListing } from "../domain/listing.ts";
import type { Builder } from "../ports/builder.ts";
import type { Subscription } from "../ports/bus.ts";
import type { ClusterPort } from "../ports/cluster.ts";
import type { ScenarioRunner } from "../ports/scenarios.ts";
import { isFinished } from "./finished.ts";
import { makeScenarioDir, type JudgeHome } from "./home.ts";
import { markLatestRun } from "./run-links.ts";
import { LocalSlots } from "./local-slots.ts";
import { slotsFromEnv } from "./slots-config.ts";
import { subscribeSteps, type StepWorkersOptions } from "./subscribe-steps.ts";

export interface LocalPipelineOptions {
  home: JudgeHome;
  cluster: ClusterPort;
  scenarios: ScenarioRunner;
  /** The local toolchains unless given (a cloud builder, in a test of one). */
  builder?: Builder;
  queue?: Omit<LocalQueueOptions, "path">;
  /** K, the submissions judged at once (CLUSTERJUDGE_CLUSTERS or the machine's, unless given). */
  slots?: number;
  warn?: (message: string) => void;
}

/** How often waiting callers look at the queue and the store. */
const WAIT_POLL_MS = 250;
/** How often a process that joined another's workers tries to take them over. */
const CLAIM_RETRY_MS = 1_000;
/** How often the workers look for a submission whose turn came (a slot freed). */
const DISPATCH_MS = 1_000;

export class LocalPipeline {
  readonly store: LocalStore;
  readonly queue: LocalQueue;
  readonly ports: StepPorts;
  /** K: how many submissions hold a slot (are built, deployed, tested) at once. */
  readonly slotCount: number;
  readonly slots: LocalSlots;
  private readonly home: JudgeHome;
  private subscriptions: Subscription[] = [];
  /** While another process holds the home's workers: the retry of the claim. */
  private joining: NodeJS.Timeout | null = null;
  private dispatching: NodeJS.Timeout | null = null;
  private dispatched: Promise<unknown> = Promise.resolve();

  constructor(opts: LocalPipelineOptions) {
    const { home } = opts;
    this.home = home;
    this.store = new LocalStore({ path: home.dbPath });
    this.queue = new LocalQueue({
      path: home.dbPath,
      ...opts.queue,
      onLostDeadLetter: (event, lastError) => void this.giveUp(event, lastError),
    });
    this.slotCount = opts.slots ?? slotsFromEnv().slots;
    const nowMs = () => Date.now();
    this.slots = new LocalSlots({
      store: this.store,
      queue: this.queue,
      slots: this.slotCount,
      nowMs,
    });
    this.ports = {
      store: this.store,
      builder: opts.builder ?? new LocalBuilder(home),
      cluster: opts.cluster,
      scenarios: opts.scenarios,
      slots: this.slots,
      evidenceDir: (id, scenario) => makeScenarioDir(home, id, scenario),
      protoPath: (problem) => {
        const path = home.protoPath(problem);
        return existsSync(path) ? path : undefined;
      },
      nowMs,
      warn: opts.warn ?? ((message) => process.stderr.write(`warning: ${message}\n`)),
    };
  }

  /** The last resort when the dead-letter step failed too (functions/dead-letter/last-resort.ts). */
  private async giveUp(event: unknown, lastError: string): Promise<void> {
    const parsed = deadLetterEventSchema.safeParse(event);
    if (!parsed.success) return;
    try {
      const next = await failLostSubmission(
        this.ports,
        parsed.data.submissionId,
        GIVING_UP.deadLetterFailed(lastError),
      );
      for (const e of next) await this.queue.publish(e.topic, e.event);
    } catch (err) {
      this.ports.warn(`giving up on ${parsed.data.submissionId} failed too: ${String(err)}`);
    }
  }

  /**
   * Starts a worker per step; they take every due message, old ones included. When another
   * process runs this home's workers, this one joins: that process judges what this one
   * queues (the store and the queue are shared), and this one takes over once it stops.
   * Each step handles up to K messages at once (one per submission holding a slot).
   */
  start(opts: StepWorkersOptions = {}): void {
    if (this.subscriptions.length || this.joining) {
      throw new Error("the pipeline's workers run already");
    }
    const workers = { concurrency: this.slotCount, ...opts };
    const claim = this.queue.claimWorkers();
    if (claim.held) {
      this.runWorkers(workers);
      return;
    }
    this.ports.warn(
      `another clusterjudge process (pid ${claim.pid}) runs the workers of this home: it judges what this one queues, and this one takes over when it stops`,
    );
    this.joining = setInterval(() => {
      if (!this.queue.claimWorkers().held) return;
      clearInterval(this.joining ?? undefined);
      this.joining = null;
      this.runWorkers(workers);
    }, CLAIM_RETRY_MS);
  }

  /** The step workers, and the dispatcher that sends on a submission when its turn comes. */
  private runWorkers(opts: StepWorkersOptions): void {
    this.subscriptions = subscribeSteps(this.queue, this.ports, opts);
    const dispatch = () => {
      this.dispatched = this.slots
        .dispatch()
        .catch((err: Error) => this.ports.warn(`dispatching queued submissions: ${err.message}`));
    };
    dispatch();
    this.dispatching = setInterval(dispatch, DISPATCH_MS);
  }

  /** True once this process runs the home's workers (false while it waits on another's). */
  get runsWorkers(): boolean {
    return this.subscriptions.length > 0;
  }

  /** Validates, stores and queues a submission (SubmissionInputError on bad input). */
  async accept(input: unknown, ownerId?: string): Promise<Submission> {
    const submission = await acceptSubmission(input, { ...this.ports, bus: this.queue }, ownerId);
    // runs/latest is a convenience: a file system without links costs only a warning.
    await markLatestRun(this.home, submission.id).catch((err: Error) =>
      this.ports.warn(`runs/latest not updated: ${err.message}`),
    );
    return submission;
  }

  /**
   * Queues again every submission still queued: the only state whose event can be lost (the
   * judge died between storing a submission and publishing it). A duplicate is harmless.
   */
  async requeueQueued(): Promise<string[]> {
    const queued = await this.store.list({ statuses: ["queued"] });
    for (const s of queued) await this.queue.publish(TOPICS.submit, { submissionId: s.id });
    return queued.map((s) => s.id);
  }

  /** Submissions the judge still has to move: without an outcome, or closing; oldest first. */
  async unfinished(): Promise<SubmissionListing[]> {
    const statuses = STATUSES.filter((status) => !isTerminal(status));
    const open = await this.store.list({ statuses });
    // With a verdict but its cluster still up and its teardown queued: a judge was killed
    // after the verdict. (One whose teardown became a dead letter is not waited for.)
    const pending = this.queue.pendingSubmissionIds();
    const terminal = STATUSES.filter((status) => isTerminal(status));
    const closing = (await this.store.list({ statuses: terminal })).filter(
      (s) => !isFinished(s) && pending.has(s.id),
    );
    return [...open, ...closing].sort((a, b) => a.createdAt - b.createdAt);
  }

  /**
   * Resolves with the submission once it is finished (an outcome, its cluster gone), or
   * has an outcome and nothing is left in the queue (its teardown became a dead letter).
   */
  waitFor(id: string): Promise<Submission> {
    return new Promise((resolve, reject) => {
      const timer = setInterval(() => void check(), WAIT_POLL_MS);
      const check = async () => {
        const s = await this.store.get(id);
        if (!s) return settle(() => reject(new Error(`no submission ${id}`)));
        if (isFinished(s) || (isTerminal(s.status) && this.queueIsIdle())) {
          settle(() => resolve(s));
        }
      };
      const settle = (done: () => void) => {
        clearInterval(timer);
        done();
      };
      void check();
    });
  }

  /** Resolves when no message is due or being handled (back-offs included). */
  async waitUntilIdle(): Promise<void> {
    while (!this.queueIsIdle()) await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
  }

  /** Stops the workers (waiting for the steps running now) and closes the store. */
  async close(): Promise<void> {
    if (this.joining) clearInterval(this.joining);
    this.joining = null;
    if (this.dispatching) clearInterval(this.dispatching);
    this.dispatching = null;
    await this.dispatched;
    await Promise.all(this.subscriptions.map((s) => s.close()));
    this.subscriptions = [];
    await this.queue.close();
    await this.store.close();
  }

  private queueIsIdle(): boolean {
    const counts = this.queue.counts();
    return counts.ready === 0 && counts.leased === 0;
  }
}
