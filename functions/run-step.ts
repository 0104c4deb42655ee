// Running one step on one delivered message: parse the event, call the handler, publish
// what it returns. The caller acknowledges after this resolves, so the next events are
// out before the message is gone; a throw leaves the message to be delivered again.
import type { Delivery } from "../shared/ports/bus.ts";
import type { StepPorts } from "./ports.ts";
import type { Step } from "./steps.ts";

export type Publish = (topic: string, event: unknown) => Promise<unknown>;

export async function runStep(
  step: Step<unknown>,
  raw: unknown,
  delivery: Delivery,
  ports: StepPorts,
  publish: Publish,
): Promise<void> {
  const event = step.schema.parse(raw);
  const next = await step.handle(event, ports, delivery);
  for (const n of next) await publish(n.topic, n.event);
}
