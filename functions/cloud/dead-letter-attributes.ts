// A dead letter as Pub/Sub forwards it carries Pub/Sub's own attributes: the subscription it
// failed on and how many deliveries were tried. The dead-letter step reads the pipeline's
// names (DEAD_LETTER_ATTRIBUTES); this fills them in from Pub/Sub's. Pub/Sub keeps neither
// the handler's last error nor the original message id, so those say where to look instead.
import { DEAD_LETTER_ATTRIBUTES } from "../../shared/domain/events.ts";
import { topicOfSubscription } from "./names.ts";

/** The attributes Pub/Sub sets on a message it moves to a dead-letter topic. */
export const PUBSUB_DEAD_LETTER_ATTRIBUTES = {
  deliveryCount: "CloudPubSubDeadLetterSourceDeliveryCount",
  subscription: "CloudPubSubDeadLetterSourceSubscription",
} as const;

export function pipelineDeadLetterAttributes(
  attributes: Record<string, string>,
  topicPrefix: string,
): Record<string, string> {
  const names = DEAD_LETTER_ATTRIBUTES;
  if (attributes[names.sourceTopic] !== undefined) return attributes; // already the pipeline's
  const subscription = attributes[PUBSUB_DEAD_LETTER_ATTRIBUTES.subscription];
  if (subscription === undefined) return attributes;
  const topic = topicOfSubscription(topicPrefix, subscription) ?? subscription;
  const count = attributes[PUBSUB_DEAD_LETTER_ATTRIBUTES.deliveryCount];
  return {
    ...attributes,
    [names.sourceTopic]: topic,
    ...(count !== undefined ? { [names.deliveryAttempts]: count } : {}),
    [names.lastError]: `Pub/Sub does not keep it; see the ${topic} function's logs`,
  };
}
