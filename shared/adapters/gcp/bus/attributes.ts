// What a Pub/Sub message carries besides its JSON event, and how a received message becomes
// the bus port's Delivery, the same way for a streaming-pull subscriber and a push request.
import { DEAD_LETTER_ATTRIBUTES } from "../../../domain/events.ts";
import type { Delivery } from "../../../ports/bus.ts";

/** Set on every message the bus publishes, so subscriptions and logs can filter on them. */
export const MESSAGE_ATTRIBUTES = {
  /** The event's submission id, when it has one. */
  submissionId: "submissionId",
  /** The topic the message was published to: the pipeline event's kind. */
  eventKind: "eventKind",
} as const;

/**
 * Attributes Pub/Sub's own dead-letter policy sets when it forwards a message (a handler
 * that never finished: the process died, the function timed out).
 */
export const PUBSUB_DEAD_LETTER_ATTRIBUTES = {
  deliveryCount: "CloudPubSubDeadLetterSourceDeliveryCount",
  subscription: "CloudPubSubDeadLetterSourceSubscription",
} as const;

/** A dead letter keeps this much of its last error: enough for a stack's first lines. */
const ERROR_CHARS_MAX = 2_000;

export function publishAttributes(
  topic: string,
  event: unknown,
  given: Record<string, string>,
): Record<string, string> {
  const id = (event as { submissionId?: unknown } | null)?.submissionId;
  return {
    ...given,
    [MESSAGE_ATTRIBUTES.eventKind]: topic,
    ...(typeof id === "string" ? { [MESSAGE_ATTRIBUTES.submissionId]: id } : {}),
  };
}

/** The attributes of the dead letter of a message that failed its last attempt. */
export function deadLetterAttributes(
  topic: string,
  delivery: Delivery,
  lastError: unknown,
): Record<string, string> {
  const text =
    lastError instanceof Error ? (lastError.stack ?? lastError.message) : String(lastError);
  return {
    ...delivery.attributes,
    [DEAD_LETTER_ATTRIBUTES.sourceTopic]: topic,
    [DEAD_LETTER_ATTRIBUTES.deliveryAttempts]: String(delivery.attempt),
    [DEAD_LETTER_ATTRIBUTES.lastError]: text.slice(0, ERROR_CHARS_MAX),
    [DEAD_LETTER_ATTRIBUTES.originalMessageId]: delivery.messageId,
  };
}

/**
 * A dead letter forwarded by Pub/Sub's policy gets the port's attributes from what Pub/Sub
 * and our publisher put on it; one the bus forwarded itself is left as it is.
 */
export function withPortDeadLetterAttributes(
  attributes: Record<string, string>,
): Record<string, string> {
  const count = attributes[PUBSUB_DEAD_LETTER_ATTRIBUTES.deliveryCount];
  if (count === undefined || attributes[DEAD_LETTER_ATTRIBUTES.sourceTopic] !== undefined) {
    return attributes;
  }
  return {
    ...attributes,
    [DEAD_LETTER_ATTRIBUTES.sourceTopic]: attributes[MESSAGE_ATTRIBUTES.eventKind] ?? "unknown",
    [DEAD_LETTER_ATTRIBUTES.deliveryAttempts]: count,
    [DEAD_LETTER_ATTRIBUTES.lastError]:
      "the handler never finished (Pub/Sub's dead-letter policy forwarded the message)",
  };
}

/** The event in a message's data: JSON in UTF-8. */
export function parseEventData(data: Buffer): unknown {
  return JSON.parse(data.toString("utf8"));
}
