// Every mutant applies to the reference and builds (the shared suite).
import { mutantsSuite } from "../../../tests/support/mutants-suite.ts";
import { mutants } from "../mutants.ts";
import { bullyElection } from "../problem.ts";

mutantsSuite(bullyElection, mutants, { atLeast: 5 });
