// Every bully scenario's checks, in report order: what the traffic shows of the elections
// (no announcement over a higher node, answered in time), then what the polls saw (one
// coordinator once stable, the highest live one within the bound, a restarted highest node
// taking over), then the message counts. statement.md argues each one's soundness.
import type { Check } from "../../harness/problem.ts";
import { checkAgreement, checkConvergence, checkTakeover } from "./checks/answers.ts";
import { checkAnnouncements, checkElectionAnswers, checkMessages } from "./checks/traffic.ts";
import type { PollOp } from "./client.ts";

export const bullyChecks: readonly Check<PollOp>[] = [
  // The causes first: a node that announces over a higher one, or a silent node, is why the
  // answers go wrong, and the reason names it. Announcing over an OK first: the storms it
  // sets off can slow other nodes' answers past their bound, which is its effect, not its cause.
  { name: "announcements", required: false, run: checkAnnouncements },
  { name: "election answers", required: false, run: checkElectionAnswers },
  { name: "agreement", required: true, run: checkAgreement },
  { name: "convergence", required: true, run: checkConvergence },
  // Only scenarios that restart the highest node give it evidence.
  { name: "takeover", required: false, run: checkTakeover },
  { name: "messages", required: true, run: checkMessages },
];
