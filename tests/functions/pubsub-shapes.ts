// The exact shapes in which Google delivers one Pub/Sub message to a function over HTTP: a
// push subscription's body, and Eventarc's CloudEvent in binary and structured modes. Shared
// by the parser's tests and the bundle tests.
export interface MessageSpec {
  data: unknown;
  messageId: string;
  attributes?: Record<string, string>;
  /** Present only when the subscription has a dead-letter policy. */
  deliveryAttempt?: number;
  project?: string;
  topic?: string;
  subscription?: string;
  publishTime?: string;
}

export interface HttpShape {
  headers: Record<string, string>;
  body: string;
}

function message(m: MessageSpec) {
  const publishTime = m.publishTime ?? "2026-11-27T10:00:00.123Z";
  return {
    attributes: m.attributes ?? {},
    data: Buffer.from(typeof m.data === "string" ? m.data : JSON.stringify(m.data)).toString(
      "base64",
    ),
    messageId: m.messageId,
    message_id: m.messageId,
    publishTime,
    publish_time: publishTime,
  };
}

function subscriptionPath(m: MessageSpec): string {
  return `projects/${m.project ?? "judge-project"}/subscriptions/${m.subscription ?? "sub"}`;
}

/** A push subscription's POST body. */
export function pushBody(m: MessageSpec): HttpShape {
  const body: Record<string, unknown> = { message: message(m), subscription: subscriptionPath(m) };
  if (m.deliveryAttempt !== undefined) body.deliveryAttempt = m.deliveryAttempt;
  return { headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function ceAttributes(m: MessageSpec) {
  return {
    id: m.messageId,
    source: `//pubsub.googleapis.com/projects/${m.project ?? "judge-project"}/topics/${m.topic ?? "topic"}`,
    specversion: "1.0",
    type: "google.cloud.pubsub.topic.v1.messagePublished",
    time: m.publishTime ?? "2026-11-27T10:00:00.123Z",
  };
}

/** Eventarc's delivery in binary mode: the context in ce-* headers, the data as the body. */
export function binaryCloudEvent(m: MessageSpec): HttpShape {
  const headers: Record<string, string> = { "content-type": "application/json" };
  for (const [k, v] of Object.entries(ceAttributes(m))) headers[`ce-${k}`] = v;
  const data = { message: message(m), subscription: subscriptionPath(m) };
  return { headers, body: JSON.stringify(data) };
}

/** A CloudEvent in structured mode: one JSON document, the data inside. */
export function structuredCloudEvent(m: MessageSpec): HttpShape {
  const event = {
    ...ceAttributes(m),
    datacontenttype: "application/json",
    data: { message: message(m), subscription: subscriptionPath(m) },
  };
  return {
    headers: { "content-type": "application/cloudevents+json" },
    body: JSON.stringify(event),
  };
}

export const SHAPES = {
  push: pushBody,
  binary: binaryCloudEvent,
  structured: structuredCloudEvent,
};
