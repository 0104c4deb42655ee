// The build-complete function: fed by two topics. The pipeline's own build-complete events
// (a builder that knew the outcome at once) are handled as they are; Cloud Build's status
// notifications (attributes buildId and status, the Build resource as data) become a
// build-complete event once the build is final, and are acknowledged before that.
import * as functions from "@google-cloud/functions-framework";
import { TOPICS } from "../../shared/domain/events.ts";
import { pipelineStep, stepFunction, type ToEvent } from "./step-function.ts";
import { buildNotificationsFromEnv } from "./adapters/build-notifications.ts";
import { stepPortsFor } from "./step-ports.ts";

const stepPorts = stepPortsFor({ buildNotification: buildNotificationsFromEnv });

/** Installs other ports than the environment's (before the first request). */
export const usePorts = stepPorts.use;

const fromEitherTopic: ToEvent = async (msg, ports) => {
  const { buildId, status } = msg.delivery.attributes;
  const isNotification = buildId !== undefined && status !== undefined;
  if (!isNotification) return msg.event;
  return ports.buildNotification({
    data: JSON.stringify(msg.event),
    attributes: msg.delivery.attributes,
  });
};

functions.http(
  "buildComplete",
  stepFunction(pipelineStep(TOPICS.buildComplete), stepPorts, fromEitherTopic),
);
