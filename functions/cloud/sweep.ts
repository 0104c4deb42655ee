// The sweep function: on each tick Cloud Scheduler publishes to the sweep topic, it asks for
// the teardown of every cluster left idle (functions/sweep/handler.ts).
import * as functions from "@google-cloud/functions-framework";
import { TOPICS, sweepEventSchema } from "../../shared/domain/events.ts";
import { handleSweep } from "../sweep/handler.ts";
import type { StepHandler } from "../ports.ts";
import type { Step } from "../steps.ts";
import { stepFunction } from "./step-function.ts";
import { stepPortsFor } from "./step-ports.ts";

const stepPorts = stepPortsFor({});

/** Installs other ports than the environment's (before the first request). */
export const usePorts = stepPorts.use;

const sweepStep: Step<unknown> = {
  topic: TOPICS.sweep,
  schema: sweepEventSchema,
  handle: handleSweep as StepHandler<unknown>,
};

functions.http("sweep", stepFunction(sweepStep, stepPorts));
