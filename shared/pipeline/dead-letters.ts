// `clusterjudge dead-letters`: the messages the local queue gave up on, listed or shown.
import { LocalQueue, type DeadLetter } from "../adapters/local/queue/index.ts";
import type { JudgeHome } from "./home.ts";
import type { JudgeIo } from "./judge-run.ts";

/** Lists every dead letter, or shows one in full; 1 when the one asked for is not there. */
export async function showDeadLetters(
  home: JudgeHome,
  messageId: string | undefined,
  json: boolean,
  io: JudgeIo,
): Promise<number> {
  const queue = new LocalQueue({ path: home.dbPath });
  try {
    if (messageId) {
      const letter = queue.deadLetter(messageId);
      if (!letter) {
        io.err(`no dead letter ${messageId}`);
        return 1;
      }
      io.out(JSON.stringify(letter, null, json ? 0 : 2));
      return 0;
    }
    const letters = queue.deadLetters();
    if (json) io.out(JSON.stringify(letters));
    else if (letters.length === 0) io.err("no dead letters");
    else for (const l of letters) io.out(describe(l));
    return 0;
  } finally {
    await queue.close();
  }
}

function describe(l: DeadLetter): string {
  const submissionId = (l.event as { submissionId?: string }).submissionId ?? "?";
  const when = new Date(l.deadAtMs).toISOString();
  const error = l.lastError.split("\n")[0];
  return `${l.messageId}  ${when}  ${l.topic}  ${submissionId}  ${l.attempts} attempts  ${error}`;
}
