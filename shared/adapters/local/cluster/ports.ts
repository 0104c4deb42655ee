// Free loopback ports for processes started later (the agents, a test's emulators): drawn
// below Linux's ephemeral range (32768–60999) and held all at once (so none repeats), then
// released for the process to take. A port the kernel hands out for listen(0) is free again
// once released, and any outgoing connection may take it as its local port before the
// process binds it; below the range only another listener can, and each is checked free.
// If one does, the process fails with "address in use", which says so.
import { createServer, type Server } from "node:net";

const LOW = 20_000;
const HIGH = 32_000;
const TRIES_PER_PORT = 100;

export async function freePorts(count: number): Promise<number[]> {
  const held = new Map<number, Server>();
  try {
    for (let tries = 0; held.size < count; tries++) {
      if (tries >= TRIES_PER_PORT * count) {
        throw new Error(`no ${count} free loopback ports in ${LOW}–${HIGH}`);
      }
      const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
      if (held.has(port)) continue;
      const server = await listening(port);
      if (server) held.set(port, server);
    }
    return [...held.keys()];
  } finally {
    await Promise.all([...held.values()].map((s) => new Promise((r) => s.close(r))));
  }
}

export async function freePort(): Promise<number> {
  return (await freePorts(1))[0] as number;
}

function listening(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
