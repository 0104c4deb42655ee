// The crates every Rust node links (tokio, h2, prost ...) and the message generator
// (prost-build), compiled ONCE per Cargo.lock and rustc version into the judge's cache:
// a learner's build copies the compiled target folder and compiles only the generated crate
// and theirs. The cache folder is built aside and renamed into place, so a build that stops
// halfway leaves nothing, and two judges building it at once both end with a whole one.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CACHE_DIR } from "../../../shared/content-cache.ts";
import { runTool } from "../../../shared/toolchains/run-tool.ts";
import { ToolchainError } from "../../../shared/toolchains/types.ts";
import type { BuildBounds } from "../../../shared/toolchains/limits.ts";
import {
  cargo,
  cargoEnv,
  rustc,
  writeCargoHome,
  writeCodegen,
  writeWorkspace,
} from "./cargo-project.ts";
import { rustDependencyBounds } from "./limits.ts";

export interface RustDependencies {
  /** The judge's CARGO_HOME: Debian's crate sources, offline. */
  cargoHome: string;
  /** The workspace's Cargo.lock the dependencies were compiled for. */
  lockFile: string;
  /** The compiled target folder, to copy into a build's workspace. */
  targetDir: string;
  /** codegen <proto> <include dir> <out dir>: prost-build's messages. */
  codegen: string;
}

const cargoHome = join(CACHE_DIR, "rust-cargo-home");

/** Runs cargo within bounds (its address space and every rustc's: prlimit --as). */
export async function runCargo(args: string[], cwd: string, bounds: BuildBounds) {
  const argv = ["/usr/bin/prlimit", `--as=${bounds.memoryMiB * 2 ** 20}`, "--", cargo, ...args];
  return runTool(argv, cwd, { timeoutMs: bounds.timeMs, env: cargoEnv(cargoHome) });
}

async function cargoOrThrow(args: string[], cwd: string, what: string): Promise<void> {
  const result = await runCargo(args, cwd, rustDependencyBounds);
  if (result.timedOut) throw new ToolchainError("cargo", `${what} did not finish in time`);
  if (result.code !== 0) throw new ToolchainError("cargo", `${what}: ${result.stderr.trim()}`);
}

/** The compiled dependencies, built first if this Cargo.lock and rustc have none yet. */
export async function rustDependencies(log: string[]): Promise<RustDependencies> {
  writeCargoHome(cargoHome);
  const staging = join(CACHE_DIR, `rust-deps.${process.pid}.${Date.now()}.tmp`);
  const workspace = join(staging, "workspace");
  const codegen = join(staging, "codegen");
  writeWorkspace(workspace);
  writeCodegen(codegen);
  // Placeholders: cargo needs a target in every member to resolve or compile the workspace.
  mkdirSync(join(workspace, "rpc", "src"), { recursive: true });
  writeFileSync(join(workspace, "rpc", "src", "lib.rs"), "");
  writeFileSync(join(workspace, "node", "main.rs"), "fn main() {}\n");
  try {
    await cargoOrThrow(["generate-lockfile", "--offline"], workspace, "resolving the crates");
    await cargoOrThrow(["generate-lockfile", "--offline"], codegen, "resolving prost-build");
    const version = await runTool([rustc, "-vV"], staging);
    const key = createHash("sha256")
      .update(version.stdout)
      .update(readFileSync(join(workspace, "Cargo.lock")))
      .update(readFileSync(join(codegen, "Cargo.lock")))
      // The manifests too: a feature of tokio's changes what is compiled, not the lock.
      .update(readFileSync(join(workspace, "Cargo.toml")))
      .update(readFileSync(join(workspace, "rpc", "Cargo.toml")))
      .update(readFileSync(join(workspace, "node", "Cargo.toml")))
      .update(readFileSync(join(codegen, "Cargo.toml")))
      .update(readFileSync(join(codegen, "src", "main.rs")))
      .digest("hex")
      .slice(0, 16);
    const cached = join(CACHE_DIR, `rust-deps-${key}`);
    if (existsSync(cached)) {
      log.push(`dependencies compiled already (${cached})`);
    } else {
      const started = Date.now();
      const build = ["build", "--release", "--offline", "--locked"];
      await cargoOrThrow(build, workspace, "compiling the dependencies");
      await cargoOrThrow(build, codegen, "compiling prost-build");
      renameInto(staging, cached);
      log.push(`compiled the dependencies in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    return {
      cargoHome,
      lockFile: join(cached, "workspace", "Cargo.lock"),
      targetDir: join(cached, "workspace", "target"),
      codegen: join(cached, "codegen", "target", "release", "codegen"),
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Another judge may have put its own there meanwhile: then keep that one. */
function renameInto(staging: string, cached: string): void {
  try {
    renameSync(staging, cached);
  } catch (err) {
    if (!existsSync(cached)) throw err;
  }
}
