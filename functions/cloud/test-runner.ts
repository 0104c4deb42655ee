// The test-runner function: runs one scenario per message, well inside a function's time limit.
import * as functions from "@google-cloud/functions-framework";
import { TOPICS } from "../../shared/domain/events.ts";
import { pipelineStep, stepFunction } from "./step-function.ts";
import { cloudRunFromEnv } from "./adapters/cloud-run.ts";
import { uploadingScenariosFromEnv } from "./adapters/scenarios.ts";
import { stepPortsFor } from "./step-ports.ts";

const stepPorts = stepPortsFor({ cluster: cloudRunFromEnv, scenarios: uploadingScenariosFromEnv });

/** Installs other ports than the environment's (before the first request). */
export const usePorts = stepPorts.use;

functions.http("testRunner", stepFunction(pipelineStep(TOPICS.testRunner), stepPorts));
