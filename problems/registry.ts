// The registered problems (problems/index.ts, one export each) as a list ordered by id.
import type { ProblemDefinition } from "../harness/problem.ts";
import * as registered from "./index.ts";

export const REGISTRY: readonly ProblemDefinition[] = Object.values(
  registered as Record<string, ProblemDefinition>,
).sort((a, b) => a.id - b.id);
