// The problems' .proto files, copied into every bundle that names them by `npm run build`.
// Not taken from the scenarios' client, which would bring gRPC into bundles that run none.
import { fileURLToPath } from "node:url";

const RAFT_PROTO = fileURLToPath(new URL("../../../proto/raft.proto", import.meta.url));

/** The problem's .proto, for the agents (deploy, test-runner) and the build (submit). */
export function protoOf(problem: string): string | undefined {
  return problem === "raft" ? RAFT_PROTO : undefined;
}
