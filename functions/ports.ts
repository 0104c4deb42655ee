// What every pipeline step is given: the ports, and the few facts about the place it runs.
// The local pipeline fills this with SQLite, local processes and folders; the Cloud
// Functions will fill it with Firestore, Cloud Run and a bucket. Steps see nothing else.
import type { BuildResult } from "../shared/domain/build.ts";
import type { NextEvent } from "../shared/domain/events.ts";
import type { Builder } from "../shared/ports/builder.ts";
import type { Delivery } from "../shared/ports/bus.ts";
import type { ClusterPort } from "../shared/ports/cluster.ts";
import type { ScenarioRunner } from "../shared/ports/scenarios.ts";
import type { Slots } from "../shared/ports/slots.ts";
import type { Store } from "../shared/ports/store.ts";

export interface StepPorts {
  store: Store;
  builder: Builder<BuildResult>;
  cluster: ClusterPort;
  scenarios: ScenarioRunner;
  /** How many submissions are judged at once (the local platform's K); unbounded without. */
  slots?: Slots;
  /** The folder for one scenario's evidence, made if absent. */
  evidenceDir(submissionId: string, scenario: string): Promise<string>;
  /** The problem's .proto, for the chaos agents to decode peer messages. */
  protoPath(problem: string): string | undefined;
  nowMs(): number;
  /** Something went wrong that should not fail the step (a progress write was lost). */
  warn(message: string): void;
}

/**
 * A step: the event (parsed), the ports and the delivery in, the events to publish out.
 * It publishes nothing itself, so the caller publishes and then acknowledges: a crash in
 * between redelivers the event, and the step's idempotency makes that harmless.
 */
export type StepHandler<E> = (
  event: E,
  ports: StepPorts,
  delivery: Delivery,
) => Promise<NextEvent[]>;
