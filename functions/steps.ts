// Every step with its topic and event schema: what a runner (the local pipeline, a Cloud
// Function wrapper) needs to parse a message and call the right handler.
import type { z } from "zod";
import {
  TOPICS,
  buildCompleteEventSchema,
  deadLetterEventSchema,
  deployEventSchema,
  submitEventSchema,
  teardownEventSchema,
  testRunnerEventSchema,
  type Topic,
} from "../shared/domain/events.ts";
import { handleBuildComplete } from "./build-complete/handler.ts";
import { handleDeadLetter } from "./dead-letter/handler.ts";
import { handleDeploy } from "./deploy/handler.ts";
import type { StepHandler } from "./ports.ts";
import { handleSubmit } from "./submit/handler.ts";
import { handleTeardown } from "./teardown/handler.ts";
import { handleTestRunner } from "./test-runner/handler.ts";

export interface Step<E> {
  topic: Topic;
  schema: z.ZodType<E>;
  handle: StepHandler<E>;
}

function step<E>(topic: Topic, schema: z.ZodType<E>, handle: StepHandler<E>): Step<unknown> {
  return { topic, schema, handle: handle as StepHandler<unknown> };
}

export const STEPS: readonly Step<unknown>[] = [
  step(TOPICS.submit, submitEventSchema, handleSubmit),
  step(TOPICS.buildComplete, buildCompleteEventSchema, handleBuildComplete),
  step(TOPICS.deploy, deployEventSchema, handleDeploy),
  step(TOPICS.testRunner, testRunnerEventSchema, handleTestRunner),
  step(TOPICS.teardown, teardownEventSchema, handleTeardown),
  step(TOPICS.deadLetter, deadLetterEventSchema, handleDeadLetter),
];
