import assert from "node:assert/strict";
import { createServer } from "node:net";
import { test } from "vitest";
import { freePorts } from "../../../shared/adapters/local/cluster/ports.ts";

test("free ports are distinct, below the ephemeral range and bindable once released", async () => {
  const ports = await freePorts(12);
  assert.equal(new Set(ports).size, 12);
  for (const port of ports) {
    assert.ok(port >= 20_000 && port < 32_768, `${port} is below the ephemeral range`);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  }
});

test("a port another listener holds is never handed out", async () => {
  const taken = createServer();
  const [port] = await freePorts(1);
  await new Promise<void>((resolve) => taken.listen(port, "127.0.0.1", resolve));
  try {
    for (let i = 0; i < 20; i++) assert.ok(!(await freePorts(50)).includes(port as number));
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});
