// The reference's three nodes served over gRPC on 127.0.0.1 inside this process, called with
// the judge's own channels, Configure request and Allow codec (tests/support/rate-limit/):
// a limit of three in a minute's window goes through at any node and no more.
import { threeAtOnceOverGrpc } from "../../../tests/support/rate-limit/local-cluster.ts";
import { configureRequest, SERVICE } from "../client.ts";
import { startNode } from "../reference/typescript/server.ts";

threeAtOnceOverGrpc(
  SERVICE,
  (env) => startNode(env, SERVICE.protoPath),
  configureRequest({ limit: 3, windowMs: 60_000 }, 0),
);
