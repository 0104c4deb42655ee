// How the judge's Pub/Sub resources are named in a project: every topic and subscription
// carries one prefix, so two judges can share a project. Cloud Build's topic is Google's and
// has no prefix. terraform/ names its resources the same way (its test checks it).
import { CLOUD_BUILDS_TOPIC } from "./catalog.ts";

/** The topic id of a pipeline topic ("clusterjudge-deploy"), or Cloud Build's own. */
export function topicId(prefix: string, topic: string): string {
  return topic === CLOUD_BUILDS_TOPIC ? topic : `${prefix}${topic}`;
}

/** The push subscription that delivers `topic` to the function consuming it. */
export function subscriptionId(prefix: string, topic: string): string {
  return `${prefix}${topic}-push`;
}

/** The pipeline topic a push subscription delivers, from its full or short name. */
export function topicOfSubscription(prefix: string, subscription: string): string | undefined {
  const id = subscription.slice(subscription.lastIndexOf("/") + 1);
  if (!id.startsWith(prefix) || !id.endsWith("-push")) return undefined;
  return id.slice(prefix.length, -"-push".length) || undefined;
}
