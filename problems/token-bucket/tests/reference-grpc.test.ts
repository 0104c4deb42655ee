// The reference's three nodes served over gRPC on 127.0.0.1 inside this process, called with
// the judge's own channels, Configure request and Allow codec (tests/support/rate-limit/):
// a burst of three, refilled too slowly to matter, goes through at any node and no more.
import { threeAtOnceOverGrpc } from "../../../tests/support/rate-limit/local-cluster.ts";
import { configureRequest, SERVICE } from "../client.ts";
import { startNode } from "../reference/typescript/server.ts";

threeAtOnceOverGrpc(
  SERVICE,
  (env) => startNode(env, SERVICE.protoPath),
  configureRequest({ burst: 3, refillPerSecond: 0.001 }, 0),
);
