// The crates every Rust node links (tokio, h2, prost ...) and the message generator
// (prost-build), compiled ONCE per Cargo.lock and rustc version into the judge's cache:
// a learner's build copies the compiled target folder and compiles only the generated crate
// and theirs. The cache folder is built aside and renamed into place, so a build that stops
// halfway leaves nothing, and two judges building it at once both end with a whole one.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CACHE_DIR } from "../../../shared/content-cache.ts";
import { runBuildTool } from "../../../shared/toolchains/build-sandbox.ts";
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
  /** The workspace's Cargo.lock the dependencies were compiled for. */
  lockFile: string;
  /** The compiled target folder, to copy into a build's workspace. */
  targetDir: string;
  /** codegen <proto> <include dir> <out dir>: prost-build's messages. */
  codegen: string;
}

/**
 * Runs cargo in the build sandbox within bounds (the memory cgroup holds cargo and every
 * rustc and build script together), with `root` (its workspace, or the folder above it) as
 * its only writable folder. Its CARGO_HOME is a fresh copy there: cargo writes its lock and
 * caches into CARGO_HOME, which no build may share with another.
 */
export async function runCargo(args: string[], cwd: string, root: string, bounds: BuildBounds) {
  const cargoHome = join(root, ".cargo-home");
  writeCargoHome(cargoHome);
  // rustc's temporary files go there too: the sandbox's /tmp is a small tmpfs.
  const tmp = join(cargoHome, "tmp");
  mkdirSync(tmp, { recursive: true });
  return runBuildTool([cargo, ...args], cwd, {
    timeoutMs: bounds.timeMs,
    memoryMiB: bounds.memoryMiB,
    env: { ...cargoEnv(cargoHome), TMPDIR: tmp },
    writable: [root],
  });
}

async function cargoOrThrow(args: string[], cwd: string, root: string, what: string) {
  const result = await runCargo(args, cwd, root, rustDependencyBounds);
  if (result.timedOut) throw new ToolchainError("cargo", `${what} did not finish in time`);
  if (result.code !== 0) throw new ToolchainError("cargo", `${what}: ${result.stderr.trim()}`);
}

export async function rustDependencies(log: string[]): Promise<RustDependencies> {
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
    // The platform's own step: the staging folder becomes the shared cache only afterwards.
    const resolve = ["generate-lockfile", "--offline"];
    await cargoOrThrow(resolve, workspace, staging, "resolving the crates");
    await cargoOrThrow(resolve, codegen, staging, "resolving prost-build");
    const version = await runBuildTool([rustc, "-vV"], staging, { writable: [staging] });
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
      await cargoOrThrow(build, workspace, staging, "compiling the dependencies");
      await cargoOrThrow(build, codegen, staging, "compiling prost-build");
      rmSync(join(staging, ".cargo-home"), { recursive: true, force: true });
      renameInto(staging, cached);
      log.push(`compiled the dependencies in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    return {
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
