// One Pub/Sub message as it reaches a function over HTTP, in each shape Google delivers it:
// a push subscription's body ({message, subscription, deliveryAttempt}), or a messagePublished
// CloudEvent from an Eventarc trigger, in structured mode (the event as the body) or binary
// mode (ce-* headers, the body being the push body). The bus reads the body
// (pushMessageToDelivery); binary mode's context is in the headers, read here.
import {
  MESSAGE_PUBLISHED_TYPE,
  PushBodyError,
  pushMessageToDelivery,
  type PushedMessage,
} from "../../shared/adapters/gcp/bus/index.ts";

export type Headers = Record<string, string | string[] | undefined>;

export { PushBodyError };

export function parsePubSubRequest(headers: Headers, body: unknown): PushedMessage {
  const type = header(headers, "ce-type");
  if (type !== undefined && type !== MESSAGE_PUBLISHED_TYPE) {
    throw new PushBodyError([`ce-type: ${type}, not ${MESSAGE_PUBLISHED_TYPE}`]);
  }
  const pushed = pushMessageToDelivery(body);
  const source = header(headers, "ce-source");
  const topic = source?.match(/\/topics\/([^/]+)$/)?.[1];
  return topic ? { ...pushed, topic } : pushed;
}

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
