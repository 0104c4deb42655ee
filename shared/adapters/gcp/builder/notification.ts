// A Cloud Build notification (a message on the `cloud-builds` topic, whose data is the Build
// as JSON) turned into the pipeline's build-complete event: null for other projects' builds
// and for statuses that are not final (QUEUED, WORKING, PENDING, ...). A final status sent
// twice gives the same event twice; build-complete applies it once (it only moves a
// submission that is still building).
import { z } from "zod";
import { boundOutcome, type BuildOutcome, type Diagnostic } from "../../../domain/build.ts";
import type { BuildCompleteEvent } from "../../../domain/events.ts";
import { splitDiagnostics, type BuildLogReader } from "./build-log.ts";
import { JUDGE_TAG, SUBSTITUTIONS, TOOLCHAIN_STEP_INDEX } from "./build-request.ts";

export interface CloudBuildMessage {
  /** The Build as JSON: bytes, the JSON text, or base64 (as in Pub/Sub push bodies). */
  data: Buffer | Uint8Array | string;
  attributes?: Record<string, string>;
}

const SUCCESS = "SUCCESS";
/** Final statuses that mean there is no image: build_failed, with the log's tail. */
export const FAILED_STATUSES = ["FAILURE", "TIMEOUT", "INTERNAL_ERROR", "CANCELLED", "EXPIRED"];

const buildSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  statusDetail: z.string().optional(),
  tags: z.array(z.string()).default([]),
  substitutions: z.record(z.string(), z.string()).default({}),
  logsBucket: z.string().optional(),
  results: z
    .looseObject({
      images: z
        .array(z.looseObject({ name: z.string(), digest: z.string().optional() }))
        .optional(),
      buildStepOutputs: z.array(z.string()).optional(),
    })
    .optional(),
});
type NotifiedBuild = z.infer<typeof buildSchema>;

const commandSchema = z.object({ argv: z.array(z.string()).min(1), cwd: z.string() });

export async function parseCloudBuildNotification(
  message: CloudBuildMessage,
  logs: BuildLogReader,
): Promise<BuildCompleteEvent | null> {
  // The attributes say the status without parsing the body; most messages stop here.
  const status = message.attributes?.["status"];
  if (status !== undefined && status !== SUCCESS && !FAILED_STATUSES.includes(status)) return null;
  const build = buildSchema.parse(JSON.parse(dataText(message.data)));
  const submissionId = build.substitutions[SUBSTITUTIONS.submissionId];
  if (!submissionId || !build.tags.includes(JUDGE_TAG)) return null;
  if (build.status !== SUCCESS && !FAILED_STATUSES.includes(build.status)) return null;
  const tail = build.logsBucket ? await logs.tail(build.logsBucket, build.id) : [];
  const { diagnostics, log } = splitDiagnostics(tail);
  return { submissionId, outcome: boundOutcome(outcomeOf(build, diagnostics, log)) };
}

function outcomeOf(build: NotifiedBuild, diagnostics: Diagnostic[], log: string[]): BuildOutcome {
  const ended = `Cloud Build ended ${build.status}${build.statusDetail ? `: ${build.statusDetail}` : ""}`;
  const failed = (why: string): BuildOutcome => ({
    ok: false,
    // The user's mistakes when the toolchain found them; otherwise why the build stopped.
    diagnostics: diagnostics.length
      ? diagnostics
      : [{ file: "(build)", line: null, column: null, message: why }],
    log,
  });
  if (build.status !== SUCCESS) return failed(ended);
  const output = build.results?.buildStepOutputs?.[TOOLCHAIN_STEP_INDEX];
  const command = output ? commandSchema.safeParse(parseJson(Buffer.from(output, "base64"))) : null;
  if (!command?.success)
    return failed("the build succeeded but its toolchain step reported no node command");
  const wanted = build.substitutions[SUBSTITUTIONS.image] ?? "";
  const pushed = build.results?.images?.find((i) => i.name === wanted);
  const image = pushed?.digest ? `${wanted}@${pushed.digest}` : wanted;
  return { ok: true, command: command.data, outDir: image, log };
}

function dataText(data: CloudBuildMessage["data"]): string {
  if (typeof data !== "string") return Buffer.from(data).toString("utf8");
  return data.trimStart().startsWith("{") ? data : Buffer.from(data, "base64").toString("utf8");
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
}
