// Three reference nodes (reference/typescript/) in one process, driven on fake timers over a
// seeded simulated network: peer calls are delayed, dropped (black-holed until their caller
// gives up) or lose their answer, and a call given up on a new epoch may still arrive. The
// test plays the judge: it configures the chain as master, kills a node (its links stop, calls
// to it fail), restarts it empty and adds it back as tail, and runs clients that retry and
// follow hints. It records what the agents and the judge would: every peer call with its
// decoded fields, fault and status, the configurations, and the client history, so the
// problem's own checks can read the run.
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import type { ChainConfig } from "../checks/configuration.ts";
import type { Attempt, AttemptResult, ChainOp, ChainRun } from "../checks/history.ts";
import { ACK, FORWARD, TRANSFER } from "../checks/traffic.ts";
import { ChainNode } from "../reference/typescript/chain-node.ts";
import { ClientRequests } from "../reference/typescript/client-requests.ts";
import type { PeerTransport } from "../reference/typescript/peer-call.ts";
import type { ClientRequest, ClientResponse, PeerResponse } from "../reference/typescript/proto.ts";

export const NODE_IDS = ["node-0", "node-1", "node-2"];
/** The judge's client deadline per attempt. */
const CLIENT_DEADLINE_MS = 1000;

/** A seeded generator (mulberry32): the same seed, the same run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Member {
  node: ChainNode;
  clients: ClientRequests;
}

export interface Faults {
  drop: number;
  loseAnswer: number;
}

export class SimCluster {
  readonly messages: MessageRecord[] = [];
  readonly configs: ChainConfig[] = [];
  readonly history: ChainOp[] = [];
  faults: Faults = { drop: 0, loseAnswer: 0 };
  /** Called when a peer call was handled, before its answer travels back. */
  onHandled: (m: MessageRecord) => void = () => {};
  private readonly members = new Map<string, Member | null>();
  private readonly originMs = Date.now();

  constructor(readonly random: () => number) {
    for (const id of NODE_IDS) this.members.set(id, this.start(id));
  }

  get record(): ChainRun {
    return {
      originMs: this.originMs,
      messages: [...this.messages].sort((a, b) => a.startMs - b.startMs),
      messagesDropped: 0,
      history: this.history,
      configs: this.configs,
    };
  }

  get chain(): string[] {
    return this.configs.at(-1)?.chain ?? [];
  }

  nodeOf(id: string): ChainNode | null {
    return this.members.get(id)?.node ?? null;
  }

  /** As master: a new epoch, sent to every member (each after its own short delay). */
  async configure(chain: string[]): Promise<void> {
    const config: ChainConfig = {
      epoch: this.configs.length + 1,
      chain,
      sentMs: Date.now(),
      answeredMs: {},
    };
    this.configs.push(config);
    await Promise.all(
      chain.map(async (id) => {
        await sleep(Math.floor(this.random() * 30));
        const member = this.members.get(id);
        if (!member) return;
        member.node.configure({ epoch: config.epoch, chain });
        config.answeredMs[id] = Date.now();
      }),
    );
  }

  /** SIGKILL: the node's links stop, calls to it fail; then the chain goes on without it. */
  kill(id: string): void {
    this.members.get(id)?.node.stop();
    this.members.set(id, null);
  }

  /** The killed node starts again with nothing and is added back at the tail. */
  async restart(id: string): Promise<void> {
    this.members.set(id, this.start(id));
    await this.configure([...this.chain, id]);
  }

  private start(id: string): Member {
    const node = new ChainNode({ nodeId: id, peers: this.transport(id) });
    return { node, clients: new ClientRequests(node) };
  }

  /** One client attempt: the node's answer, or the client's deadline. */
  async request(
    to: string,
    req: ClientRequest,
  ): Promise<{ result: AttemptResult; res?: ClientResponse }> {
    const member = this.members.get(to);
    if (!member) return { result: "error" };
    const deadline = new Promise<null>((r) => setTimeout(() => r(null), CLIENT_DEADLINE_MS));
    const res = await Promise.race([
      member.clients.handle(req, Date.now() + CLIENT_DEADLINE_MS),
      deadline,
    ]);
    // An answer from a node killed meanwhile never left it.
    if (!res || this.members.get(to) !== member) return { result: res ? "error" : "deadline" };
    const result = (
      { OK: "ok", NOT_HEAD: "not_head", NOT_TAIL: "not_tail", UNAVAILABLE: "unavailable" } as const
    )[res.status];
    return { result, res };
  }

  private transport(from: string): PeerTransport {
    const fields = (r: object): Record<string, unknown> => ({ ...r });
    return {
      forward: (to, req, signal) =>
        this.call(from, to, FORWARD, fields(req), signal, (n) => n.forward(req)),
      ack: (to, req, signal) => this.call(from, to, ACK, fields(req), signal, (n) => n.ack(req)),
      transfer: (to, req, signal) => {
        const { entries, sessions, ...rest } = req;
        const decoded = {
          ...rest,
          entries_count: entries.length,
          sessions_count: sessions.length,
        };
        // The receiver gets its own copy, as over the wire.
        const copy = structuredClone(req);
        return this.call(from, to, TRANSFER, decoded, signal, (n) => n.transfer(copy));
      },
    };
  }

  private call(
    from: string,
    to: string,
    method: string,
    request: Record<string, unknown>,
    signal: AbortSignal,
    handle: (node: ChainNode) => PeerResponse,
  ): Promise<PeerResponse> {
    const record: MessageRecord = {
      seq: this.messages.length,
      from,
      to,
      method,
      startMs: Date.now(),
      endMs: null,
      requestBytes: 40,
      responseBytes: 0,
      status: null,
      request,
    };
    this.messages.push(record);
    const dropped = this.random() < this.faults.drop;
    const lost = this.random() < this.faults.loseAnswer;
    const end = (status: number): void => {
      if (record.endMs !== null) return;
      record.endMs = Date.now();
      record.status = status;
    };
    return new Promise((resolve, reject) => {
      // The caller gave up: on its deadline (a black hole, a lost answer) or its new epoch.
      signal.addEventListener(
        "abort",
        () => {
          end(record.fault ? 4 : 1);
          reject(new Error("given up"));
        },
        { once: true },
      );
      if (dropped) {
        record.fault = "drop";
        return;
      }
      // The request goes on even if its caller gives it up: an old epoch's call may arrive.
      setTimeout(() => {
        const callee = this.members.get(to);
        if (!callee) {
          end(14);
          reject(new Error("connection refused"));
          return;
        }
        const response = handle(callee.node);
        record.response = { ...response };
        record.responseBytes = 8;
        this.onHandled(record);
        if (lost) {
          record.fault = "lose-answer";
          return;
        }
        setTimeout(() => {
          if (signal.aborted) return;
          end(0);
          resolve(response);
        }, this.delay());
      }, this.delay());
    });
  }

  /** 1–20 ms each way. */
  private delay(): number {
    return 1 + Math.floor(this.random() * 20);
  }

  /**
   * One client: operations one at a time, each retried with its (client_id, sequence) at the
   * hinted node after NOT_HEAD / NOT_TAIL, at another after UNAVAILABLE or a deadline, given
   * up (unknown, or failed if every node refused it) at `untilMs`.
   */
  async runClient(
    client: string,
    pickOp: () => Omit<ClientRequest, "client_id" | "sequence">,
    untilMs: number,
  ): Promise<void> {
    for (let sequence = 1; Date.now() < untilMs; sequence++) {
      await this.operation({ client_id: client, sequence, ...pickOp() }, untilMs + 3000);
      await sleep(Math.floor(this.random() * 20));
    }
  }

  /** Runs one operation to its final answer and records it. */
  async operation(req: ClientRequest, giveUpMs: number): Promise<ChainOp> {
    const f = req.op === "GET" ? "get" : req.op === "PUT" ? "put" : "append";
    const op: ChainOp = {
      id: this.history.length,
      client: req.client_id,
      sequence: req.sequence,
      f,
      key: req.key,
      ...(f === "get" ? {} : { value: req.value }),
      outcome: "info",
      startMs: Date.now(),
      endMs: null,
      attempts: [],
    };
    this.history.push(op);
    let target = NODE_IDS[Math.floor(this.random() * NODE_IDS.length)] as string;
    let refusedOnly = true;
    while (Date.now() < giveUpMs) {
      const startMs = Date.now();
      const { result, res } = await this.request(target, req);
      const attempt: Attempt = { node: target, startMs, endMs: Date.now(), result };
      if (res?.hint) attempt.hint = res.hint;
      op.attempts.push(attempt);
      if (result === "ok") {
        op.outcome = "ok";
        op.endMs = attempt.endMs;
        if (res && f === "get") op.output = { value: res.value, found: res.found };
        return op;
      }
      if (result === "not_head" || result === "not_tail") {
        target = res?.hint || this.other(target);
        await sleep(5);
      } else {
        refusedOnly = false;
        target = this.other(target);
        await sleep(50);
      }
    }
    if (refusedOnly) {
      op.outcome = "fail";
      op.endMs = op.attempts.at(-1)?.endMs ?? op.startMs;
    }
    return op;
  }

  private other(id: string): string {
    return NODE_IDS[(NODE_IDS.indexOf(id) + 1) % NODE_IDS.length] as string;
  }
}
