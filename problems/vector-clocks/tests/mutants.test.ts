// Every mutant applies to the reference and builds (the shared suite).
import { mutantsSuite } from "../../../tests/support/mutants-suite.ts";
import { mutants } from "../mutants.ts";
import { vectorClocks } from "../problem.ts";

mutantsSuite(vectorClocks, mutants, { atLeast: 5 });
