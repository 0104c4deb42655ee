// Every mutant applies to the reference and builds (the shared suite).
import { mutantsSuite } from "../../../tests/support/mutants-suite.ts";
import { mutants } from "../mutants.ts";
import { pnCounter } from "../problem.ts";

mutantsSuite(pnCounter, mutants, { atLeast: 5 });
