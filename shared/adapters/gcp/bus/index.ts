export { PubSubBus, defaultSubscriptionName, type PubSubBusOptions } from "./pubsub-bus.ts";
export { pubSubClient, type PubSubClientOptions } from "./client.ts";
export {
  MESSAGE_ATTRIBUTES,
  PUBSUB_DEAD_LETTER_ATTRIBUTES,
  deadLetterAttributes,
} from "./attributes.ts";
export { PUBSUB_DELIVERY_ATTEMPTS } from "./provision.ts";
export {
  MESSAGE_PUBLISHED_TYPE,
  PushBodyError,
  pushMessageToDelivery,
  type PushedMessage,
} from "./push.ts";
