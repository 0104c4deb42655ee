// The teardown function: deletes the submission's Cloud Run services; safe to repeat.
import * as functions from "@google-cloud/functions-framework";
import { TOPICS } from "../../shared/domain/events.ts";
import { pipelineStep, stepFunction } from "./step-function.ts";
import { cloudRunFromEnv } from "./adapters/cloud-run.ts";
import { stepPortsFor } from "./step-ports.ts";

const stepPorts = stepPortsFor({ cluster: cloudRunFromEnv });

/** Installs other ports than the environment's (before the first request). */
export const usePorts = stepPorts.use;

functions.http("teardown", stepFunction(pipelineStep(TOPICS.teardown), stepPorts));
