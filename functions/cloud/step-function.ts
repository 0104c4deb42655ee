// A pipeline step as an HTTP function fed by a Pub/Sub push subscription (or an Eventarc
// CloudEvent): parse the message, run the step exactly as the local pipeline does (runStep:
// validate, handle, publish the next events), then answer. 204 acknowledges; 500 makes
// Pub/Sub deliver again with back-off, until the subscription's dead-letter policy gives up.
// A message that can never be handled (not Pub/Sub, not JSON, not the step's event) is
// logged and acknowledged: retrying it would only fill the dead-letter topic. Before any of
// that, the caller must be the push subscription (push-auth.ts): anyone else gets 401/403.
import type { Request, Response } from "express";
import type { PushedMessage } from "../../shared/adapters/gcp/bus/index.ts";
import { withPortDeadLetterAttributes } from "../../shared/adapters/gcp/bus/attributes.ts";
import { TOPICS, type Topic } from "../../shared/domain/events.ts";
import { runStep } from "../run-step.ts";
import { STEPS, type Step } from "../steps.ts";
import type { PortsProvider, StepFunctionPorts } from "./cloud-ports.ts";
import { log, type Severity } from "./log.ts";
import { PushBodyError, parsePubSubRequest } from "./pubsub-request.ts";
import { isPushRefusal } from "./push-auth.ts";

export type HttpFunction = (req: Request, res: Response) => Promise<void>;

/**
 * Turns a parsed message into the step's event; null when it needs no handling. The
 * default is the message data itself.
 */
export type ToEvent = (msg: PushedMessage, ports: StepFunctionPorts) => Promise<unknown>;

const asIs: ToEvent = async (msg) => msg.event;

export function stepFunction(
  step: Step<unknown>,
  provider: PortsProvider<StepFunctionPorts>,
  toEvent: ToEvent = asIs,
): HttpFunction {
  const { topic } = step;
  return async (req, res) => {
    let ports: StepFunctionPorts;
    try {
      ports = await provider.get();
      await ports.authenticatePush(req.headers);
    } catch (err) {
      if (isPushRefusal(err)) {
        // Not Pub/Sub's push: never read, never acknowledged as handled.
        log("WARNING", `${topic}: refused a call: ${err.message}`);
        res.status(err.status).type("text/plain").send(err.message);
        return;
      }
      return failed(res, topic, {}, err);
    }
    let msg: PushedMessage;
    try {
      msg = parsePubSubRequest(req.headers, req.body);
    } catch (err) {
      if (!(err instanceof PushBodyError)) throw err;
      return acknowledge(res, `${topic}: ${err.message}; acknowledged without handling`);
    }
    const fields = { topic, messageId: msg.delivery.messageId, attempt: msg.delivery.attempt };
    try {
      if (topic === TOPICS.deadLetter) {
        const attributes = withPortDeadLetterAttributes(msg.delivery.attributes);
        msg = { ...msg, delivery: { ...msg.delivery, attributes } };
      }
      const event = await toEvent(msg, ports);
      if (event === null) return acknowledge(res, `${topic}: nothing to do`, fields, "INFO");
      const parsed = step.schema.safeParse(event);
      if (!parsed.success) {
        const why = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
        return acknowledge(res, `${topic}: not a ${topic} event (${why.join("; ")})`, fields);
      }
      await runStep(step, parsed.data, msg.delivery, ports.steps, (t, e) =>
        ports.bus.publish(t, e),
      );
      res.status(204).end();
    } catch (err) {
      failed(res, topic, fields, err);
    }
  };
}

/** 500: Pub/Sub delivers the message again after its back-off. */
function failed(res: Response, topic: string, fields: Record<string, unknown>, err: unknown) {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  log("ERROR", `${topic} failed; Pub/Sub will deliver the message again`, {
    ...fields,
    error: message,
  });
  res
    .status(500)
    .type("text/plain")
    .send(`${topic} failed: ${String(err)}`);
}

function acknowledge(
  res: Response,
  message: string,
  fields: Record<string, unknown> = {},
  severity: Severity = "WARNING",
) {
  log(severity, message, fields);
  res.status(204).end();
}

/** The pipeline's step that consumes `topic` (functions/steps.ts). */
export function pipelineStep(topic: Topic): Step<unknown> {
  const step = STEPS.find((s) => s.topic === topic);
  if (!step) throw new Error(`no pipeline step consumes topic ${topic}`);
  return step;
}
