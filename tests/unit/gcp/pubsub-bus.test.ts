// What PubSubBus makes and sends on the Pub/Sub emulator, beyond the port's contract: the
// attributes on every message, the subscriptions' policies, Pub/Sub's dead-letter backstop
// for a handler that never finished, and production mode, which makes nothing.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, test } from "vitest";
import type { Message, PubSub } from "@google-cloud/pubsub";
import {
  PubSubBus,
  defaultSubscriptionName,
  pubSubClient,
} from "../../../shared/adapters/gcp/bus/index.ts";
import { DEAD_LETTER_ATTRIBUTES, TOPICS } from "../../../shared/domain/events.ts";
import type { Delivery } from "../../../shared/ports/bus.ts";
import { waitFor } from "../../contract/wait.ts";
import { emulatorMissing, startEmulator, type RunningEmulator } from "../../support/emulators.ts";
import { skipIf } from "../../support/skip.ts";

const skip = emulatorMissing("pubsub");

describe("PubSubBus on the emulator", () => {
  let emulator: RunningEmulator;
  let client: PubSub;
  let bus: PubSubBus;
  const project = `cj-bus-${randomUUID().slice(0, 8)}`;
  const topic = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    if (skip) return;
    emulator = await startEmulator("pubsub");
    client = pubSubClient({ projectId: project, emulatorHost: emulator.host });
    bus = new PubSubBus({
      pubsub: pubSubClient({ projectId: project, emulatorHost: emulator.host }),
      createMissing: true,
      backoffBaseMs: 100,
      backoffMaxMs: 1_000,
    });
  });
  afterAll(async () => {
    await bus?.close();
    await client?.close();
    await emulator?.stop();
  });

  test(
    "every message carries its kind and submission id beside the publisher's attributes",
    skipIf(skip),
    async () => {
      const t = topic("kinds");
      const got: Delivery[] = [];
      const sub = bus.subscribe(t, async (_e, d) => void got.push(d));
      await bus.publish(t, { submissionId: "s-1" }, { origin: "test", eventKind: "overridden" });
      await bus.publish(t, { note: "no submission" });
      await waitFor("two deliveries", () => got.length === 2);
      await sub.close();
      assert.deepEqual(
        got.map((d) => d.attributes).sort((a, b) => Object.keys(b).length - Object.keys(a).length),
        [{ origin: "test", eventKind: t, submissionId: "s-1" }, { eventKind: t }],
      );
    },
  );

  test(
    "a topic's subscription gets the retry and dead-letter policies; dead-letter's none",
    skipIf(skip),
    async () => {
      const t = topic("policies");
      await bus.publish(t, { submissionId: "s-2" });
      const [meta] = await client.subscription(defaultSubscriptionName(t)).getMetadata();
      assert.equal(meta.topic, client.topic(t).name);
      assert.equal(meta.deadLetterPolicy?.deadLetterTopic, client.topic(TOPICS.deadLetter).name);
      assert.equal(meta.deadLetterPolicy?.maxDeliveryAttempts, 5);
      assert.equal(Number(meta.retryPolicy?.minimumBackoff?.nanos), 100_000_000);
      assert.equal(Number(meta.retryPolicy?.maximumBackoff?.seconds), 1);
      const [letters] = await client
        .subscription(defaultSubscriptionName(TOPICS.deadLetter))
        .getMetadata();
      assert.equal(letters.deadLetterPolicy ?? null, null);
    },
  );

  test(
    "a message whose handler never finishes reaches dead-letter with the port's attributes",
    skipIf(skip),
    async () => {
      const t = topic("backstop");
      await bus.publish(t, { submissionId: "s-3" });
      // A subscriber that dies on every delivery: Pub/Sub counts them and forwards the message.
      const dying = client.subscription(defaultSubscriptionName(t));
      dying.on("message", (m: Message) => m.nack());
      const dead: [unknown, Delivery][] = [];
      const letters = bus.subscribe(TOPICS.deadLetter, async (e, d) => {
        if (d.attributes[DEAD_LETTER_ATTRIBUTES.sourceTopic] === t) dead.push([e, d]);
      });
      await waitFor("the dead letter", () => dead.length === 1, 60_000);
      await Promise.all([dying.close(), letters.close()]);
      const [event, delivery] = dead[0]!;
      assert.deepEqual(event, { submissionId: "s-3" });
      assert.equal(delivery.attributes[DEAD_LETTER_ATTRIBUTES.deliveryAttempts], "5");
      assert.match(delivery.attributes[DEAD_LETTER_ATTRIBUTES.lastError] ?? "", /never finished/);
    },
  );

  test(
    "in production mode the bus makes nothing and says what is missing",
    skipIf(skip),
    async () => {
      const errors: [string, Error][] = [];
      const production = new PubSubBus({
        pubsub: pubSubClient({ projectId: project, emulatorHost: emulator.host }),
        onError: (t, err) => errors.push([t, err]),
      });
      const t = topic("absent");
      await assert.rejects(production.publish(t, { submissionId: "s-4" }), /NOT_FOUND|not found/i);
      const sub = production.subscribe(t, async () => undefined);
      await waitFor("the subscription's error", () => errors.length > 0);
      await sub.close();
      await production.close();
      assert.equal(errors[0]?.[0], t);
      assert.match(errors[0]?.[1].message ?? "", /Subscription does not exist|NOT_FOUND/);
    },
  );
});
