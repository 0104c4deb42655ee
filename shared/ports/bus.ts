// The bus port: topics between the pipeline's steps. Delivery is at least once: a handler
// that throws gets the message again later (with back-off), and a message that fails every
// attempt goes to the dead-letter topic with its original event and the attributes in
// domain/events.ts. Locally a durable SQLite queue; in the cloud, Pub/Sub.

export interface Delivery {
  /** The same for every delivery of one published message. */
  messageId: string;
  /** 1 for the first delivery. */
  attempt: number;
  attributes: Record<string, string>;
  publishedAtMs: number;
}

export type MessageHandler = (event: unknown, delivery: Delivery) => Promise<void>;

export interface SubscribeOptions {
  /** How many messages of this topic are handled at once. */
  concurrency?: number;
}

export interface Subscription {
  /** Stops taking messages and waits for those being handled to finish. */
  close(): Promise<void>;
}

export interface Bus {
  /** Publishes durably; resolves with the message id. */
  publish(topic: string, event: unknown, attributes?: Record<string, string>): Promise<string>;
  /** Delivers the topic's messages, including those published before subscribing. */
  subscribe(topic: string, handler: MessageHandler, opts?: SubscribeOptions): Subscription;
}
