// Pub/Sub's push to the step functions on one machine: each function's topics get a push
// subscription as Terraform makes them (the longest ack deadline, a dead-letter policy, so
// Pub/Sub counts each message's delivery attempts), all pointed at a relay. The emulator
// signs no OIDC token, so the relay adds the one a push subscription would
// (test-pusher.ts). Where the emulator's push body has no `deliveryAttempt`, the relay adds
// the one Pub/Sub sends with a dead-letter policy: its own count of the message's deliveries
// (a killed instance's redelivery must be told from a duplicate). It forwards the push to wherever the function is served now, answers
// Pub/Sub with the function's status (502 when the function was not there to answer, as
// Google's front end does for an instance that died), and logs every delivery. It may also
// deliver each message once more a little after answering, as Pub/Sub does when it
// redelivers a message already acknowledged.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { PubSub } from "@google-cloud/pubsub";
import type { CloudFunctionSpec } from "../../functions/cloud/catalog.ts";
import { PUBSUB_DELIVERY_ATTEMPTS } from "../../shared/adapters/gcp/bus/provision.ts";
import { TOPICS } from "../../shared/domain/events.ts";
import type { HttpShape } from "./pubsub-shapes.ts";
import { audienceOf, type TestPusher } from "./test-pusher.ts";

/** Pub/Sub's longest: a build and a scenario each take well under it. */
const ACK_DEADLINE_S = 600;
/** A function's status, or this when the connection broke before it answered. */
export const UNREACHABLE = "unreachable";
const UNREACHABLE_STATUS = 502;

/** Where a function is served. */
export interface Endpoint {
  post(shape: HttpShape): Promise<{ status: number; text: string }>;
}

export interface RelayedDelivery {
  fn: string;
  messageId: string;
  /** The deliveryAttempt forwarded: 1 for the first delivery of the message. */
  attempt: number;
  /** Whether the emulator's push carried it (else the relay counted). */
  attemptFromPubSub: boolean;
  /** The function's answer to each forward: Pub/Sub's delivery, then any redelivery. */
  statuses: (number | typeof UNREACHABLE)[];
}

export interface RelayOptions {
  /** Deliver every message again this long after answering Pub/Sub. */
  redeliverAfterMs?: number;
}

export class PushRelay {
  readonly deliveries: RelayedDelivery[] = [];
  private readonly deliveriesOf = new Map<string, number>();
  private pending = 0;
  private readonly server: Server;
  url = "";

  /** `endpoint` is asked at each forward: it may wait for a function that is starting. */
  constructor(
    private readonly endpoint: (fn: string) => Endpoint | Promise<Endpoint>,
    private readonly pusher: TestPusher,
    private readonly options: RelayOptions = {},
  ) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => void this.relay(req, Buffer.concat(chunks), res));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get idle(): boolean {
    return this.pending === 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private async relay(req: IncomingMessage, body: Buffer, res: ServerResponse) {
    const fn = req.url!.slice(1);
    const pushed = JSON.parse(body.toString()) as {
      message?: { messageId?: string };
      subscription?: string;
      deliveryAttempt?: number;
    };
    const messageId = pushed.message?.messageId ?? "?";
    const key = `${pushed.subscription}/${messageId}`;
    const counted = (this.deliveriesOf.get(key) ?? 0) + 1;
    this.deliveriesOf.set(key, counted);
    const attempt = pushed.deliveryAttempt ?? counted;
    const shape: HttpShape = {
      headers: { "content-type": "application/json", ...this.pusher.headers(audienceOf(fn)) },
      body: JSON.stringify({ ...pushed, deliveryAttempt: attempt }),
    };
    const delivery: RelayedDelivery = {
      fn,
      messageId,
      attempt,
      attemptFromPubSub: pushed.deliveryAttempt !== undefined,
      statuses: [],
    };
    this.deliveries.push(delivery);
    this.pending++;
    try {
      const first = await this.forward(fn, shape);
      delivery.statuses.push(first);
      res.writeHead(first === UNREACHABLE ? UNREACHABLE_STATUS : first).end();
      if (this.options.redeliverAfterMs === undefined) return;
      await sleep(this.options.redeliverAfterMs);
      delivery.statuses.push(await this.forward(fn, shape));
    } finally {
      this.pending--;
    }
  }

  private async forward(fn: string, shape: HttpShape): Promise<number | typeof UNREACHABLE> {
    const endpoint = await this.endpoint(fn);
    try {
      return (await endpoint.post(shape)).status;
    } catch {
      return UNREACHABLE;
    }
  }
}

/** The functions' topics, each with its push subscription to the relay. */
export async function subscribeThroughRelay(
  pubsub: PubSub,
  functions: readonly CloudFunctionSpec[],
  relay: PushRelay,
): Promise<void> {
  const [deadLetters] = await pubsub.createTopic(TOPICS.deadLetter);
  for (const f of functions) {
    for (const topic of f.topics) {
      const [created] =
        topic === TOPICS.deadLetter ? [deadLetters] : await pubsub.createTopic(topic);
      await created.createSubscription(`${topic}-judge`, {
        ackDeadlineSeconds: ACK_DEADLINE_S,
        pushConfig: { pushEndpoint: `${relay.url}/${f.name}` },
        // A dead letter cannot itself be dead-lettered.
        ...(topic === TOPICS.deadLetter
          ? {}
          : {
              deadLetterPolicy: {
                deadLetterTopic: deadLetters.name,
                maxDeliveryAttempts: PUBSUB_DELIVERY_ATTEMPTS.min,
              },
            }),
      });
    }
  }
}
