// One node of the sharded store (statement.md): it answers a key's calls when it owns the key
// under its view and has every other node's Transfer for that view, forwards them to the
// owner otherwise, and, on every new view, hands each member the keys that member now owns.
// The network is behind `Transport`, so the same logic runs in-process in the tests.
import { ownerFunction } from "./owner.ts";
import type {
  Entry,
  ForwardGetRequest,
  ForwardPutRequest,
  GetReply,
  GetRequest,
  MembershipRequest,
  PutReply,
  PutRequest,
  TransferRequest,
} from "./proto.ts";
import type { ShardState, StateStore } from "./state-file.ts";

/** A refusal with the gRPC status the statement names for it. */
export class Refusal extends Error {
  constructor(
    readonly status: "UNAVAILABLE" | "FAILED_PRECONDITION" | "INVALID_ARGUMENT",
    message: string,
  ) {
    super(message);
  }
}

export interface Transport {
  forwardPut(to: string, req: ForwardPutRequest): Promise<PutReply>;
  forwardGet(to: string, req: ForwardGetRequest): Promise<GetReply>;
  /** Sends one Transfer; rejects when it was not acknowledged. */
  transfer(to: string, req: TransferRequest): Promise<void>;
  /** Resolves after ms (a timer; the tests' clock). */
  sleep(ms: number): Promise<void>;
}

/** Between two tries of an unacknowledged Transfer. */
const TRANSFER_RETRY_MS = 200;

export class ShardNode {
  private readonly state: ShardState;
  private owner: (key: string) => string = () => "";

  constructor(
    readonly nodeId: string,
    /** Every node of the cluster, this one included. */
    private readonly nodes: readonly string[],
    private readonly store: StateStore,
    private readonly transport: Transport,
  ) {
    this.state = store.load();
    if (this.state.epoch > 0) this.owner = ownerFunction(this.state.members);
  }

  /** After a start: the Transfers of the installed view may never have been acknowledged. */
  resumeTransfers(): void {
    if (this.state.epoch > 0) this.sendTransfers(this.state.epoch);
  }

  get epoch(): number {
    return this.state.epoch;
  }

  setMembership(req: MembershipRequest): number {
    if (req.members.length === 0 || req.members.some((m) => !this.nodes.includes(m)))
      throw new Refusal("INVALID_ARGUMENT", `bad members ${req.members.join(",")}`);
    // An older or repeated epoch changes nothing: views only move forward.
    if (req.epoch <= this.state.epoch) return this.state.epoch;
    this.state.epoch = req.epoch;
    this.state.members = [...req.members];
    for (const [from, epochs] of Object.entries(this.state.transfersIn))
      this.state.transfersIn[from] = epochs.filter((e) => e >= req.epoch);
    this.owner = ownerFunction(this.state.members);
    this.store.save(this.state);
    this.sendTransfers(req.epoch);
    return req.epoch;
  }

  owners(keys: readonly string[]): { epoch: number; owners: string[] } {
    const epoch = this.state.epoch;
    return { epoch, owners: epoch > 0 ? keys.map((k) => this.owner(k)) : keys.map(() => "") };
  }

  async put(req: PutRequest): Promise<PutReply> {
    const owner = this.route(req.key);
    if (owner === this.nodeId) return this.applyPut(req);
    const fwd = { ...req, epoch: this.state.epoch, from: this.nodeId };
    return this.transport.forwardPut(owner, fwd).catch((err: unknown) => {
      throw new Refusal("UNAVAILABLE", `owner ${owner} did not answer: ${String(err)}`);
    });
  }

  async get(req: GetRequest): Promise<GetReply> {
    const owner = this.route(req.key);
    if (owner === this.nodeId) return this.applyGet(req);
    const fwd = { ...req, epoch: this.state.epoch, from: this.nodeId };
    return this.transport.forwardGet(owner, fwd).catch((err: unknown) => {
      throw new Refusal("UNAVAILABLE", `owner ${owner} did not answer: ${String(err)}`);
    });
  }

  forwardPut(req: ForwardPutRequest): PutReply {
    this.mustOwn(req.key, req.from);
    return this.applyPut(req);
  }

  forwardGet(req: ForwardGetRequest): GetReply {
    this.mustOwn(req.key, req.from);
    return this.applyGet(req);
  }

  /** Keeps every entry newer than what it holds; an epoch at or above its own counts. */
  transferIn(req: TransferRequest): void {
    for (const entry of req.entries) {
      const held = this.state.items[entry.key];
      if (!held || held.version < entry.version)
        this.state.items[entry.key] = { value: entry.value, version: entry.version };
    }
    if (req.epoch >= this.state.epoch) {
      const epochs = this.state.transfersIn[req.from] ?? [];
      if (!epochs.includes(req.epoch)) this.state.transfersIn[req.from] = [...epochs, req.epoch];
    }
    this.store.save(this.state);
  }

  /** The owner a client call goes to; refused before the first view. */
  private route(key: string): string {
    if (this.state.epoch === 0) throw new Refusal("UNAVAILABLE", "no membership yet");
    return this.owner(key);
  }

  private mustOwn(key: string, from: string): void {
    const owner = this.route(key);
    if (owner !== this.nodeId)
      throw new Refusal(
        "FAILED_PRECONDITION",
        `${from} forwarded ${key}, owned by ${owner} under epoch ${this.state.epoch}`,
      );
  }

  /** Every other node has sent its Transfer for the installed epoch: nothing is missing. */
  private ready(): boolean {
    const epoch = this.state.epoch;
    return this.nodes.every(
      (n) => n === this.nodeId || (this.state.transfersIn[n] ?? []).includes(epoch),
    );
  }

  private applyPut(req: PutRequest): PutReply {
    if (!this.ready()) throw new Refusal("UNAVAILABLE", "handoff in progress");
    const version = (this.state.items[req.key]?.version ?? 0) + 1;
    this.state.items[req.key] = { value: req.value, version };
    this.store.save(this.state);
    return { owner: this.nodeId };
  }

  private applyGet(req: GetRequest): GetReply {
    if (!this.ready()) throw new Refusal("UNAVAILABLE", "handoff in progress");
    const item = this.state.items[req.key];
    return { found: item !== undefined, value: item?.value ?? "", owner: this.nodeId };
  }

  /** What `to` owns of what this node holds, under the installed view. */
  private entriesFor(to: string): Entry[] {
    return Object.entries(this.state.items)
      .filter(([key]) => this.owner(key) === to)
      .map(([key, item]) => ({ key, ...item }));
  }

  /** To every member but itself, until acknowledged or a newer view replaces this one. */
  private sendTransfers(epoch: number): void {
    for (const to of this.state.members) {
      if (to === this.nodeId) continue;
      void (async () => {
        while (this.state.epoch === epoch) {
          const req = { from: this.nodeId, epoch, entries: this.entriesFor(to) };
          const sent = await this.transport.transfer(to, req).then(
            () => true,
            () => false,
          );
          if (sent) return;
          await this.transport.sleep(TRANSFER_RETRY_MS);
        }
      })();
    }
  }
}
