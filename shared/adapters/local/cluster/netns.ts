// One network namespace per cluster, with only loopback up: the cluster's agents and nodes
// run inside it and reach each other on 127.0.0.1, and nothing outside it.
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { promisify } from "node:util";

const run = promisify(execFile);
const NETNS_DIR = "/run/netns";
const IP_TIMEOUT_MS = 5_000;

export function netnsPath(name: string): string {
  return `${NETNS_DIR}/${name}`;
}

/** Creates the namespace and brings its loopback up; throws with ip's own message. */
export async function createNetns(name: string): Promise<void> {
  await run("ip", ["netns", "add", name], { timeout: IP_TIMEOUT_MS });
  try {
    await run("ip", ["-n", name, "link", "set", "lo", "up"], { timeout: IP_TIMEOUT_MS });
  } catch (err) {
    await deleteNetns(name);
    throw err;
  }
}

export async function deleteNetns(name: string): Promise<void> {
  if (!existsSync(netnsPath(name))) return;
  await run("ip", ["netns", "delete", name], { timeout: IP_TIMEOUT_MS }).catch(() => undefined);
}

/** Names of existing namespaces that start with `prefix`. */
export function listNetns(prefix: string): string[] {
  try {
    return readdirSync(NETNS_DIR).filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
}
