// Every step subscribed to its topic on a bus: the local pipeline's workers.
import { STEPS } from "../../functions/steps.ts";
import { runStep, type Publish } from "../../functions/run-step.ts";
import type { StepPorts } from "../../functions/ports.ts";
import type { Bus, Subscription } from "../ports/bus.ts";

export interface StepWorkersOptions {
  /** Messages handled at once per topic; 1 runs one submission's step at a time. */
  concurrency?: number;
  /** How next events are published; the bus's publish unless given. */
  publish?: Publish;
}

export function subscribeSteps(
  bus: Bus,
  ports: StepPorts,
  opts: StepWorkersOptions = {},
): Subscription[] {
  const publish: Publish = opts.publish ?? ((topic, event) => bus.publish(topic, event));
  return STEPS.map((step) =>
    bus.subscribe(step.topic, (raw, delivery) => runStep(step, raw, delivery, ports, publish), {
      concurrency: opts.concurrency ?? 1,
    }),
  );
}
