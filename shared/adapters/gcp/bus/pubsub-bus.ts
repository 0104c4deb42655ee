// The bus on Pub/Sub: one topic per pipeline event, one subscription per topic for this
// judge, JSON events with their submission id and kind as attributes. A handler that throws
// leaves its message unacknowledged, so Pub/Sub delivers it again after the subscription's
// back-off; on the last attempt the bus forwards it to the dead-letter topic itself, with the
// port's attributes (the last error among them, which Pub/Sub's own policy cannot carry) and
// acknowledges it. Pub/Sub's dead-letter policy stays behind that, for a handler that never
// finished (the process died): it forwards after its own count, at least 5.
import type {
  Message,
  PubSub,
  Topic,
  Subscription as PubSubSubscription,
} from "@google-cloud/pubsub";
import { TOPICS } from "../../../domain/events.ts";
import type {
  Bus,
  Delivery,
  MessageHandler,
  SubscribeOptions,
  Subscription,
} from "../../../ports/bus.ts";
import {
  deadLetterAttributes,
  parseEventData,
  publishAttributes,
  withPortDeadLetterAttributes,
} from "./attributes.ts";
import { Provisioner } from "./provision.ts";

export interface PubSubBusOptions {
  pubsub: PubSub;
  /** The subscription this judge reads a topic through; Terraform uses the same names. */
  subscriptionName?: (topic: string) => string;
  /**
   * Make absent topics and subscriptions (the emulator, tests). Off in production, where
   * Terraform makes them and the functions' service accounts may not create any.
   */
  createMissing?: boolean;
  /** Deliveries of one message before it becomes a dead letter. */
  maxAttempts?: number;
  /** The back-off between deliveries, set on the subscriptions the bus makes. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A subscription failed (it could not be made, its stream broke for good). */
  onError?: (topic: string, err: Error) => void;
}

const DEFAULTS = {
  maxAttempts: 5,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  concurrency: 1,
};

export function defaultSubscriptionName(topic: string): string {
  return `${topic}-judge`;
}

export class PubSubBus implements Bus {
  private readonly pubsub: PubSub;
  private readonly subscriptionName: (topic: string) => string;
  private readonly provisioner: Provisioner | undefined;
  private readonly maxAttempts: number;
  private readonly onError: (topic: string, err: Error) => void;
  private readonly open = new Set<Subscription>();
  /** One publisher per topic, so its batching and connection are reused. */
  private readonly topics = new Map<string, Topic>();

  constructor(opts: PubSubBusOptions) {
    this.pubsub = opts.pubsub;
    this.subscriptionName = opts.subscriptionName ?? defaultSubscriptionName;
    this.maxAttempts = opts.maxAttempts ?? DEFAULTS.maxAttempts;
    this.onError =
      opts.onError ??
      ((topic, err) => process.emitWarning(`subscription to ${topic} failed: ${err.message}`));
    this.provisioner = opts.createMissing
      ? new Provisioner(this.pubsub, this.subscriptionName, {
          maxDeliveryAttempts: this.maxAttempts,
          backoffBaseMs: opts.backoffBaseMs ?? DEFAULTS.backoffBaseMs,
          backoffMaxMs: opts.backoffMaxMs ?? DEFAULTS.backoffMaxMs,
        })
      : undefined;
  }

  async publish(
    topic: string,
    event: unknown,
    attributes: Record<string, string> = {},
  ): Promise<string> {
    await this.provisioner?.ensure(topic);
    return this.topic(topic).publishMessage({
      data: Buffer.from(JSON.stringify(event)),
      attributes: publishAttributes(topic, event, attributes),
    });
  }

  subscribe(topic: string, handler: MessageHandler, opts: SubscribeOptions = {}): Subscription {
    const reader = new TopicReader(this, topic, handler, opts.concurrency ?? DEFAULTS.concurrency);
    const opened = (async () => {
      await this.provisioner?.ensure(topic);
      return reader.start(this.pubsub.subscription(this.subscriptionName(topic), reader.options()));
    })();
    opened.catch((err: Error) => this.onError(topic, err));
    const subscription = {
      close: async () => {
        this.open.delete(subscription);
        await reader.close(opened.catch(() => undefined));
      },
    };
    this.open.add(subscription);
    return subscription;
  }

  /** Closes every subscription, then the client. */
  async close(): Promise<void> {
    await Promise.all([...this.open].map((s) => s.close()));
    await this.pubsub.close();
  }

  /** Used by TopicReader: the last attempt failed, so the message leaves as a dead letter. */
  async forwardDeadLetter(topic: string, data: Buffer, delivery: Delivery, err: unknown) {
    await this.provisioner?.ensure(TOPICS.deadLetter);
    await this.topic(TOPICS.deadLetter).publishMessage({
      data,
      attributes: publishAttributes(
        TOPICS.deadLetter,
        safeParse(data),
        deadLetterAttributes(topic, delivery, err),
      ),
    });
  }

  private topic(name: string): Topic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = this.pubsub.topic(name);
      this.topics.set(name, topic);
    }
    return topic;
  }

  /** Used by TopicReader. */
  isLastAttempt(topic: string, attempt: number): boolean {
    return topic !== TOPICS.deadLetter && attempt >= this.maxAttempts;
  }

  /** Used by TopicReader. */
  reportError(topic: string, err: Error): void {
    this.onError(topic, err);
  }
}

/**
 * One topic's streaming-pull subscriber: at most `concurrency` handlers at once, each
 * message acknowledged after its handler resolves.
 */
class TopicReader {
  private readonly running = new Set<Promise<void>>();
  /** Attempts seen here, for subscriptions without a dead-letter policy (see delivery()). */
  private readonly attemptsSeen = new Map<string, number>();
  private subscription: PubSubSubscription | undefined;
  private closed = false;

  constructor(
    private readonly bus: PubSubBus,
    private readonly topic: string,
    private readonly handler: MessageHandler,
    private readonly concurrency: number,
  ) {}

  options() {
    return { flowControl: { maxMessages: this.concurrency, allowExcessMessages: false } };
  }

  start(subscription: PubSubSubscription): void {
    this.subscription = subscription;
    subscription.on("error", (err: Error) => this.bus.reportError(this.topic, err));
    subscription.on("message", (m: Message) => {
      if (this.closed) return m.nack();
      const run = this.handle(m).finally(() => this.running.delete(run));
      this.running.add(run);
    });
    if (this.closed) void subscription.close();
  }

  /** Takes no more messages, waits for the running handlers, then stops the stream. */
  async close(opened: Promise<unknown>): Promise<void> {
    this.closed = true;
    await opened;
    await Promise.all(this.running);
    await this.subscription?.close();
  }

  private async handle(m: Message): Promise<void> {
    const delivery = this.delivery(m);
    try {
      await this.handler(parseEventData(m.data), delivery);
    } catch (err) {
      if (!this.bus.isLastAttempt(this.topic, delivery.attempt)) return m.nack();
      try {
        await this.bus.forwardDeadLetter(this.topic, m.data, delivery, err);
      } catch (forwardErr) {
        this.bus.reportError(this.topic, forwardErr as Error);
        return m.nack();
      }
    }
    this.attemptsSeen.delete(m.id);
    m.ack();
  }

  /**
   * Pub/Sub counts attempts only on subscriptions with a dead-letter policy; elsewhere (the
   * dead-letter topic's own) this reader counts the deliveries it saw itself.
   */
  private delivery(m: Message): Delivery {
    const seen = (this.attemptsSeen.get(m.id) ?? 0) + 1;
    this.attemptsSeen.set(m.id, seen);
    const attributes = { ...m.attributes };
    return {
      messageId: m.id,
      attempt: m.deliveryAttempt > 0 ? m.deliveryAttempt : seen,
      attributes:
        this.topic === TOPICS.deadLetter ? withPortDeadLetterAttributes(attributes) : attributes,
      publishedAtMs: m.publishTime.getTime(),
    };
  }
}

function safeParse(data: Buffer): unknown {
  try {
    return parseEventData(data);
  } catch {
    return undefined;
  }
}
