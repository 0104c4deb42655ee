// The reference's coordinator and participants in one process over a seeded simulated network
// (fake timers): calls delayed, dropped or answered too late, a node killed (its timers and
// writes die with it) and restarted from what it saved, a participant cut off from node-0.
// Each call is recorded as the agents would record it, so the problem's checks read the run.
import type { Operation } from "../../../harness/operation.ts";
import type { RunRecord } from "../../../harness/run-record.ts";
import { seededRandom, type Random } from "../../../harness/random.ts";
import type { MessageRecord } from "../../../shared/ports/cluster.ts";
import { runRecord } from "../../../tests/support/run-record.ts";
import type { TxnAnswer, TxnOp } from "../client.ts";
import * as coordinatorModule from "../reference/typescript/coordinator.ts";
import type {
  Coordinator,
  CoordinatorState,
  TxnRecord,
} from "../reference/typescript/coordinator.ts";
import * as participantModule from "../reference/typescript/participant.ts";
import type { Participant, ParticipantState } from "../reference/typescript/participant.ts";
import type { Decision, StateReply } from "../reference/typescript/proto.ts";
import * as resolverModule from "../reference/typescript/resolver.ts";
import type { InDoubtResolver } from "../reference/typescript/resolver.ts";
import type { StateFile } from "../reference/typescript/state-file.ts";

export interface SimFaults {
  /** Probability a call is black-holed (the caller waits out its deadline). */
  drop: number;
  /** node-0 killed at this time for this long. */
  coordinatorDown?: [number, number];
  /** node-1 killed at this time for this long. */
  participantDown?: [number, number];
  /** node-1 cut off from node-0 at this time for this long. */
  cut?: [number, number];
  /**
   * A trigger: the node the call is from (egress, "start": once passed on) or to (ingress,
   * "complete": once answered) is killed when the first call matching it after armMs is
   * made, and restarted downMs later.
   */
  trigger?: {
    armMs: number;
    downMs: number;
    node: string;
    phase: "start" | "complete";
    match(m: MessageRecord): boolean;
  };
}

/** The reference's modules, or a mutant's copy of them. */
export interface Implementation {
  Coordinator: typeof coordinatorModule.Coordinator;
  Participant: typeof participantModule.Participant;
  DecisionConflict: typeof participantModule.DecisionConflict;
  InDoubtResolver: typeof resolverModule.InDoubtResolver;
}

export const REFERENCE: Implementation = {
  Coordinator: coordinatorModule.Coordinator,
  Participant: participantModule.Participant,
  DecisionConflict: participantModule.DecisionConflict,
  InDoubtResolver: resolverModule.InDoubtResolver,
};

/** One node's disk: the last state saved by a living incarnation. */
class Disk<T> {
  private saved: string | null = null;
  generation = 0;

  file(): StateFile<T> {
    const mine = this.generation;
    return {
      load: () => (this.saved === null ? null : (JSON.parse(this.saved) as T)),
      save: (state: T) => {
        if (mine === this.generation) this.saved = JSON.stringify(state);
      },
    } as StateFile<T>;
  }
}

const METHOD = (m: string) => `/twopc.TwoPhaseCommitNode/${m}`;

export class Simulation {
  readonly messages: MessageRecord[] = [];
  readonly history: TxnOp[] = [];
  private readonly random: Random;
  private readonly coordinatorDisk = new Disk<CoordinatorState>();
  private readonly participantDisks = new Map([
    ["node-1", new Disk<ParticipantState>()],
    ["node-2", new Disk<ParticipantState>()],
  ]);
  private coordinator: Coordinator | null = null;
  private readonly participants = new Map<
    string,
    { node: Participant; resolver: InDoubtResolver } | null
  >();
  private seq = 0;
  private opId = 0;
  readonly originMs = Date.now();

  private triggered = false;

  constructor(
    seed: number,
    private readonly faults: SimFaults,
    private readonly impl: Implementation = REFERENCE,
  ) {
    this.random = seededRandom(seed);
    this.startCoordinator();
    for (const p of this.participantDisks.keys()) this.startParticipant(p);
  }

  private now(): number {
    return Date.now();
  }

  private cut(a: string, b: string): boolean {
    const w = this.faults.cut;
    const t = this.now() - this.originMs;
    return (
      !!w && t >= w[0] && t < w[0] + w[1] && [a, b].includes("node-1") && [a, b].includes("node-0")
    );
  }

  /**
   * One call from `from` to `to`, recorded at the caller: delivered after a delay (unless cut,
   * dropped, or the callee is down), handled if the callee still lives, answered after a delay.
   */
  private call<Res>(
    from: string,
    to: string,
    method: string,
    request: Record<string, unknown>,
    deadlineMs: number,
    handle: () => Res,
  ): Promise<Res> {
    const record: MessageRecord = {
      seq: ++this.seq,
      from,
      to,
      method: METHOD(method),
      startMs: this.now(),
      endMs: null,
      requestBytes: 0,
      responseBytes: 0,
      status: null,
      request,
    };
    this.messages.push(record);
    const down = to === "node-0" ? this.coordinator === null : this.participants.get(to) === null;
    const lost = this.cut(from, to) || this.random.next() < this.faults.drop;
    const there = this.random.int(0, 15);
    const back = this.random.int(0, 15);
    return new Promise((resolve, reject) => {
      const fail = (status: number, fault?: MessageRecord["fault"]) => {
        record.endMs = this.now();
        record.status = status;
        if (fault) record.fault = fault;
        reject(new Error(`status ${status}`));
      };
      if (down) return fail(14, undefined);
      if (lost) return void setTimeout(() => fail(4, "blackhole"), deadlineMs);
      setTimeout(() => {
        const stillUp =
          to === "node-0" ? this.coordinator !== null : this.participants.get(to) != null;
        if (!stillUp) return fail(14);
        let res: Res;
        try {
          res = handle();
        } catch (err) {
          return fail(err instanceof this.impl.DecisionConflict ? 9 : 13);
        }
        this.fire(record, "start");
        setTimeout(() => {
          record.endMs = this.now();
          if (there + back > deadlineMs) return fail(4);
          record.status = 0;
          record.response = JSON.parse(JSON.stringify(res)) as Record<string, unknown>;
          resolve(res);
          this.fire(record, "complete");
        }, back);
      }, there);
    });
  }

  /** Kills the trigger's node once, when its call is passed on or answered. */
  private fire(record: MessageRecord, phase: "start" | "complete"): void {
    const t = this.faults.trigger;
    if (!t || this.triggered || t.phase !== phase || !t.match(record)) return;
    if (this.now() - this.originMs < t.armMs) return;
    this.triggered = true;
    if (t.node === "node-0") this.killCoordinator();
    else this.killParticipant(t.node);
    setTimeout(
      () => (t.node === "node-0" ? this.startCoordinator() : this.startParticipant(t.node)),
      t.downMs,
    );
  }

  startCoordinator(): void {
    const gen = ++this.coordinatorDisk.generation;
    const alive = () => this.coordinatorDisk.generation === gen;
    const never = new Promise<never>(() => {});
    this.coordinator = null;
    const coordinator = new this.impl.Coordinator(this.coordinatorDisk.file(), {
      prepare: (node, txn: TxnRecord, deadlineMs) => {
        if (!alive()) return never;
        const { id, kind, source, target, amount } = txn;
        return this.call(
          "node-0",
          node,
          "Prepare",
          { txn_id: id, kind, source, target, amount },
          deadlineMs,
          () =>
            this.participantOf(node).prepare(
              { txn_id: id, kind, source, target, amount },
              this.now(),
            ),
        );
      },
      decide: (node, txnId, decision: Decision, deadlineMs) => {
        if (!alive()) return never;
        return this.call("node-0", node, "Decide", { txn_id: txnId, decision }, deadlineMs, () => {
          this.participantOf(node).decide({ txn_id: txnId, decision });
          return {};
        }).then(() => undefined);
      },
    });
    this.coordinator = coordinator;
  }

  killCoordinator(): void {
    this.coordinator?.stop();
    this.coordinator = null;
    this.coordinatorDisk.generation++;
  }

  startParticipant(id: string): void {
    const disk = this.participantDisks.get(id);
    if (!disk) throw new Error(id);
    const gen = ++disk.generation;
    const node = new this.impl.Participant(id, disk.file());
    const resolver = new this.impl.InDoubtResolver(
      node,
      (txnId) =>
        disk.generation === gen
          ? this.call(
              id,
              "node-0",
              "QueryDecision",
              { txn_id: txnId, participant: id },
              500,
              () => {
                if (!this.coordinator) throw new Error("down");
                return this.coordinator.query(txnId);
              },
            )
          : new Promise(() => {}),
      () => {},
    );
    this.participants.set(id, { node, resolver });
    resolver.start();
  }

  killParticipant(id: string): void {
    this.participants.get(id)?.resolver.stop();
    this.participants.set(id, null);
    const disk = this.participantDisks.get(id);
    if (disk) disk.generation++;
  }

  private participantOf(id: string): Participant {
    const p = this.participants.get(id);
    if (!p) throw new Error(`${id} is down`);
    return p.node;
  }

  /** One client's operation at node-0, retried with its identity until decided or budget. */
  async clientOp(client: string, sequence: number, rng: Random, budgetMs: number): Promise<void> {
    const transfer = rng.next() < 0.7;
    const accounts = ["a", "b", "c", "d"];
    const source = rng.pick(accounts);
    const target = rng.pick(accounts.filter((a) => a !== source));
    const amount = rng.int(1, 5);
    const op = {
      id: ++this.opId,
      client,
      sequence,
      f: transfer ? "transfer" : "read",
      ...(transfer ? { value: { source, target, amount } } : {}),
      outcome: "info",
      startMs: this.now(),
      endMs: null,
      attempts: [],
    } as TxnOp;
    this.history.push(op);
    while (this.now() - op.startMs < budgetMs) {
      const coordinator = this.coordinator;
      if (coordinator) {
        const txn = await coordinator.submit(
          {
            clientId: client,
            sequence,
            kind: transfer ? "TRANSFER" : "READ",
            source: transfer ? source : "",
            target: transfer ? target : "",
            amount: transfer ? amount : 0,
          },
          1500,
        );
        // An answer from a node killed meanwhile never reaches the client.
        if (txn.decision !== null && this.coordinator === coordinator) {
          const answer: TxnAnswer = {
            txn_id: txn.id,
            outcome: txn.decision === "COMMIT" ? "OUTCOME_COMMITTED" : "OUTCOME_ABORTED",
            balances: txn.balances,
          };
          Object.assign(op, { outcome: "ok", endMs: this.now(), output: answer });
          return;
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Applies the plan's kills and restarts as fake time passes. */
  schedule(): void {
    const { coordinatorDown, participantDown } = this.faults;
    if (coordinatorDown) {
      setTimeout(() => this.killCoordinator(), coordinatorDown[0]);
      setTimeout(() => this.startCoordinator(), coordinatorDown[0] + coordinatorDown[1]);
    }
    if (participantDown) {
      setTimeout(() => this.killParticipant("node-1"), participantDown[0]);
      setTimeout(() => this.startParticipant("node-1"), participantDown[0] + participantDown[1]);
    }
  }

  /** Every node's State, as the judge's final reads. */
  finalReads(): TxnOp[] {
    const nodes: [string, StateReply | undefined][] = [
      ["node-0", this.coordinator?.view()],
      ["node-1", this.participants.get("node-1")?.node.view()],
      ["node-2", this.participants.get("node-2")?.node.view()],
    ];
    return nodes.map(([node, state], i) => ({
      id: ++this.opId,
      client: "final",
      sequence: i + 1,
      f: "state",
      output: state,
      outcome: state ? "ok" : "info",
      startMs: this.now(),
      endMs: this.now(),
      attempts: [{ node, startMs: this.now(), endMs: this.now(), result: "ok" }],
    })) as TxnOp[];
  }

  stop(): void {
    this.coordinator?.stop();
    for (const p of this.participants.values()) p?.resolver.stop();
  }

  run(finalReads: TxnOp[]): RunRecord<TxnOp> {
    const t = this.faults.trigger;
    const armed: [number, number] | undefined = t ? [t.armMs, 6000] : undefined;
    const windows = [
      this.faults.coordinatorDown,
      this.faults.participantDown,
      this.faults.cut,
      armed,
    ]
      .filter((w): w is [number, number] => w !== undefined)
      .map(([at, forMs]) => ({
        startMs: this.originMs + at,
        endMs: this.originMs + at + forMs,
        description: "fault",
      }));
    return runRecord<TxnOp>({
      problem: "two-phase-commit",
      scenario: "simulated",
      seed: 0,
      originMs: this.originMs,
      endMs: this.now(),
      nodes: ["node-0", "node-1", "node-2"],
      history: [...this.history, ...finalReads] as (TxnOp & Operation)[],
      finalReads,
      finalReadBudgetMs: 0,
      messages: this.messages,
      faults: windows,
    });
  }
}

export interface SimClients {
  clients: number;
  thinkMs: [number, number];
}

/**
 * A whole run under fake timers (the caller installs them): clients send operations for 6 s,
 * then 5 s for the last ones to end and the 4 s recovery wait, then every node's State.
 */
export async function simulate(
  seed: number,
  faults: SimFaults,
  advance: (ms: number) => Promise<unknown>,
  clients: SimClients = { clients: 3, thinkMs: [20, 60] },
  impl: Implementation = REFERENCE,
): Promise<RunRecord<TxnOp>> {
  const workloadMs = 6000;
  const sim = new Simulation(seed, faults, impl);
  sim.schedule();
  const running = Array.from({ length: clients.clients }, async (_, i) => {
    const rng = seededRandom(seed).fork(`client-${i}`);
    for (let seq = 1; Date.now() - sim.originMs < workloadMs; seq++) {
      await sim.clientOp(`c${i}`, seq, rng, 4500);
      await new Promise((r) => setTimeout(r, rng.int(clients.thinkMs[0], clients.thinkMs[1])));
    }
  });
  await advance(workloadMs + 5000 + 4000);
  await Promise.all(running);
  const run = sim.run(sim.finalReads());
  sim.stop();
  return run;
}
