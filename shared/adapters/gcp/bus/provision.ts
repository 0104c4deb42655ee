// Creating the bus's topics and subscriptions when they are absent: for the emulator and
// tests. In production Terraform makes them (with the same policies) and the bus only uses
// them. A subscription is made with its topic, so nothing published before anyone
// subscribes is lost (Pub/Sub keeps messages only for subscriptions that exist).
import type { PubSub } from "@google-cloud/pubsub";
import { TOPICS } from "../../../domain/events.ts";

export interface SubscriptionPolicy {
  /** Deliveries before Pub/Sub's dead-letter policy forwards the message (5 to 100). */
  maxDeliveryAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** Pub/Sub's limits on a dead-letter policy's attempts. */
export const PUBSUB_DELIVERY_ATTEMPTS = { min: 5, max: 100 } as const;
/** gRPC status of a create that found the resource there already. */
const ALREADY_EXISTS = 6;

export class Provisioner {
  private readonly made = new Map<string, Promise<void>>();

  constructor(
    private readonly pubsub: PubSub,
    private readonly subscriptionName: (topic: string) => string,
    private readonly policy: SubscriptionPolicy,
  ) {}

  /** The topic and its subscription, made once per bus (concurrent callers share it). */
  ensure(topic: string): Promise<void> {
    let made = this.made.get(topic);
    if (!made) {
      made = this.make(topic);
      made.catch(() => this.made.delete(topic));
      this.made.set(topic, made);
    }
    return made;
  }

  private async make(topic: string): Promise<void> {
    const deadLetter = topic === TOPICS.deadLetter;
    // A dead letter cannot itself be dead-lettered: that topic's subscription retries forever.
    if (!deadLetter) await this.ensure(TOPICS.deadLetter);
    await ignoreExisting(this.pubsub.createTopic(topic));
    const { backoffBaseMs, backoffMaxMs, maxDeliveryAttempts } = this.policy;
    await ignoreExisting(
      this.pubsub.topic(topic).createSubscription(this.subscriptionName(topic), {
        retryPolicy: {
          minimumBackoff: duration(backoffBaseMs),
          maximumBackoff: duration(backoffMaxMs),
        },
        ...(deadLetter
          ? {}
          : {
              deadLetterPolicy: {
                deadLetterTopic: this.pubsub.topic(TOPICS.deadLetter).name,
                maxDeliveryAttempts: Math.min(
                  PUBSUB_DELIVERY_ATTEMPTS.max,
                  Math.max(PUBSUB_DELIVERY_ATTEMPTS.min, maxDeliveryAttempts),
                ),
              },
            }),
      }),
    );
  }
}

function duration(ms: number): { seconds: number; nanos: number } {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

async function ignoreExisting(creating: Promise<unknown>): Promise<void> {
  try {
    await creating;
  } catch (err) {
    if ((err as { code?: unknown }).code !== ALREADY_EXISTS) throw err;
  }
}
