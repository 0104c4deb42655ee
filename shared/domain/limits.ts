// Every limit on a submission and on what the pipeline stores, in one place, each with its
// unit in the name and the reason for its value.

export const SUBMISSION_LIMITS = {
  /** A Raft node fits in a handful of files; more usually means a build folder was sent. */
  filesMax: 64,
  /** Generous for hand-written source; refuses vendored libraries and generated blobs. */
  fileBytesMax: 256 * 1024,
  /**
   * The whole submission lives in one store document; Firestore's document limit is 1 MiB,
   * so this leaves room for the status, build log and errors beside the files.
   */
  totalBytesMax: 640 * 1024,
  /** Paths are shown in diagnostics and used as file names on every platform. */
  pathCharsMax: 200,
  /** A refused path is shown this long in messages: enough to recognise, never a flood. */
  pathCharsShownMax: 80,
  /** Folder nesting deeper than this is never needed for one node's source. */
  pathSegmentsMax: 8,
  /** Issues listed when a submission is refused; the rest are counted. */
  issuesShownMax: 50,
  /** A user's subset of scenarios; a problem has about ten. */
  scenariosMax: 32,
} as const;

export const PIPELINE_LIMITS = {
  /** Build and deploy logs kept on the submission (the tail, where errors are). */
  logLinesMax: 200,
  /** A longer line is cut: a minified stack trace is no help to a reader. */
  logLineCharsMax: 500,
  /** The first diagnostics are the ones that matter; the rest follow from them. */
  diagnosticsMax: 50,
  /**
   * How long a step's claim on a submission lasts without renewal. A judge that was killed
   * holds its claim this long before another delivery may take over the work.
   */
  claimLeaseMs: 15_000,
  /** The holder renews its claim this often while working (a third of the lease). */
  claimRenewMs: 5_000,
  /** Progress is written to the store at most this often per scenario (live view). */
  progressIntervalMs: 500,
  /**
   * The longest one step may run: a build (Rust's first, about 110 s here), a deploy, one
   * scenario and its checks (the longest, figure8, about 80 s). Past it the step is stuck: the
   * local pipeline fails the submission with the reason (shared/pipeline/subscribe-steps.ts),
   * which frees its slot; in the cloud it is the functions' timeout (terraform/functions.tf).
   */
  stepTimeMs: 540_000,
} as const;

export const RATE_LIMITS = {
  /**
   * Submissions one user may make in an hour. Each one builds an image and runs a cluster
   * for minutes (about $0.08 in the cloud); thirty an hour is more than a person iterating
   * needs, and bounds what one account can spend or queue. Set per deployment
   * (CLUSTERJUDGE_SUBMISSIONS_PER_HOUR, Terraform's submissions_per_hour).
   */
  submissionsPerHour: 30,
} as const;
