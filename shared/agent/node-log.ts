// The node's log: its stdout and stderr cut into time-stamped lines, plus the agent's own
// notes (starts, exits, faults set), in one bounded ring.
import type { LogLine, Page } from "../ports/cluster.ts";
import { nowMs } from "./clock.ts";
import { LOG_LINE_CHARS_MAX, LOG_LINES_MAX, LOG_PAGE_ITEMS_MAX } from "./limits.ts";
import { Ring } from "./ring.ts";

type NodeStream = "stdout" | "stderr";

export class NodeLog {
  private readonly ring = new Ring<LogLine>(LOG_LINES_MAX);
  private readonly partial: Record<NodeStream, string> = { stdout: "", stderr: "" };

  /** Takes a chunk of the node's output; a line is stamped when its newline arrives. */
  write(stream: NodeStream, chunk: string): void {
    const text = this.partial[stream] + chunk;
    const lines = text.split("\n");
    let rest = lines.pop() ?? "";
    for (const line of lines) this.add(stream, line);
    // Output without newlines (a progress bar, a blob) is kept in pieces of the bound.
    while (rest.length >= LOG_LINE_CHARS_MAX) {
      this.add(stream, rest.slice(0, LOG_LINE_CHARS_MAX));
      rest = rest.slice(LOG_LINE_CHARS_MAX);
    }
    this.partial[stream] = rest;
  }

  /** Flushes a line left without its newline (the process ended mid-line). */
  flush(stream: NodeStream): void {
    if (this.partial[stream]) this.add(stream, this.partial[stream]);
    this.partial[stream] = "";
  }

  agent(line: string): void {
    this.add("agent", line);
  }

  read(since: number): Page<LogLine> {
    return this.ring.read(since, LOG_PAGE_ITEMS_MAX);
  }

  /** The last lines as plain text, for error messages. */
  tail(lines: number): string {
    const page = this.ring.read(Math.max(0, this.ring.lastSeq() - lines), lines);
    return page.items.map((l) => `[${l.stream}] ${l.line}`).join("\n");
  }

  private add(stream: LogLine["stream"], line: string): void {
    const cut = line.length > LOG_LINE_CHARS_MAX ? `${line.slice(0, LOG_LINE_CHARS_MAX)}…` : line;
    this.ring.push({ atMs: nowMs(), stream, line: cut.endsWith("\r") ? cut.slice(0, -1) : cut });
  }
}
