// The shared plan checks (tests/support/plans-suite.ts) over the family's scenarios.
import { plansSuite } from "../../../tests/support/plans-suite.ts";
import { rendezvousHashing } from "../problem.ts";

plansSuite(rendezvousHashing, { maxMs: 10_000 });
