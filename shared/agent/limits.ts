// Every bound the chaos agent keeps, in one place, each with its unit and its reason.

/** Message records kept before the oldest are dropped: about 5 minutes of a busy 5-node Raft. */
export const MESSAGE_RECORDS_MAX = 100_000;
/** Records returned by one read of the message log, so one answer stays a few MB. */
export const MESSAGE_PAGE_ITEMS_MAX = 5_000;
/** Node log lines kept before the oldest are dropped. */
export const LOG_LINES_MAX = 20_000;
/** Log lines returned by one read. */
export const LOG_PAGE_ITEMS_MAX = 5_000;
/** A longer line is cut here (and a partial line without newline is flushed here). */
export const LOG_LINE_CHARS_MAX = 4_096;
/** A message larger than this is recorded by size only: decoding it would cost too much. */
export const DECODE_MESSAGE_BYTES_MAX = 1024 * 1024;
/** Decoded string fields are cut here so a large client value does not bloat the log. */
export const DECODED_STRING_CHARS_MAX = 200;
/** Recorded calls waiting to be decoded; past it they are decoded at once. */
export const DECODE_PENDING_MAX = 10_000;
/** Items kept of a decoded repeated scalar field. */
export const DECODED_LIST_ITEMS_MAX = 64;
/** Decoded nested messages deeper than this are left out (protects against hostile input). */
export const DECODE_DEPTH_MAX = 4;
/** Bytes of request data held while a delayed call waits; beyond it the call is refused. */
export const DELAYED_REQUEST_BYTES_MAX = 16 * 1024 * 1024;
/** Longest delay a link rule may ask for (a longer one is a mistake, not a fault). */
export const LINK_DELAY_MS_MAX = 60_000;
/** Link rules one agent accepts in one call. */
export const LINK_RULES_MAX = 1_000;
/** Body of a control request (link rules are the largest). */
export const CONTROL_BODY_BYTES_MAX = 1024 * 1024;
/** How often the readiness probe tries the node's port after a start. */
export const READY_PROBE_INTERVAL_MS = 25;
/** How long kill waits for the node's process to be reaped before answering anyway. */
export const KILL_WAIT_MS = 5_000;
/** How often kill checks whether every process of the node is gone. */
export const DRAIN_POLL_INTERVAL_MS = 5;
/** How often the agent checks that its parent (the judge) is alive. */
export const PARENT_CHECK_INTERVAL_MS = 250;
/** HTTP/2 session memory per connection, in MB: blackholed calls hold streams open. */
export const SESSION_MEMORY_MB_MAX = 64;
/** HTTP/2 flow-control window, so a large AppendEntries is not held by window updates. */
export const STREAM_WINDOW_BYTES = 4 * 1024 * 1024;
/** An ID token is fetched again this long before it expires (they live an hour). */
export const ID_TOKEN_REFRESH_BEFORE_MS = 5 * 60_000;
/** A metadata server that has not answered by then is reported as unreachable. */
export const ID_TOKEN_FETCH_TIMEOUT_MS = 5_000;
/** Trigger rules one agent holds at once. */
export const TRIGGER_RULES_MAX = 100;
/** A trigger rule's id, in characters. */
export const TRIGGER_ID_CHARS_MAX = 100;
/** Firings kept in the firing log before the oldest are dropped. */
export const TRIGGER_FIRINGS_MAX = 10_000;
/** Firings returned by one read of the firing log. */
export const TRIGGER_FIRINGS_PAGE_MAX = 5_000;
/** Firing times kept per rule in the rule list (the firing log has them all). */
export const TRIGGER_FIRED_AT_KEPT = 100;
/** Longest timed pause or cut a trigger may ask for (a longer one is a mistake). */
export const TRIGGER_FOR_MS_MAX = 600_000;
/** Limit hits kept (oldest dropped first): a node that keeps hitting one says so early. */
export const LIMIT_HITS_MAX = 100;
/** How often a running node's cgroup counters and DATA_DIR are read for limit hits. */
export const LIMIT_SAMPLE_INTERVAL_MS = 250;
/** Looks for a started node's own /tmp before giving up (its view is up within ms). */
export const NODE_MOUNT_LOOKS_MAX = 40;
/** DATA_DIR counts as full with less than this free (a tmpfs rounds to pages). */
export const DISK_FULL_MARGIN_BYTES = 256 * 1024;
