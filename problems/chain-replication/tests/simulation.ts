// A small in-process chain, run step by step as a test chooses: the judge as master (one
// node down at a time, removed, restarted with nothing and added back as tail), a head
// taking writes and answering them once the tail's Ack covers them, one Forward or Transfer at a time per link, Acks flowing back, reads at the
// tail, and calls that are dropped, lose their answer, or are given up by their caller on a
// reconfiguration and still arrive. It records what the agents would: every call with its
// decoded fields, fault and status. A `bug` makes one node behaviour wrong, as a mutant.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import type { ChainConfig } from "../checks/configuration.ts";
import type { ChainOp, ChainRun } from "../checks/history.ts";
import { ACK, FORWARD, TRANSFER } from "../checks/traffic.ts";

export type Bug =
  | "none"
  /** After a reconfiguration the predecessor sends only new updates, and ignores GAP. */
  | "no-resend"
  /** A resent update the node already holds is applied again, as the next one. */
  | "apply-twice"
  /** The head answers reads from its own state. */
  | "head-reads"
  /**
   * No state transfer: the predecessor of a node that joined forwards from where it stands,
   * and the new tail takes the first Forward it gets as its starting point.
   */
  | "join-without-state"
  /** A node takes peer calls of any epoch. */
  | "ignore-epoch"
  /** The head answers a write OK as soon as it made the update. */
  | "head-acks-early";

export type Fate = "ok" | "drop" | "lose";

export type Step =
  /** The head takes `count` writes (default 1). */
  | { kind: "write"; count?: number }
  | { kind: "send"; node: number }
  | { kind: "ack"; node: number }
  | { kind: "deliver"; pick: number; fate: Fate }
  | { kind: "read"; node: number }
  | { kind: "configure"; pick: number }
  | { kind: "crash"; node: number }
  | { kind: "restart" }
  /** Time passes (each other step takes 1 ms). */
  | { kind: "wait"; ms: number };

interface Update {
  client_id: string;
  sequence: number;
  op: "PUT" | "APPEND";
  key: string;
  value: string;
}

interface Call {
  record: MessageRecord;
  caller: SimNode;
  /** The caller gave up on it (a reconfiguration): it hears no answer. */
  abandoned: boolean;
  /** A Transfer's state, as sent. */
  state?: Update[];
}

interface SimNode {
  id: string;
  alive: boolean;
  epoch: number;
  chain: string[] | null;
  log: Update[];
  /** The highest seq the tail is known to have applied. */
  acked: number;
  /** The next seq to Forward; a Transfer first when `transfer`. */
  next: number;
  transfer: boolean;
  /** Joined and still waiting for its state: answers no reads. */
  waiting: boolean;
  forwarding: Call | null;
  acking: Call | null;
  ackTold: number;
  /** As head: the writes waiting for the tail's Ack, with when they came. */
  waitingWrites: { seq: number; update: Update; startMs: number }[];
}

export const NODE_IDS = ["node-0", "node-1", "node-2"];

export class ChainSim {
  readonly messages: MessageRecord[] = [];
  readonly configs: ChainConfig[] = [];
  readonly history: ChainOp[] = [];
  private readonly nodes: SimNode[];
  private readonly inFlight: Call[] = [];
  private pendingConfigure: SimNode[] = [];
  private t = 0;
  private writes = 0;
  private seq = 0;

  constructor(private readonly bug: Bug = "none") {
    this.nodes = NODE_IDS.map((id) => fresh(id));
    this.configure([...NODE_IDS]);
    while (this.pendingConfigure.length) this.step({ kind: "configure", pick: 0 });
    for (const n of this.nodes) n.waiting = false; // the first chain starts empty, complete
  }

  run(steps: readonly Step[]): this {
    for (const s of steps) this.step(s);
    return this;
  }

  get record(): ChainRun {
    return {
      originMs: 0,
      messages: this.messages,
      messagesDropped: 0,
      history: this.history,
      configs: this.configs,
    };
  }

  step(s: Step): void {
    this.t += 1;
    const node = "node" in s ? this.nodes[s.node % this.nodes.length] : undefined;
    switch (s.kind) {
      case "write":
        for (let i = 0; i < (s.count ?? 1); i++) this.write();
        return;
      case "send":
        return this.send(node as SimNode);
      case "ack":
        return this.ack(node as SimNode);
      case "deliver":
        return this.deliver(s.pick, s.fate);
      case "read":
        return this.read(node as SimNode);
      case "configure":
        return this.applyConfigure(s.pick);
      case "crash":
        return this.crash(node as SimNode);
      case "restart":
        return this.restart();
      case "wait":
        this.t += s.ms;
        return;
    }
  }

  private get current(): ChainConfig {
    return this.configs.at(-1) as ChainConfig;
  }

  private byId(id: string): SimNode {
    return this.nodes.find((n) => n.id === id) as SimNode;
  }

  private configure(chain: string[]): void {
    const epoch = this.configs.length + 1;
    this.configs.push({ epoch, chain, sentMs: this.t, answeredMs: {} });
    this.pendingConfigure = chain.map((id) => this.byId(id));
  }

  private applyConfigure(pick: number): void {
    if (!this.pendingConfigure.length) return;
    const [n] = this.pendingConfigure.splice(pick % this.pendingConfigure.length, 1) as [SimNode];
    const config = this.current;
    const before = this.configs.at(-2);
    const joined = !before?.chain.includes(n.id);
    const successor = config.chain[config.chain.indexOf(n.id) + 1];
    n.epoch = config.epoch;
    n.chain = config.chain;
    if (n.forwarding) n.forwarding.abandoned = true;
    if (n.acking) n.acking.abandoned = true;
    n.forwarding = n.acking = null;
    n.ackTold = 0;
    // Two correct ways to start on a link: from the first update not known applied at the
    // tail (odd epochs), or by probing with the newest and resending from the GAP answer.
    n.next =
      this.bug === "no-resend"
        ? n.log.length + 1
        : config.epoch % 2 === 1
          ? n.acked + 1
          : Math.max(n.log.length, 1);
    n.transfer =
      this.bug !== "join-without-state" &&
      before !== undefined &&
      successor !== undefined &&
      !before.chain.includes(successor);
    if (joined) n.waiting = true;
    config.answeredMs[n.id] = this.t;
  }

  private crash(n: SimNode): void {
    if (this.pendingConfigure.length || this.nodes.some((m) => !m.alive)) return;
    n.alive = false;
    n.forwarding = n.acking = null;
    this.configure(this.current.chain.filter((id) => id !== n.id));
  }

  private restart(): void {
    const down = this.nodes.find((m) => !m.alive);
    if (!down || this.pendingConfigure.length) return;
    Object.assign(down, fresh(down.id));
    this.configure([...this.current.chain, down.id]);
  }

  private role(n: SimNode): "head" | "tail" | "middle" | null {
    if (!n.alive || !n.chain) return null;
    if (n.chain.at(-1) === n.id) return "tail";
    return n.chain[0] === n.id ? "head" : "middle";
  }

  private write(): void {
    const head = this.nodes.find((n) => this.role(n) === "head");
    if (!head) return;
    this.writes++;
    const update: Update = {
      client_id: `c${this.writes % 3}`,
      sequence: this.writes,
      op: this.writes % 2 ? "APPEND" : "PUT",
      key: `k${this.writes % 2}`,
      value: `v${this.writes}`,
    };
    head.log.push(update);
    head.waitingWrites.push({ seq: head.log.length, update, startMs: this.t });
    if (this.bug === "head-acks-early") this.answerWrites(head, Infinity);
  }

  /** The head answers OK every waiting write the tail applied (up to `acked`). */
  private answerWrites(head: SimNode, acked: number): void {
    const done = head.waitingWrites.filter((w) => w.seq <= acked);
    head.waitingWrites = head.waitingWrites.filter((w) => w.seq > acked);
    for (const w of done)
      this.history.push({
        id: this.history.length,
        client: w.update.client_id,
        sequence: w.update.sequence,
        f: w.update.op === "PUT" ? "put" : "append",
        key: w.update.key,
        value: w.update.value,
        outcome: "ok",
        startMs: w.startMs,
        endMs: this.t,
        attempts: [{ node: head.id, startMs: w.startMs, endMs: this.t, result: "ok" }],
      });
  }

  private call(
    caller: SimNode,
    to: string,
    method: string,
    request: Record<string, unknown>,
  ): Call {
    const record: MessageRecord = {
      seq: this.seq++,
      from: caller.id,
      to,
      method,
      startMs: this.t,
      endMs: null,
      requestBytes: 20,
      responseBytes: 0,
      status: null,
      request,
    };
    this.messages.push(record);
    const call: Call = { record, caller, abandoned: false };
    this.inFlight.push(call);
    return call;
  }

  private send(n: SimNode): void {
    if (!n.alive || !n.chain || n.forwarding) return;
    const to = n.chain[n.chain.indexOf(n.id) + 1];
    if (!to) return;
    if (n.transfer) {
      n.forwarding = this.call(n, to, TRANSFER, {
        epoch: n.epoch,
        last_seq: n.log.length,
        entries_count: 2,
        sessions_count: 3,
      });
      n.forwarding.state = [...n.log];
      return;
    }
    const update = n.log[n.next - 1];
    if (!update) return;
    n.forwarding = this.call(n, to, FORWARD, { epoch: n.epoch, seq: n.next, ...update });
  }

  private ack(n: SimNode): void {
    const role = this.role(n);
    if (!n.chain || (role !== "tail" && role !== "middle") || n.acking) return;
    const told = role === "tail" && !n.waiting ? n.log.length : n.acked;
    if (told <= n.ackTold) return;
    const to = n.chain[n.chain.indexOf(n.id) - 1] as string;
    n.acking = this.call(n, to, ACK, { epoch: n.epoch, seq: told });
  }

  private deliver(pick: number, fate: Fate): void {
    if (!this.inFlight.length) return;
    const [call] = this.inFlight.splice(pick % this.inFlight.length, 1) as [Call];
    const { record, caller } = call;
    record.endMs = this.t;
    const callee = this.byId(record.to);
    if (fate === "drop") {
      record.fault = "drop";
      record.status = 4;
    } else if (!callee.alive) {
      record.status = 14;
    } else {
      record.response = this.handle(callee, call);
      record.responseBytes = 6;
      record.status = call.abandoned ? 1 : fate === "lose" ? 4 : 0;
      if (fate === "lose") record.fault = "lose-answer";
      if (call.abandoned) delete record.response;
    }
    if (caller.forwarding === call) caller.forwarding = null;
    if (caller.acking === call) caller.acking = null;
    if (record.status === 0 && record.response && !call.abandoned) this.hear(caller, call);
  }

  /** The callee acts on the call and answers. */
  private handle(n: SimNode, call: Call): Record<string, unknown> {
    const r = call.record.request as Record<string, number | string>;
    const answer = (status: string): Record<string, unknown> => ({
      status,
      epoch: n.epoch,
      last_seq: n.log.length,
    });
    if (!n.chain || (r["epoch"] !== n.epoch && this.bug !== "ignore-epoch"))
      return answer("WRONG_EPOCH");
    if (call.record.method === ACK) {
      n.acked = Math.max(n.acked, r["seq"] as number);
      if (this.role(n) === "head") this.answerWrites(n, n.acked);
      return answer("ACCEPTED");
    }
    if (call.record.method === TRANSFER) {
      if ((call.state as Update[]).length >= n.log.length) n.log = [...(call.state as Update[])];
      n.waiting = false;
      return answer("ACCEPTED");
    }
    const seq = r["seq"] as number;
    const { epoch: _e, seq: _s, ...update } = r;
    if (seq <= n.log.length) {
      if (this.bug === "apply-twice") n.log.push(update as unknown as Update);
      return answer("ACCEPTED");
    }
    if (seq > n.log.length + 1) {
      if (!(this.bug === "join-without-state" && n.waiting && n.log.length === 0))
        return answer("GAP");
      n.log = Array.from({ length: seq - 1 }, () => update as unknown as Update);
      n.waiting = false;
    }
    n.log.push(update as unknown as Update);
    return answer("ACCEPTED");
  }

  /** The caller hears the answer. */
  private hear(n: SimNode, call: Call): void {
    const { response, method } = call.record;
    const status = response?.["status"];
    const last = response?.["last_seq"] as number;
    if (method === ACK) {
      if (status === "ACCEPTED")
        n.ackTold = Math.max(n.ackTold, call.record.request?.["seq"] as number);
      return;
    }
    if (status === "WRONG_EPOCH") return;
    if (method === TRANSFER) n.transfer = false;
    if (this.bug === "no-resend" && status === "GAP") return;
    n.next = last + 1;
  }

  private read(n: SimNode): void {
    const role = this.role(n);
    const answers =
      (role === "tail" && !n.waiting) || (this.bug === "head-reads" && role === "head");
    const tail = n.chain?.at(-1) ?? "";
    this.history.push({
      id: this.history.length,
      client: "reader",
      sequence: this.history.length + 1,
      f: "get",
      key: "k0",
      outcome: answers ? "ok" : "fail",
      startMs: this.t,
      endMs: this.t,
      attempts: [
        {
          node: n.id,
          startMs: this.t,
          endMs: this.t,
          result: answers ? "ok" : n.alive && n.chain ? "not_tail" : "unavailable",
          ...(answers || !n.chain ? {} : { hint: tail }),
        },
      ],
    });
  }
}

function fresh(id: string): SimNode {
  return {
    id,
    alive: true,
    epoch: 0,
    chain: null,
    log: [],
    acked: 0,
    next: 1,
    transfer: false,
    waiting: true,
    forwarding: null,
    acking: null,
    ackTold: 0,
    waitingWrites: [],
  };
}
