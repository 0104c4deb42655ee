// The API's own limits. Submission limits live in shared/domain/limits.ts; the body limit is
// derived from them so the domain's validation, with its precise messages, sees every
// submission that could be within its limits.
import { SUBMISSION_LIMITS } from "../../shared/domain/limits.ts";

export const API_LIMITS = {
  /**
   * JSON escapes can make text up to 6 times longer ("\u0001"), and the paths, scenario
   * names and field names come on top; anything larger cannot be a valid submission.
   */
  bodyBytesMax: SUBMISSION_LIMITS.totalBytesMax * 6 + 64 * 1024,
  /**
   * Event streams one API process holds open at once; one more is a 429 until one closes.
   * Each costs a socket and a watcher (the local store's watchers share one poll), and a
   * thousand held at once leave the others' requests unslowed (`npm run bench -- streams`).
   */
  eventStreamsMax: 2_000,
  /** A comment line on an idle event stream this often keeps proxies from closing it. */
  sseHeartbeatMs: 15_000,
  /** Messages returned for one window of the message diagram; a browser draws this many. */
  messagesPerWindowMax: 3_000,
  /** Bytes of messages (as messages.jsonl holds them) in one answer: a page is cut there. */
  messagePageBytesMax: 4 * 2 ** 20,
  /** Bytes of a node's log in one answer; the rest comes by `offset`. */
  logPageBytesMax: 2 ** 20,
  /** Submissions listed at most by GET /submissions. */
  submissionsListedMax: 50,
} as const;
