// What a problem folder gives the platform (problems/<slug>/): its definition, light and
// synchronous (catalogue, proto, statement, templates, scenario plans), and its judge,
// loaded only where scenarios run (client, workload, roles, checks). docs/adding-a-problem.md.
import type { ProblemMeta } from "../shared/domain/problems.ts";
import type { ClusterHandle, MessageRecord } from "../shared/ports/cluster.ts";
import type { PropertyResult } from "../shared/check/property.ts";
import type { Operation } from "./operation.ts";
import type { ClientGate } from "./client-gate.ts";
import type { ScenarioPlan } from "./plan.ts";
import type { Random } from "./random.ts";
import type { RunRecord } from "./run-record.ts";

/**
 * A role a fault may name. `otherThan`: a node not holding that role, chosen by the seed
 * ("follower" is any node but the leader).
 */
export interface RoleSpec {
  name: string;
  otherThan?: string;
  description: string;
}

export interface ProblemDefinition extends ProblemMeta {
  /** The wire contract's file name in the problem's folder ("raft.proto"). */
  protoFile: string;
  roles: readonly RoleSpec[];
  /**
   * What the starter says to do in each RPC (RPC name -> words true of every language),
   * under the proto's comment in every language's generated template.
   */
  templateHints?: Readonly<Record<string, string>>;
  /** The scenarios in their default order. Same seed, same plan. */
  plans: Readonly<Record<string, (seed: number) => ScenarioPlan>>;
}

/** Tells which node holds which role right now, from the traffic. */
export interface RoleTracker {
  observe(batch: readonly MessageRecord[]): void;
  /** The node holding `role` now, waiting up to timeoutMs for one (polling meanwhile). */
  holder(role: string, timeoutMs: number, poll: () => Promise<void>): Promise<string | null>;
}

export interface WorkloadRun<Op extends Operation> {
  history: Op[];
  /** Operations finished so far, for progress. */
  done(): number;
  /** Resolves when every client has stopped. */
  finished: Promise<void>;
}

export interface WorkloadContext {
  plan: ScenarioPlan;
  random: Random;
  originMs: number;
  /** Clients start no operation after this (epoch ms). */
  endMs: number;
  /** Idle windows in epoch ms: no operation starts inside one. */
  idleWindows: readonly [number, number][];
  /** Unique per run, for client ids. */
  runId: string;
  nextOpId(): number;
  /** Clients wait at it before each operation: a plan's "hold-clients" closes it. */
  gate: ClientGate;
  /** Puts what the judge itself did on the fault timeline (the chain's master: a new chain). */
  note(description: string, atMs?: number): void;
}

/** Client operations a plan sends to chosen nodes (its "request" steps). */
export interface PlanRequests<Op extends Operation> {
  /**
   * Sends a new operation named `label` built from `request`, or, when request is
   * undefined, the one last named `label` again with the same identity (a retry). Resolves
   * with its answer in words once answered, or when budgetMs is spent.
   */
  send(label: string, node: string, request: unknown, budgetMs: number): Promise<string>;
  /** Every operation sent, each once, from its first attempt to its final answer. */
  history(): Op[];
}

/** The judge's side of one run: its clients' connections to the cluster. */
export interface ProblemSession<Op extends Operation> {
  startWorkload(ctx: WorkloadContext): WorkloadRun<Op>;
  /** The plan's own requests, for a problem whose plans send them. */
  requests?(ctx: WorkloadContext): PlanRequests<Op>;
  /** After the heal and the recovery wait: the reads every final check needs. */
  finalReads(ctx: WorkloadContext, budgetMs: number): Promise<Op[]>;
  /**
   * What the session itself recorded beside the history, for the problem's checks (the
   * chain's master: every configuration it sent); taken after the final reads, kept in the
   * run as `problemRecord` and in faults.json.
   */
  record?(): unknown;
  close(): void;
}

/** One property of a run. `required`: the verdict cannot pass while it is inconclusive. */
export interface Check<Op extends Operation = Operation> {
  name: string;
  required: boolean;
  run(run: RunRecord<Op>, opts: CheckOptions): PropertyResult;
}

export interface CheckOptions {
  /** The linearizability search's time bound. */
  searchTimeoutMs: number;
}

export interface ProblemJudge<Op extends Operation = Operation> {
  open(cluster: ClusterHandle): ProblemSession<Op>;
  roles(): RoleTracker;
  /** The properties in report order: the first violated one is the verdict's reason. */
  checks: readonly Check<Op>[];
  /** history.json: the checker's format, so `clusterjudge check` replays it. */
  historyDocument(run: RunRecord<Op>): object;
  describeOperation(op: Op, originMs: number): string;
  // A section of its own in the report (the UI's and report.html alike) is not here but in
  // problems/<slug>/report-panel.ts (shared/report/panel.ts): it is drawn in the browser.
}
