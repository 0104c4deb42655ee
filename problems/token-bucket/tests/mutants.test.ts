// Every mutant applies to the reference and builds (the shared suite).
import { mutantsSuite } from "../../../tests/support/mutants-suite.ts";
import { mutants } from "../mutants.ts";
import { tokenBucket } from "../problem.ts";

mutantsSuite(tokenBucket, mutants, { atLeast: 5 });
