// Every mutant applies to the reference and builds (the shared suite).
import { mutantsSuite } from "../../../tests/support/mutants-suite.ts";
import { mutants } from "../mutants.ts";
import { gCounter } from "../problem.ts";

mutantsSuite(gCounter, mutants, { atLeast: 5 });
