// The reference Multi-Paxos nodes driven in-process: each node's core (PaxosNode with its
// ClientRequests) over a simulated, seeded network of direct method calls, with black holes,
// drops, delays, lost answers, kills and restarts from the node's own files. Every call is
// recorded as the chaos agents would record it, so the problem's checks can read the run.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { ClientRequests } from "../reference/typescript/client-requests.ts";
import { PaxosFile } from "../reference/typescript/paxos-file.ts";
import { PaxosNode } from "../reference/typescript/paxos-node.ts";
import type { Peer } from "../reference/typescript/peers.ts";
import type { ClientRequest, ClientResponse } from "../reference/typescript/proto.ts";
import {
  ACCEPT,
  CLIENT_REQUEST,
  HEARTBEAT,
  LEARN,
  PREPARE,
  type PaxosTraffic,
} from "../checks/traffic.ts";

const STATUS_OK = 0;
const STATUS_DEADLINE_EXCEEDED = 4;
const STATUS_INTERNAL = 13;
const STATUS_UNAVAILABLE = 14;
/** The judge's clients give every call this long. */
export const CLIENT_DEADLINE_MS = 1000;

/** A small seeded generator (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Top-level fields as the agents decode them: a repeated message only as its count. */
function decode(message: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message)) {
    if (Array.isArray(value)) out[`${key}_count`] = value.length;
    else out[key] = value;
  }
  return out;
}

/** Chances, per call between nodes, of each fault the agents can apply. */
export interface LinkFaults {
  drop: number;
  loseAnswer: number;
  delay: number;
}

const NO_FAULTS: LinkFaults = { drop: 0, loseAnswer: 0, delay: 0 };

interface Member {
  id: string;
  dir: string;
  up: boolean;
  /** Grows at every start: answers of an earlier life are never delivered. */
  life: number;
  node: PaxosNode;
  clients: ClientRequests;
}

export class ReferenceCluster {
  readonly messages: MessageRecord[] = [];
  readonly log: string[] = [];
  readonly originMs = Date.now();
  faults: LinkFaults = NO_FAULTS;
  private readonly members = new Map<string, Member>();
  private readonly cuts = new Set<string>();
  private readonly files: PaxosFile[] = [];
  private seq = 0;

  constructor(
    readonly ids: string[],
    dataRoot: string,
    readonly random: () => number,
  ) {
    for (const id of ids) {
      const dir = join(dataRoot, id);
      mkdirSync(dir, { recursive: true });
      this.members.set(id, this.boot({ id, dir, up: true, life: 0 }));
    }
  }

  start(): void {
    for (const m of this.members.values()) m.node.start();
  }

  /** Every node that believes it leads now. */
  leaders(): string[] {
    return [...this.members.values()]
      .filter((m) => m.up && m.node.role === "leader")
      .map((m) => m.id);
  }

  node(id: string): PaxosNode {
    return this.member(id).node;
  }

  isUp(id: string): boolean {
    return this.member(id).up;
  }

  /** kill -9: the process is gone; what it wrote stays in its files. */
  kill(id: string): void {
    const m = this.member(id);
    m.up = false;
    m.node.stop();
  }

  /** A new process on the same DATA_DIR. */
  restart(id: string): void {
    const m = this.member(id);
    if (m.up) throw new Error(`${id} is running`);
    const next = this.boot({ id, dir: m.dir, up: true, life: m.life + 1 });
    this.members.set(id, next);
    next.node.start();
  }

  /** Black-holes every link between nodes of different groups, both ways. */
  partition(groups: string[][]): void {
    for (const [i, group] of groups.entries())
      for (const other of groups.slice(i + 1))
        for (const a of group)
          for (const b of other) {
            this.cuts.add(`${a}>${b}`);
            this.cuts.add(`${b}>${a}`);
          }
  }

  heal(): void {
    this.cuts.clear();
    this.faults = NO_FAULTS;
  }

  traffic(): PaxosTraffic {
    return {
      messages: this.messages,
      nodes: this.ids,
      originMs: this.originMs,
      messagesDropped: 0,
    };
  }

  /** A client's call to node `to` with the judge's deadline; null when no answer came. */
  clientCall(to: string, req: ClientRequest): Promise<ClientResponse | null> {
    const record = this.record("client", to, CLIENT_REQUEST, req);
    const m = this.member(to);
    return new Promise((resolve) => {
      let done = false;
      const finish = (status: number, res: ClientResponse | null): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        record.endMs = Date.now();
        record.status = status;
        if (res) record.response = decode(res);
        resolve(res);
      };
      const timer = setTimeout(() => finish(STATUS_DEADLINE_EXCEEDED, null), CLIENT_DEADLINE_MS);
      if (!m.up) {
        record.fault = "refuse";
        queueMicrotask(() => finish(STATUS_UNAVAILABLE, null));
        return;
      }
      const life = m.life;
      const deadlineMs = record.startMs + CLIENT_DEADLINE_MS;
      // The agents lose clients' answers too: the operation took effect, the client retries.
      const loseAnswer = this.random() < this.faults.loseAnswer;
      if (loseAnswer) record.fault = "lose-answer";
      queueMicrotask(() => {
        if (!this.alive(to, life)) return;
        void m.clients.handle(req, deadlineMs).then((res) => {
          if (!this.alive(to, life)) return;
          if (loseAnswer) finish(STATUS_UNAVAILABLE, null);
          else finish(STATUS_OK, res);
        });
      });
    });
  }

  /** Stops every node and closes every file any life of a node opened. */
  dispose(): void {
    for (const m of this.members.values()) if (m.up) this.kill(m.id);
    for (const file of this.files) file.close();
  }

  private boot(m: Omit<Member, "node" | "clients">): Member {
    const { file, recovered } = PaxosFile.open(m.dir);
    this.files.push(file);
    const peers = new Map<string, Peer>();
    for (const other of this.ids)
      if (other !== m.id) peers.set(other, this.peer(m.id, other, m.life));
    const node = new PaxosNode({
      nodeId: m.id,
      clusterSize: this.ids.length,
      file,
      recovered,
      peers,
      random: this.random,
      log: (line) => this.log.push(`${((Date.now() - this.originMs) / 1000).toFixed(3)} ${line}`),
    });
    return { ...m, node, clients: new ClientRequests(node) };
  }

  /** Node `from`'s view of node `to`, in `from`'s life `life`. */
  private peer(from: string, to: string, life: number): Peer {
    const call = <Req extends object, Res>(
      method: string,
      req: Req,
      deadlineMs: number,
      run: (n: PaxosNode, req: Req) => Res | Promise<Res>,
    ): Promise<Res> => this.call(from, life, to, method, req, deadlineMs, run);
    return {
      prepare: (req, ms) => call(PREPARE, req, ms, (n, r) => n.handlePrepare(r)),
      accept: (req, ms) => call(ACCEPT, req, ms, (n, r) => n.handleAccept(r)),
      learn: async (req, ms) => {
        await call(LEARN, req, ms, (n, r) => {
          n.handleLearn(r);
          return {};
        });
      },
      heartbeat: (req, ms) => call(HEARTBEAT, req, ms, (n, r) => n.handleHeartbeat(r)),
    };
  }

  private call<Req extends object, Res>(
    from: string,
    life: number,
    to: string,
    method: string,
    req: Req,
    deadlineMs: number,
    run: (n: PaxosNode, req: Req) => Res | Promise<Res>,
  ): Promise<Res> {
    // A killed process sends nothing, and hears nothing back.
    if (!this.alive(from, life)) return new Promise(() => {});
    const record = this.record(from, to, method, req);
    const fault = this.pickFault(from, to);
    if (fault) record.fault = fault;
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (status: number, res?: Res): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        record.endMs = Date.now();
        record.status = status;
        if (res !== undefined) record.response = decode(res as object);
        if (!this.alive(from, life)) return;
        if (res !== undefined) resolve(res);
        else reject(new Error(`${method} ${from}→${to}: status ${status}`));
      };
      const timer = setTimeout(() => finish(STATUS_DEADLINE_EXCEEDED), deadlineMs);
      if (fault === "blackhole") return;
      if (fault === "drop") {
        queueMicrotask(() => finish(STATUS_UNAVAILABLE));
        return;
      }
      this.deliver(fault === "delay", () => {
        const callee = this.member(to);
        if (!callee.up) {
          record.fault = "refuse";
          finish(STATUS_UNAVAILABLE);
          return;
        }
        const calleeLife = callee.life;
        // A copy, as the callee would decode its own.
        const copy = JSON.parse(JSON.stringify(req)) as Req;
        void Promise.resolve()
          .then(() => run(callee.node, copy))
          .then(
            (res) => {
              if (!this.alive(to, calleeLife)) return;
              const answer = JSON.parse(JSON.stringify(res)) as Res;
              if (fault === "lose-answer") finish(STATUS_UNAVAILABLE);
              else finish(STATUS_OK, answer);
            },
            () => finish(STATUS_INTERNAL),
          );
      });
    });
  }

  private pickFault(from: string, to: string): MessageRecord["fault"] {
    if (this.cuts.has(`${from}>${to}`)) return "blackhole";
    const r = this.random();
    const { drop, loseAnswer, delay } = this.faults;
    if (r < drop) return "drop";
    if (r < drop + loseAnswer) return "lose-answer";
    if (r < drop + loseAnswer + delay) return "delay";
    return undefined;
  }

  private record(from: string, to: string, method: string, req: object): MessageRecord {
    const record: MessageRecord = {
      seq: this.seq++,
      from,
      to,
      method,
      startMs: Date.now(),
      endMs: null,
      requestBytes: 0,
      responseBytes: 0,
      status: null,
      request: decode(req),
    };
    this.messages.push(record);
    return record;
  }

  /**
   * Runs `fn` as the call arrives: at once (in a microtask) or after a delay fault. Each
   * timer a fake clock fires costs real time, so only delays and deadlines use timers, and
   * simulated time passes through the nodes' own timers and the clients' pauses.
   */
  private deliver(delayed: boolean, fn: () => void): void {
    if (delayed) setTimeout(fn, 50 + this.random() * 250);
    else queueMicrotask(fn);
  }

  private alive(id: string, life: number): boolean {
    const m = this.member(id);
    return m.up && m.life === life;
  }

  private member(id: string): Member {
    const m = this.members.get(id);
    if (!m) throw new Error(`no node ${id}`);
    return m;
  }
}
