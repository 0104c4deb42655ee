// Pub/Sub push bodies and messagePublished CloudEvents, in the exact shapes Google delivers
// them, read as the bus port's (event, Delivery).
import assert from "node:assert/strict";
import { describe, test } from "vitest";
import { PushBodyError, pushMessageToDelivery } from "../../../shared/adapters/gcp/bus/push.ts";
import { DEAD_LETTER_ATTRIBUTES } from "../../../shared/domain/events.ts";

const event = { submissionId: "s-42", scenarioIndex: 3 };
const data = Buffer.from(JSON.stringify(event)).toString("base64");

/** A push subscription's request body (both spellings of the ids, as Pub/Sub sends them). */
const pushBody = {
  message: {
    attributes: { submissionId: "s-42", eventKind: "test-runner" },
    data,
    messageId: "2070443601311540",
    message_id: "2070443601311540",
    publishTime: "2026-11-27T10:00:00.123Z",
    publish_time: "2026-11-27T10:00:00.123Z",
  },
  subscription: "projects/judge-prod/subscriptions/test-runner-judge",
  deliveryAttempt: 3,
};

/** What functions-framework hands a CloudEvent function for a Pub/Sub trigger. */
const cloudEvent = {
  specversion: "1.0",
  id: "2070443601311540",
  source: "//pubsub.googleapis.com/projects/judge-prod/topics/deploy",
  type: "google.cloud.pubsub.topic.v1.messagePublished",
  datacontenttype: "application/json",
  time: "2026-11-27T10:00:00.123Z",
  data: {
    message: {
      data: Buffer.from(JSON.stringify({ submissionId: "s-7" })).toString("base64"),
      message_id: "999",
      publish_time: "2026-11-27T10:00:01.000Z",
    },
    subscription: "projects/judge-prod/subscriptions/eventarc-europe-west1-deploy-123-sub-456",
  },
};

describe("pushMessageToDelivery", () => {
  test("a push body gives the event, its delivery and its topic from the attributes", () => {
    const got = pushMessageToDelivery(pushBody);
    assert.deepEqual(got, {
      topic: "test-runner",
      subscription: "projects/judge-prod/subscriptions/test-runner-judge",
      event,
      delivery: {
        messageId: "2070443601311540",
        attempt: 3,
        attributes: { submissionId: "s-42", eventKind: "test-runner" },
        publishedAtMs: Date.parse("2026-11-27T10:00:00.123Z"),
      },
    });
  });

  test("a CloudEvent gives its topic from the source; no attempt count means the first", () => {
    const got = pushMessageToDelivery(cloudEvent);
    assert.equal(got.topic, "deploy");
    assert.deepEqual(got.event, { submissionId: "s-7" });
    assert.deepEqual(got.delivery, {
      messageId: "999",
      attempt: 1,
      attributes: {},
      publishedAtMs: Date.parse("2026-11-27T10:00:01.000Z"),
    });
  });

  test("a dead letter forwarded by Pub/Sub's policy gets the port's attributes", () => {
    const body = {
      ...pushBody,
      message: {
        ...pushBody.message,
        attributes: {
          submissionId: "s-42",
          eventKind: "deploy",
          CloudPubSubDeadLetterSourceDeliveryCount: "5",
          CloudPubSubDeadLetterSourceSubscription: "deploy-judge",
        },
      },
    };
    const got = pushMessageToDelivery({
      ...cloudEvent,
      source: cloudEvent.source.replace("deploy", "dead-letter"),
      data: body,
    });
    assert.equal(got.topic, "dead-letter");
    const attrs = got.delivery.attributes;
    assert.equal(attrs[DEAD_LETTER_ATTRIBUTES.sourceTopic], "deploy");
    assert.equal(attrs[DEAD_LETTER_ATTRIBUTES.deliveryAttempts], "5");
    assert.match(attrs[DEAD_LETTER_ATTRIBUTES.lastError] ?? "", /never finished/);
  });

  test("bodies that are not Pub/Sub messages are refused, saying what is wrong", () => {
    const refusals: [unknown, RegExp][] = [
      [{ subscription: "x" }, /message/],
      [{ message: { ...pushBody.message, data: "bm90IGpzb24=" } }, /not base64 of a JSON event/],
      [{ message: { data, publishTime: pushBody.message.publishTime } }, /messageId: missing/],
      [{ message: { data, messageId: "1", publishTime: "yesterday" } }, /publishTime: not a time/],
      [{ message: { messageId: "1", publishTime: pushBody.message.publishTime } }, /data: missing/],
    ];
    for (const [body, reason] of refusals) {
      assert.throws(
        () => pushMessageToDelivery(body),
        (err: unknown) => err instanceof PushBodyError && reason.test(err.message),
      );
    }
  });
});
