// The submit function: starts the submission's build (Cloud Build); its outcome comes back through the cloud-builds topic.
import * as functions from "@google-cloud/functions-framework";
import { TOPICS } from "../../shared/domain/events.ts";
import { pipelineStep, stepFunction } from "./step-function.ts";
import { cloudBuildFromEnv } from "./adapters/cloud-build.ts";
import { stepPortsFor } from "./step-ports.ts";

const stepPorts = stepPortsFor({ builder: cloudBuildFromEnv });

/** Installs other ports than the environment's (before the first request). */
export const usePorts = stepPorts.use;

functions.http("submit", stepFunction(pipelineStep(TOPICS.submit), stepPorts));
