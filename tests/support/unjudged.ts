// The tests' example of a problem the catalogue announces that is not judged yet (no
// folder, no template): the first announced one, so registering a problem never breaks them.
import { ANNOUNCED } from "../../problems/announced.ts";

const [first] = ANNOUNCED;
if (!first) throw new Error("every announced problem is judged: pick another example");
export const UNJUDGED = first;
