// A free loopback port for a process a test starts later, drawn below Linux's ephemeral range
// (32768–60999): a port the kernel hands out for listen(0) is free again once the probe
// closes, and any outgoing connection may take it as its local port before the process
// binds it. Below the range only another listener can, and this one is checked free.
import { createServer } from "node:net";

const LOW = 20_000;
const HIGH = 32_000;

export async function freePortOutsideEphemeral(): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free loopback port in ${LOW}–${HIGH} after 100 tries`);
}
