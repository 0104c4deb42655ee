// One Pub/Sub message as it reaches a function over HTTP, in each shape Google delivers it:
// a push subscription's body ({message, subscription, deliveryAttempt}), or a CloudEvent of
// type messagePublished from an Eventarc trigger, in binary mode (ce-* headers, the body is
// the data) or structured mode (application/cloudevents+json, the data inside). The message
// data is base64 JSON. Only a push subscription with a dead-letter policy says which
// delivery attempt this is; without it the attempt counts as the first.
import type { Delivery } from "../../shared/ports/bus.ts";

export const PUBSUB_CLOUD_EVENT_TYPE = "google.cloud.pubsub.topic.v1.messagePublished";

/** A request that is no Pub/Sub message, or whose data is not JSON: retrying cannot help. */
export class MalformedMessageError extends Error {
  constructor(readonly reason: string) {
    super(`not a Pub/Sub message: ${reason}`);
    this.name = "MalformedMessageError";
  }
}

export interface PubSubRequest {
  /** The message data, decoded from base64 and parsed as JSON. */
  data: unknown;
  delivery: Delivery;
  /** "projects/P/subscriptions/S" when the shape names it. */
  subscription?: string;
  /** The topic id (last segment) when the shape names it (CloudEvents do). */
  topic?: string;
}

export type Headers = Record<string, string | string[] | undefined>;

interface RawMessage {
  data?: unknown;
  attributes?: unknown;
  messageId?: unknown;
  message_id?: unknown;
  publishTime?: unknown;
  publish_time?: unknown;
}

export function parsePubSubRequest(headers: Headers, body: unknown): PubSubRequest {
  const binaryType = header(headers, "ce-type");
  if (binaryType !== undefined) {
    checkType(binaryType);
    return fromEnvelope(asObject(body, "the body"), topicOf(header(headers, "ce-source")));
  }
  const b = asObject(body, "the body");
  if (typeof b.specversion === "string") {
    checkType(b.type);
    return fromEnvelope(asObject(b.data, "the CloudEvent's data"), topicOf(b.source));
  }
  return fromEnvelope(b, undefined);
}

/** {message, subscription, deliveryAttempt?}: the push body and the CloudEvent's data. */
function fromEnvelope(envelope: Record<string, unknown>, topic?: string): PubSubRequest {
  const message = asObject(envelope.message, "message") as RawMessage;
  const messageId = message.messageId ?? message.message_id;
  if (typeof messageId !== "string" || !messageId) throw new MalformedMessageError("no messageId");
  const publishTime = message.publishTime ?? message.publish_time;
  const publishedAtMs = typeof publishTime === "string" ? Date.parse(publishTime) : NaN;
  const attempt = envelope.deliveryAttempt;
  const delivery: Delivery = {
    messageId,
    attempt: typeof attempt === "number" && Number.isInteger(attempt) && attempt > 0 ? attempt : 1,
    attributes: stringAttributes(message.attributes),
    publishedAtMs: Number.isFinite(publishedAtMs) ? publishedAtMs : Date.now(),
  };
  const subscription = typeof envelope.subscription === "string" ? envelope.subscription : "";
  return {
    data: decodeData(message.data),
    delivery,
    ...(subscription ? { subscription } : {}),
    ...(topic ? { topic } : {}),
  };
}

function decodeData(data: unknown): unknown {
  if (typeof data !== "string" || !data) throw new MalformedMessageError("the message has no data");
  const text = Buffer.from(data, "base64").toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedMessageError(`the data is not JSON: ${text.slice(0, 80)}`);
  }
}

function checkType(type: unknown): void {
  if (type !== PUBSUB_CLOUD_EVENT_TYPE) {
    throw new MalformedMessageError(
      `CloudEvent type ${String(type)}, not ${PUBSUB_CLOUD_EVENT_TYPE}`,
    );
  }
}

/** "//pubsub.googleapis.com/projects/P/topics/T" → "T". */
function topicOf(source: unknown): string | undefined {
  if (typeof source !== "string") return undefined;
  return /\/topics\/([^/]+)$/.exec(source)?.[1];
}

function stringAttributes(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw && typeof raw === "object") {
    for (const [k, v] of Object.entries(raw)) if (typeof v === "string") out[k] = v;
  }
  return out;
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new MalformedMessageError(`${what} is not an object`);
  }
  return value as Record<string, unknown>;
}

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
