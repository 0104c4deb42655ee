// The dead-letter function: a step that failed every delivery marks its submission failed.
import * as functions from "@google-cloud/functions-framework";
import { TOPICS } from "../../shared/domain/events.ts";
import { pipelineStep, stepFunction } from "./step-function.ts";
import { stepPortsFor } from "./step-ports.ts";

const stepPorts = stepPortsFor({});

/** Installs other ports than the environment's (before the first request). */
export const usePorts = stepPorts.use;

functions.http("deadLetter", stepFunction(pipelineStep(TOPICS.deadLetter), stepPorts));
