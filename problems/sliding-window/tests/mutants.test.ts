// Every mutant applies to the reference and builds (the shared suite).
import { mutantsSuite } from "../../../tests/support/mutants-suite.ts";
import { mutants } from "../mutants.ts";
import { slidingWindow } from "../problem.ts";

mutantsSuite(slidingWindow, mutants, { atLeast: 5 });
