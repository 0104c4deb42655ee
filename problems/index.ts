// The problem registry: the only list of judged problems. Everything else (the catalogue,
// the API's texts and templates, proto paths, scenario names, the CLI, the builds, the
// benches, the compose file) derives from it. Adding a problem: its folder and one line.
import type { ProblemDefinition } from "../harness/problem.ts";
import { raft } from "./raft/problem.ts";

export const REGISTRY: readonly ProblemDefinition[] = [raft];
