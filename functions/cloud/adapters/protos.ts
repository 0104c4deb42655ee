// The problems' .proto files, which `npm run build` copies into every function bundle at
// problems/<slug>/<file> (scripts/build-functions.ts). Not taken from the scenarios' client,
// which would bring gRPC into bundles that run none.
import { REGISTRY } from "../../../problems/registry.ts";
import { protoPathOf } from "../../../problems/paths.ts";

/** The problem's .proto, for the agents (deploy, test-runner) and the build (submit). */
export function protoOf(problem: string): string | undefined {
  const found = REGISTRY.find((p) => p.slug === problem);
  return found ? protoPathOf(found) : undefined;
}
