// The three shapes Google delivers a Pub/Sub message in, as the functions read them. The
// body itself is the bus's to read (tests/unit/gcp/push-message.test.ts); here: binary mode's
// headers, and that each shape gives the same event and delivery.
import assert from "node:assert/strict";
import { describe, it } from "vitest";
import { PushBodyError, parsePubSubRequest } from "../../functions/cloud/pubsub-request.ts";
import { SHAPES, binaryCloudEvent, pushBody, type HttpShape } from "./pubsub-shapes.ts";

const parse = (s: HttpShape) => parsePubSubRequest(s.headers, JSON.parse(s.body));

describe("a Pub/Sub message delivered over HTTP", () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`reads event, id, attributes, publish time and topic from a ${shape} delivery`, () => {
      const msg = parse(
        make({
          data: { submissionId: "s1", scenarioIndex: 2 },
          messageId: "m-17",
          attributes: { submissionId: "s1", eventKind: "test-runner" },
          topic: "test-runner",
          publishTime: "2026-11-27T10:00:01.500Z",
        }),
      );
      assert.deepEqual(msg.event, { submissionId: "s1", scenarioIndex: 2 });
      assert.equal(msg.delivery.messageId, "m-17");
      assert.deepEqual(msg.delivery.attributes, { submissionId: "s1", eventKind: "test-runner" });
      assert.equal(msg.delivery.publishedAtMs, Date.parse("2026-11-27T10:00:01.500Z"));
      assert.equal(msg.delivery.attempt, 1);
      assert.equal(msg.topic, "test-runner");
    });
  }

  it("takes the topic of a binary CloudEvent from its ce-source header", () => {
    const msg = parse(binaryCloudEvent({ data: {}, messageId: "m", topic: "deploy" }));
    assert.equal(msg.topic, "deploy");
  });

  it("takes the attempt from a push body whose subscription has a dead-letter policy", () => {
    const msg = parse(
      pushBody({ data: { submissionId: "s" }, messageId: "m", deliveryAttempt: 3 }),
    );
    assert.equal(msg.delivery.attempt, 3);
  });

  it("refuses a binary CloudEvent of another type, and data that is not JSON", () => {
    const storage = binaryCloudEvent({ data: {}, messageId: "m" });
    storage.headers["ce-type"] = "google.cloud.storage.object.v1.finalized";
    assert.throws(() => parse(storage), PushBodyError);
    assert.throws(() => parse(pushBody({ data: "{not json", messageId: "m" })), PushBodyError);
  });
});
