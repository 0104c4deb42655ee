// rustc's errors, as cargo prints them with --message-format=json, turned into diagnostics on
// the submission's files (paths relative to it). A path into a crate the platform cannot give
// says which crates there are.
import { z } from "zod";
import {
  ToolchainError,
  diagnostic,
  type BuildDiagnostic,
} from "../../../shared/toolchains/types.ts";
import { availableCrates } from "./cargo-project.ts";

const span = z.object({
  file_name: z.string(),
  line_start: z.number().int(),
  column_start: z.number().int(),
  is_primary: z.boolean(),
});

const compilerMessage = z.object({
  reason: z.literal("compiler-message"),
  message: z.object({
    message: z.string(),
    level: z.string(),
    code: z.object({ code: z.string() }).nullable(),
    spans: z.array(span),
  }),
});

/** Paths every crate may start from without a dependency. */
const builtin = new Set(["std", "core", "alloc", "crate", "self", "super", "Self"]);

export const unavailableCrate = (name: string): string =>
  `\`${name}\` is not a crate the platform provides: a node may use std, ${availableCrates
    .filter((c) => c !== "rpc")
    .join(
      ", ",
    )}, rpc (the platform's crate: the proto's messages and services, and rpc::grpc) and its own modules`;

/** E0432 unresolved import, E0433 failed to resolve, E0463 can't find crate. */
const resolutionErrors = new Set(["E0432", "E0433", "E0463"]);

function explained(message: string, code: string | null): string {
  if (!code || !resolutionErrors.has(code)) return message;
  const name = /`(?:::)?([A-Za-z_][A-Za-z0-9_]*)/.exec(message)?.[1];
  if (!name || builtin.has(name) || (availableCrates as readonly string[]).includes(name))
    return message;
  return `${message}: ${unavailableCrate(name)}`;
}

/**
 * The errors among cargo's JSON lines; `member` is the submission's folder in the workspace
 * ("node"), whose files rustc names relative to the workspace.
 */
export function rustDiagnostics(cargoStdout: string, member: string): BuildDiagnostic[] {
  const out: BuildDiagnostic[] = [];
  for (const line of cargoStdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    let parsed;
    try {
      parsed = compilerMessage.safeParse(JSON.parse(line));
    } catch {
      continue;
    }
    if (!parsed.success || parsed.data.message.level !== "error") continue;
    const { message, code, spans } = parsed.data.message;
    const text = explained(message, code?.code ?? null);
    const at = spans.find((s) => s.is_primary && s.file_name.startsWith(`${member}/`));
    // The platform's crate does not compile: the platform's fault, whatever the submission.
    if (!at && spans.some((s) => s.is_primary && s.file_name.startsWith("rpc/")))
      throw new ToolchainError("rustc", `the generated crate rpc: ${message}`);
    out.push(
      at
        ? diagnostic(at.file_name.slice(member.length + 1), text, at.line_start, at.column_start)
        : diagnostic(".", text),
    );
  }
  // "aborting due to N previous errors" says nothing the others did not.
  return out.filter((d) => !/^aborting due to/.test(d.message));
}
