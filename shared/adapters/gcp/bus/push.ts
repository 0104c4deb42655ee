// A Pub/Sub message handed to a Cloud Function, as the bus port's (event, Delivery): either
// a push subscription's HTTP body, or the CloudEvent an event-triggered function gets
// (type google.cloud.pubsub.topic.v1.messagePublished, whose data is the same body).
import { z } from "zod";
import { TOPICS } from "../../../domain/events.ts";
import type { Delivery } from "../../../ports/bus.ts";
import { MESSAGE_ATTRIBUTES, withPortDeadLetterAttributes } from "./attributes.ts";

export const MESSAGE_PUBLISHED_TYPE = "google.cloud.pubsub.topic.v1.messagePublished";

const messageSchema = z.object({
  data: z.string().optional(),
  attributes: z.record(z.string(), z.string()).nullish(),
  messageId: z.string().optional(),
  message_id: z.string().optional(),
  publishTime: z.string().optional(),
  publish_time: z.string().optional(),
});
const pushBodySchema = z.object({
  message: messageSchema,
  subscription: z.string().optional(),
  /** Present when the subscription has a dead-letter policy. */
  deliveryAttempt: z.number().int().min(1).optional(),
});
const cloudEventSchema = z.object({
  type: z.literal(MESSAGE_PUBLISHED_TYPE),
  /** "//pubsub.googleapis.com/projects/P/topics/T" */
  source: z.string().optional(),
  data: pushBodySchema,
});

export interface PushedMessage {
  /** The topic, from the CloudEvent's source or the message's eventKind attribute. */
  topic: string | undefined;
  /** "projects/P/subscriptions/S", when the body names it. */
  subscription: string | undefined;
  /** The JSON event the message carries. */
  event: unknown;
  delivery: Delivery;
}

export class PushBodyError extends Error {
  constructor(readonly issues: string[]) {
    super(`not a Pub/Sub push body or messagePublished CloudEvent: ${issues.join("; ")}`);
    this.name = "PushBodyError";
  }
}

/**
 * Reads a push body or CloudEvent. The attempt is Pub/Sub's `deliveryAttempt` where it sends
 * one (push to a subscription with a dead-letter policy), else 1: then only Pub/Sub's policy
 * can tell the last attempt, and its dead letters get the port's attributes on arrival.
 */
export function pushMessageToDelivery(body: unknown): PushedMessage {
  const asEvent = cloudEventSchema.safeParse(body);
  const asPush = asEvent.success ? undefined : pushBodySchema.safeParse(body);
  const push = asEvent.success ? asEvent.data.data : asPush?.success ? asPush.data : undefined;
  if (!push) {
    const issues = (asPush?.error ?? asEvent.error)?.issues ?? [];
    throw new PushBodyError(issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`));
  }
  const m = push.message;
  const messageId = m.messageId ?? m.message_id;
  if (!messageId) throw new PushBodyError(["message.messageId: missing"]);
  if (m.data === undefined) throw new PushBodyError(["message.data: missing"]);
  const publishTime = m.publishTime ?? m.publish_time;
  const publishedAtMs = publishTime === undefined ? NaN : Date.parse(publishTime);
  if (Number.isNaN(publishedAtMs)) throw new PushBodyError(["message.publishTime: not a time"]);
  let event: unknown;
  try {
    event = JSON.parse(Buffer.from(m.data, "base64").toString("utf8"));
  } catch {
    throw new PushBodyError(["message.data: not base64 of a JSON event"]);
  }
  const attributes = { ...(m.attributes ?? {}) };
  const topic =
    (asEvent.success ? topicOfSource(asEvent.data.source) : undefined) ??
    attributes[MESSAGE_ATTRIBUTES.eventKind];
  return {
    topic,
    subscription: push.subscription,
    event,
    delivery: {
      messageId,
      attempt: push.deliveryAttempt ?? 1,
      attributes:
        topic === TOPICS.deadLetter ? withPortDeadLetterAttributes(attributes) : attributes,
      publishedAtMs,
    },
  };
}

function topicOfSource(source: string | undefined): string | undefined {
  return source?.match(/\/topics\/([^/]+)$/)?.[1];
}
