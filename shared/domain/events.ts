// The pipeline's events: one topic per step, named after the step that consumes it. Every
// event names its submission; events arrive as JSON from a bus, so each is parsed here.
import { z } from "zod";
import { buildOutcomeSchema, type BuildOutcome } from "./build.ts";

export const TOPICS = {
  submit: "submit",
  buildComplete: "build-complete",
  deploy: "deploy",
  testRunner: "test-runner",
  teardown: "teardown",
  /** Messages that failed every delivery attempt; their step marks the submission failed. */
  deadLetter: "dead-letter",
  /** A scheduler's tick: tear down the clusters left idle. */
  sweep: "sweep",
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

const submissionId = z.string().min(1);

export const submitEventSchema = z.object({ submissionId });
export const buildCompleteEventSchema = z.object({ submissionId, outcome: buildOutcomeSchema });
export const deployEventSchema = z.object({ submissionId });
export const testRunnerEventSchema = z.object({
  submissionId,
  scenarioIndex: z.number().int().min(0),
});
export const teardownEventSchema = z.object({ submissionId, reason: z.string() });
/** A dead letter carries its original event; only the submission id matters to its step. */
export const deadLetterEventSchema = z.looseObject({ submissionId });

/** The scheduler's tick names no submission; whatever else its body holds is ignored. */
export const sweepEventSchema = z.looseObject({});

export type SubmitEvent = z.infer<typeof submitEventSchema>;
export type BuildCompleteEvent = z.infer<typeof buildCompleteEventSchema>;
export type DeployEvent = z.infer<typeof deployEventSchema>;
export type TestRunnerEvent = z.infer<typeof testRunnerEventSchema>;
export type TeardownEvent = z.infer<typeof teardownEventSchema>;
export type DeadLetterEvent = z.infer<typeof deadLetterEventSchema>;
export type SweepEvent = z.infer<typeof sweepEventSchema>;

/** An event a step asks to publish, with the topic it goes to. */
export type NextEvent =
  | { topic: typeof TOPICS.submit; event: SubmitEvent }
  | { topic: typeof TOPICS.buildComplete; event: BuildCompleteEvent }
  | { topic: typeof TOPICS.deploy; event: DeployEvent }
  | { topic: typeof TOPICS.testRunner; event: TestRunnerEvent }
  | { topic: typeof TOPICS.teardown; event: TeardownEvent };

/** The events steps publish, made in one place. */
export const nextEvent = {
  buildComplete: (submissionId: string, outcome: BuildOutcome): NextEvent => ({
    topic: TOPICS.buildComplete,
    event: { submissionId, outcome },
  }),
  deploy: (submissionId: string): NextEvent => ({ topic: TOPICS.deploy, event: { submissionId } }),
  testRunner: (submissionId: string, scenarioIndex: number): NextEvent => ({
    topic: TOPICS.testRunner,
    event: { submissionId, scenarioIndex },
  }),
  teardown: (submissionId: string, reason: string): NextEvent => ({
    topic: TOPICS.teardown,
    event: { submissionId, reason },
  }),
};

/** Attributes a bus sets on a dead letter, as Pub/Sub's dead-letter policy does. */
export const DEAD_LETTER_ATTRIBUTES = {
  sourceTopic: "sourceTopic",
  deliveryAttempts: "deliveryAttempts",
  lastError: "lastError",
  originalMessageId: "originalMessageId",
} as const;
