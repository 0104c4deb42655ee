// The bus port's contract: every adapter (SQLite queue now, Pub/Sub later) runs this suite.
// Topics are unique per test so adapters need no purge between tests.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, test as nodeTest } from "vitest";
import { DEAD_LETTER_ATTRIBUTES, TOPICS } from "../../shared/domain/events.ts";
import type { Bus, Delivery } from "../../shared/ports/bus.ts";
import { waitFor } from "./wait.ts";
import { skipIf } from "../support/skip.ts";

export interface BusPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export interface BusUnderTest {
  bus: Bus;
  dispose(): Promise<void>;
}

/** Short back-offs so retries happen within a test. */
export const CONTRACT_BUS_POLICY: BusPolicy = {
  maxAttempts: 3,
  backoffBaseMs: 50,
  backoffMaxMs: 200,
};
/** Long enough for a wrong redelivery to show after a back-off, with room for a busy machine. */
const QUIET_MS = 1_000;

function topic(): string {
  return `contract-${randomUUID().slice(0, 8)}`;
}

export function busContract(
  name: string,
  makeBus: (policy: BusPolicy) => Promise<BusUnderTest>,
  skip?: string,
): void {
  describe(`bus contract: ${name}`, () => {
    // Skipped cases are still listed one by one, each with the reason.
    const test = (title: string, fn: () => Promise<void>) => nodeTest(title, skipIf(skip), fn);
    let subject: BusUnderTest;
    let bus: Bus;
    beforeAll(async () => {
      if (skip) return;
      subject = await makeBus(CONTRACT_BUS_POLICY);
      bus = subject.bus;
    });
    afterAll(async () => subject?.dispose());

    test("a subscriber gets the event, its attributes and one delivery", async () => {
      const t = topic();
      const got: [unknown, Delivery][] = [];
      const sub = bus.subscribe(t, async (e, d) => void got.push([e, d]));
      const id = await bus.publish(t, { submissionId: "s1", n: 1 }, { origin: "contract" });
      await waitFor("the delivery", () => got.length === 1);
      await sleep(QUIET_MS);
      await sub.close();
      assert.equal(got.length, 1, "an acknowledged message is not delivered again");
      const [event, delivery] = got[0]!;
      assert.deepEqual(event, { submissionId: "s1", n: 1 });
      assert.equal(delivery.messageId, id);
      assert.equal(delivery.attempt, 1);
      assert.equal(delivery.attributes.origin, "contract");
    });

    test("messages published before anyone subscribed are delivered, each to its topic", async () => {
      const [a, b] = [topic(), topic()];
      await bus.publish(a, { submissionId: "a" });
      await bus.publish(b, { submissionId: "b" });
      const onA: unknown[] = [];
      const sub = bus.subscribe(a, async (e) => void onA.push(e));
      await waitFor("the early message", () => onA.length === 1);
      await sleep(QUIET_MS);
      await sub.close();
      assert.deepEqual(onA, [{ submissionId: "a" }]);
    });

    test("a handler that throws gets the same message again", async () => {
      const t = topic();
      const deliveries: Delivery[] = [];
      const sub = bus.subscribe(t, async (_e, d) => {
        deliveries.push(d);
        if (d.attempt === 1) throw new Error("transient");
      });
      const id = await bus.publish(t, { submissionId: "s2" });
      await waitFor("the retry", () => deliveries.length === 2);
      await sleep(QUIET_MS);
      await sub.close();
      assert.deepEqual(
        deliveries.map((d) => [d.messageId, d.attempt]),
        [
          [id, 1],
          [id, 2],
        ],
      );
    });

    test("after the last attempt the message goes to the dead-letter topic", async () => {
      const t = topic();
      let attempts = 0;
      const dead: [unknown, Delivery][] = [];
      const failing = bus.subscribe(t, async () => {
        attempts += 1;
        throw new Error(`always fails (${attempts})`);
      });
      const letters = bus.subscribe(TOPICS.deadLetter, async (e, d) => {
        if (d.attributes[DEAD_LETTER_ATTRIBUTES.sourceTopic] === t) dead.push([e, d]);
      });
      const id = await bus.publish(t, { submissionId: "s3" }, { origin: "contract" });
      await waitFor("the dead letter", () => dead.length === 1);
      await sleep(QUIET_MS);
      await Promise.all([failing.close(), letters.close()]);
      assert.equal(attempts, CONTRACT_BUS_POLICY.maxAttempts);
      const [event, delivery] = dead[0]!;
      assert.deepEqual(event, { submissionId: "s3" });
      const attrs = delivery.attributes;
      assert.equal(attrs[DEAD_LETTER_ATTRIBUTES.deliveryAttempts], String(attempts));
      assert.equal(attrs[DEAD_LETTER_ATTRIBUTES.originalMessageId], id);
      assert.match(attrs[DEAD_LETTER_ATTRIBUTES.lastError] ?? "", /always fails \(3\)/);
      assert.equal(attrs.origin, "contract");
    });

    test("a subscription handles at most `concurrency` messages at once", async () => {
      for (const concurrency of [1, 2]) {
        const t = topic();
        let inFlight = 0;
        let inFlightMax = 0;
        let done = 0;
        const sub = bus.subscribe(
          t,
          async () => {
            inFlight += 1;
            inFlightMax = Math.max(inFlightMax, inFlight);
            await sleep(150);
            inFlight -= 1;
            done += 1;
          },
          { concurrency },
        );
        await Promise.all([1, 2, 3, 4].map((n) => bus.publish(t, { submissionId: `c${n}` })));
        await waitFor("four handled messages", () => done === 4);
        await sub.close();
        assert.equal(inFlightMax, concurrency);
      }
    });

    test("close waits for the handler running now", async () => {
      const t = topic();
      let started = false;
      let finished = false;
      const sub = bus.subscribe(t, async () => {
        started = true;
        await sleep(300);
        finished = true;
      });
      await bus.publish(t, { submissionId: "s4" });
      await waitFor("the handler to start", () => started);
      await sub.close();
      assert.equal(finished, true);
    });
  });
}
