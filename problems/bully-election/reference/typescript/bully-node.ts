// One node's bully election, without I/O of its own: the transport sends the peer calls and
// the timers say what time it is, so the same logic runs over gRPC (main.ts) and over a
// simulated network (tests). Ids are the numbers in the node names; the highest live wins.
import { COORDINATOR_WAIT_MS, FAILURE_TIMEOUT_MS, HEARTBEAT_MS } from "./timing.ts";

/** What an Election or Coordinator call carries. */
export interface PeerRequest {
  sender: number;
  election: number;
}

/** The peer calls, each with its deadline inside. */
export interface Transport {
  /** `done(true)` when the peer answered OK in time; false on an error or no answer in time. */
  election(to: number, req: PeerRequest, done: (answered: boolean) => void): void;
  coordinator(to: number, req: PeerRequest): void;
  heartbeat(to: number, sender: number): void;
}

export interface Timers {
  now(): number;
  /** Runs fn after ms; the result cancels it. */
  after(ms: number, fn: () => void): () => void;
}

/** How often the node looks whether its coordinator went quiet. */
const FAILURE_CHECK_MS = 50;

export class BullyNode {
  /** The coordinator named now; null while electing. */
  private named: number | null = null;
  /** An election of this node's is running: from its Elections to a Coordinator or a win. */
  private electing = false;
  /** The number of this node's latest election. */
  private election = 0;
  /** When the named coordinator was last heard (Heartbeat or Coordinator). */
  private heardAt = 0;
  private cancelWait: (() => void) | null = null;

  constructor(
    readonly id: number,
    private readonly peers: readonly number[],
    private readonly transport: Transport,
    private readonly timers: Timers,
  ) {}

  /** A started node names nobody: it elects at once, and then keeps its timers going. */
  start(): void {
    this.startElection();
    const heartbeat = (): void => {
      if (this.named === this.id) for (const p of this.peers) this.transport.heartbeat(p, this.id);
      this.timers.after(HEARTBEAT_MS, heartbeat);
    };
    const watch = (): void => {
      const quiet = this.timers.now() - this.heardAt > FAILURE_TIMEOUT_MS;
      if (this.named !== null && this.named !== this.id && quiet) this.startElection();
      this.timers.after(FAILURE_CHECK_MS, watch);
    };
    this.timers.after(HEARTBEAT_MS, heartbeat);
    this.timers.after(FAILURE_CHECK_MS, watch);
  }

  coordinator(): number | null {
    return this.named;
  }

  /** Answered OK by the caller of this method; a lower sender makes this node elect too. */
  onElection(sender: number): void {
    if (sender < this.id) this.startElection();
  }

  onCoordinator(sender: number): void {
    // A lower node claims to lead while this one is alive: bully it.
    if (sender < this.id) return this.startElection();
    if (sender === this.id) return;
    this.stopWaiting();
    this.electing = false;
    this.named = sender;
    this.heardAt = this.timers.now();
  }

  onHeartbeat(sender: number): void {
    // A lower coordinator (another side of a healed partition): bully it.
    if (sender < this.id) this.startElection();
    else if (sender === this.named) this.heardAt = this.timers.now();
  }

  private startElection(): void {
    if (this.electing) return;
    this.electing = true;
    this.named = null;
    const election = ++this.election;
    const higher = this.peers.filter((p) => p > this.id);
    if (higher.length === 0) return this.win(election);
    let pending = higher.length;
    let answered = false;
    const current = () => this.electing && this.election === election;
    for (const peer of higher) {
      this.transport.election(peer, { sender: this.id, election }, (ok) => {
        if (!current()) return;
        pending--;
        if (ok && !answered) {
          answered = true;
          // A higher node is alive and takes over: wait for its Coordinator, else again.
          this.cancelWait = this.timers.after(COORDINATOR_WAIT_MS, () => {
            this.cancelWait = null;
            if (!current()) return;
            this.electing = false;
            this.startElection();
          });
        }
        if (pending === 0 && !answered) this.win(election);
      });
    }
  }

  private win(election: number): void {
    this.electing = false;
    this.named = this.id;
    for (const p of this.peers) this.transport.coordinator(p, { sender: this.id, election });
  }

  private stopWaiting(): void {
    this.cancelWait?.();
    this.cancelWait = null;
  }
}
