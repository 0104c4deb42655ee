// The tail of a build's log, read from the logs bucket Cloud Build wrote it to
// (gs://BUCKET[/PREFIX]/log-BUILD_ID.txt) with one ranged download, and the toolchain
// step's diagnostics found in it.
import type { Storage } from "@google-cloud/storage";
import { diagnosticSchema, type Diagnostic } from "../../../domain/build.ts";
import { CLOUD_BUILD_LIMITS } from "./limits.ts";
import { BUILD_MARKERS } from "./workspace.ts";

export interface BuildLogReader {
  /** The last lines of build `buildId`'s log; `logsBucket` as the build names it ("gs://b"). */
  tail(logsBucket: string, buildId: string): Promise<string[]>;
}

/** Cloud Build prefixes each line with its step: `Step #0 - "toolchain": `. */
const STEP_PREFIX = /^Step #\d+(?: - "[^"]*")?: /;

export class StorageBuildLogs implements BuildLogReader {
  constructor(private readonly storage: Storage) {}

  async tail(logsBucket: string, buildId: string): Promise<string[]> {
    const [bucket, ...prefix] = logsBucket.replace(/^gs:\/\//, "").split("/");
    const object = [...prefix.filter((p) => p), `log-${buildId}.txt`].join("/");
    const file = this.storage.bucket(bucket as string).file(object);
    let size: number;
    try {
      const [metadata] = await file.getMetadata();
      size = Number(metadata.size ?? 0);
    } catch (err) {
      if ((err as { code?: unknown }).code !== 404) throw err;
      return [`(no build log at gs://${bucket}/${object})`];
    }
    if (size === 0) return [];
    const start = Math.max(0, size - CLOUD_BUILD_LIMITS.logTailBytesMax);
    const [bytes] = await file.download({ start, end: size - 1, validation: false });
    const lines = bytes.toString("utf8").split("\n");
    if (start > 0) lines.shift(); // cut by the range: not a whole line
    return lines.filter((l) => l.length > 0).map((l) => l.replace(STEP_PREFIX, ""));
  }
}

/** The diagnostics the toolchain step printed, and the log without their marker lines. */
export function splitDiagnostics(lines: readonly string[]): {
  diagnostics: Diagnostic[];
  log: string[];
} {
  const diagnostics: Diagnostic[] = [];
  const log: string[] = [];
  for (const line of lines) {
    const at = line.indexOf(`${BUILD_MARKERS.diagnostic} `);
    if (at < 0) {
      if (!line.includes(BUILD_MARKERS.command)) log.push(line);
      continue;
    }
    try {
      const parsed = diagnosticSchema.safeParse(
        JSON.parse(line.slice(at + BUILD_MARKERS.diagnostic.length + 1)),
      );
      if (parsed.success) diagnostics.push(parsed.data);
    } catch {
      log.push(line); // a cut or garbled marker line is still worth reading
    }
  }
  return { diagnostics, log };
}
