// The reference's three nodes served over gRPC on 127.0.0.1 inside this process, called with
// the judge's own channels, Configure request and Allow codec (tests/support/rate-limit/):
// a limit of three in a minute goes through at any node and no more; a Configure is
// idempotent and refuses another limit; a key homed elsewhere is forwarded there.
import assert from "node:assert/strict";
import { allowOp, threeAtOnceOverGrpc } from "../../../tests/support/rate-limit/local-cluster.ts";
import { configureRequest, SERVICE } from "../client.ts";
import { HOMED_KEYS } from "../plans/blocks.ts";
import { startNode } from "../reference/typescript/server.ts";

const limit = { limit: 3, windowMs: 60_000 };

threeAtOnceOverGrpc(
  SERVICE,
  (env) => startNode(env, SERVICE.protoPath),
  configureRequest(limit, 0),
  async ({ connections, allow }) => {
    const [again] = await connections.call("node-2", "Configure", configureRequest(limit, 500));
    assert.equal(again.result, "ok", "a retry of the Configure in force");
    const another = configureRequest({ limit: 4, windowMs: 60_000 }, 0);
    const [other] = await connections.call("node-2", "Configure", another);
    assert.equal(other.result, "error", "another limit: FAILED_PRECONDITION");
    // key-2 is homed at node-2 (plans/blocks.ts); asked at node-0 it is forwarded there.
    const forwarded = await allow("node-0", allowOp(30, HOMED_KEYS[2] as string));
    assert.equal(forwarded.allowed, true);
  },
);
