// Every bully scenario's checks, in report order: what the traffic shows of the elections
// (answered in time, no announcement over a higher node), then what the polls saw (one
// coordinator once stable, the highest live one within the bound, a restarted highest node
// taking over), then the message counts. statement.md argues each one's soundness.
import type { Check } from "../../harness/problem.ts";
import { checkAgreement, checkConvergence, checkTakeover } from "./checks/answers.ts";
import { checkAnnouncements, checkElectionAnswers, checkMessages } from "./checks/traffic.ts";
import type { PollOp } from "./client.ts";

export const bullyChecks: readonly Check<PollOp>[] = [
  // The causes first: a silent node or one that announces over a higher one is why the
  // answers go wrong, and the reason names it.
  { name: "election answers", required: false, run: checkElectionAnswers },
  { name: "announcements", required: false, run: checkAnnouncements },
  { name: "agreement", required: true, run: checkAgreement },
  { name: "convergence", required: true, run: checkConvergence },
  // Only scenarios that restart the highest node give it evidence.
  { name: "takeover", required: false, run: checkTakeover },
  { name: "messages", required: true, run: checkMessages },
];
