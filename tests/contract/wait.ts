// Waiting for something asynchronous in a test: polls a condition, fails with a message
// after a generous time (the machine is shared and busy), never asserts on how long it took.
import { setTimeout as sleep } from "node:timers/promises";

export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
