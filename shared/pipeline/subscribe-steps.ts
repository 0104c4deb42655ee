// Every step subscribed to its topic on a bus: the local pipeline's workers. Each delivery
// runs within the step time bound: past it, the step is stuck, and its submission fails with
// the reason and loses its cluster (the cloud's function timeout is the same bound there).
import { STEPS } from "../../functions/steps.ts";
import { runStep, type Publish } from "../../functions/run-step.ts";
import type { StepPorts } from "../../functions/ports.ts";
import { GIVING_UP, failLostSubmission } from "../../functions/dead-letter/last-resort.ts";
import { PIPELINE_LIMITS } from "../domain/limits.ts";
import type { Bus, Delivery, Subscription } from "../ports/bus.ts";

export interface StepWorkersOptions {
  /** Messages handled at once per topic; 1 runs one submission's step at a time. */
  concurrency?: number;
  /** How next events are published; the bus's publish unless given. */
  publish?: Publish;
  /** The step time bound (PIPELINE_LIMITS.stepTimeMs unless given). */
  stepTimeMs?: number;
}

export function subscribeSteps(
  bus: Bus,
  ports: StepPorts,
  opts: StepWorkersOptions = {},
): Subscription[] {
  const publish: Publish = opts.publish ?? ((topic, event) => bus.publish(topic, event));
  const limitMs = opts.stepTimeMs ?? PIPELINE_LIMITS.stepTimeMs;
  return STEPS.map((step) =>
    bus.subscribe(
      step.topic,
      (raw, delivery) =>
        withinTime(step.topic, raw, delivery, limitMs, ports, publish, () =>
          runStep(step, raw, delivery, ports, publish),
        ),
      { concurrency: opts.concurrency ?? 1 },
    ),
  );
}

/**
 * Runs the step; when it is still running at `limitMs`, fails its submission (a step of a
 * submission already at its verdict, a teardown, is only reported) and settles the message.
 * The step's own work is left to end by itself: its later writes find a terminal submission.
 */
async function withinTime(
  topic: string,
  raw: unknown,
  delivery: Delivery,
  limitMs: number,
  ports: StepPorts,
  publish: Publish,
  run: () => Promise<void>,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<"stuck">((resolve) => {
    timer = setTimeout(() => resolve("stuck"), limitMs);
  });
  const running = run();
  try {
    if ((await Promise.race([running, stuck])) !== "stuck") return;
  } finally {
    clearTimeout(timer);
  }
  running.catch((err: Error) => ports.warn(`the stuck ${topic} step failed later: ${err.message}`));
  const id = (raw as { submissionId?: unknown } | null)?.submissionId;
  ports.warn(
    `the ${topic} step (message ${delivery.messageId}) ran past its ${limitMs / 1000} s bound`,
  );
  if (typeof id !== "string") return;
  const next = await failLostSubmission(ports, id, GIVING_UP.stepTimedOut(topic, limitMs));
  for (const n of next) await publish(n.topic, n.event);
}
