import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MalformedMessageError, parsePubSubRequest } from "../../functions/cloud/pubsub-request.ts";
import { SHAPES, pushBody, type HttpShape } from "./pubsub-shapes.ts";

const parse = (s: HttpShape) => parsePubSubRequest(s.headers, JSON.parse(s.body));

describe("parsing a Pub/Sub message delivered over HTTP", () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`reads data, id, attributes and publish time from a ${shape} delivery`, () => {
      const msg = parse(
        make({
          data: { submissionId: "s1", scenarioIndex: 2 },
          messageId: "m-17",
          attributes: { submissionId: "s1" },
          topic: "clusterjudge-test-runner",
          publishTime: "2026-11-27T10:00:01.500Z",
        }),
      );
      assert.deepEqual(msg.data, { submissionId: "s1", scenarioIndex: 2 });
      assert.equal(msg.delivery.messageId, "m-17");
      assert.deepEqual(msg.delivery.attributes, { submissionId: "s1" });
      assert.equal(msg.delivery.publishedAtMs, Date.parse("2026-11-27T10:00:01.500Z"));
      assert.equal(msg.delivery.attempt, 1);
      if (shape !== "push") assert.equal(msg.topic, "clusterjudge-test-runner");
    });
  }

  it("takes the attempt from a push body whose subscription has a dead-letter policy", () => {
    const msg = parse(
      pushBody({ data: { submissionId: "s" }, messageId: "m", deliveryAttempt: 3 }),
    );
    assert.equal(msg.delivery.attempt, 3);
    assert.equal(msg.subscription, "projects/judge-project/subscriptions/sub");
  });

  it("refuses what cannot be a message, saying why", () => {
    const cases: [string, Record<string, string>, unknown][] = [
      ["data is not JSON", {}, JSON.parse(pushBody({ data: "not json {", messageId: "m" }).body)],
      ["no messageId", {}, { message: { data: "e30=" }, subscription: "s" }],
      ["message is not an object", {}, { subscription: "s" }],
      ["CloudEvent type", { "ce-type": "google.cloud.storage.object.v1.finalized" }, {}],
    ];
    for (const [why, headers, body] of cases) {
      assert.throws(
        () => parsePubSubRequest(headers, body),
        (err: unknown) => err instanceof MalformedMessageError && err.message.includes(why),
        why,
      );
    }
  });
});
