// The gRPC stubs of a problem's proto, compiled once per proto: protoc with the grpc-java
// plugin writes the Java sources, javac compiles them, and the classes are kept as one jar in
// the judge's cache, named by the proto's content and the commands that made it. A build
// copies the jar beside the learner's classes (a node sees only its own folder).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { cachePathByKey } from "../../../shared/content-cache.ts";
import { runBuildTool } from "../../../shared/toolchains/build-sandbox.ts";
import type { ToolResult } from "../../../shared/toolchains/run-tool.ts";
import { ToolchainError } from "../../../shared/toolchains/types.ts";
import { javacJvmFlags, stubCompileJars } from "./classpath.ts";
import { javacBounds, javacMemoryMiB } from "./limits.ts";

export const protoc = "/usr/bin/protoc";
export const grpcJavaPlugin = "/usr/bin/grpc_java_plugin";
export const javac = "/usr/bin/javac";
const jarTool = "/usr/bin/jar";

/** The stubs jar's name in a build's output: "g_counter-stubs.jar". */
export const stubsJarName = (protoPath: string): string =>
  `${basename(protoPath, ".proto")}-stubs.jar`;

/** Copies the proto's stubs jar into outDir (compiling it first if the cache has none). */
export async function provideStubs(
  protoPath: string,
  outDir: string,
  log: string[],
): Promise<string> {
  const generate = [
    protoc,
    `-I${dirname(protoPath)}`,
    "--java_out=gen",
    "--grpc-java_out=gen",
    `--plugin=protoc-gen-grpc-java=${grpcJavaPlugin}`,
    basename(protoPath),
  ];
  const key = Buffer.concat([readFileSync(protoPath), Buffer.from(JSON.stringify(generate))]);
  const cached = cachePathByKey(`java-stubs-${basename(protoPath, ".proto")}`, "jar", key);
  if (existsSync(cached)) {
    log.push(`reused the stubs of ${basename(protoPath)} compiled earlier`);
  } else {
    await compileStubs(protoPath, generate, cached);
    log.push(`generated and compiled the stubs of ${basename(protoPath)}`);
  }
  const jar = join(outDir, stubsJarName(protoPath));
  rmSync(jar, { force: true });
  copyFileSync(cached, jar);
  return jar;
}

/**
 * Each tool in the build sandbox with the private work folder writable (and the proto
 * readable): the jar is written there, and only the judge copies it into the cache.
 */
async function compileStubs(protoPath: string, generate: string[], cached: string) {
  const work = mkdtempSync(join(tmpdir(), "java-stubs-"));
  try {
    const gen = join(work, "gen");
    const classes = join(work, "classes");
    const jar = join(work, "stubs.jar");
    const protocArgv = generate.map((a) => a.replace(/=gen$/, `=${gen}`));
    protocArgv[protocArgv.length - 1] = protoPath;
    mkdirSync(gen);
    const sandbox = { writable: [work], readable: [protoPath] };
    await must("protoc", runBuildTool(protocArgv, work, sandbox));
    const sources = javaFiles(gen);
    const compile = [javac, ...javacJvmFlags, "-nowarn", "-proc:none", "-encoding", "UTF-8"];
    const argv = [...compile, "-d", classes, "-cp", stubCompileJars.join(":"), ...sources];
    // The platform's own code, but javac on a large proto's stubs is slow on a busy machine.
    const javacRun = {
      ...sandbox,
      timeoutMs: javacBounds.timeMs,
      memoryMiB: javacMemoryMiB(javacBounds),
    };
    await must("javac", runBuildTool(argv, gen, javacRun));
    await must(
      "jar",
      runBuildTool([jarTool, "--create", "--file", jar, "-C", classes, "."], work, sandbox),
    );
    // Written beside its place, then renamed: another build may compile the same stubs.
    const temp = `${cached}.${process.pid}.tmp`;
    copyFileSync(jar, temp);
    renameSync(temp, cached);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function must(tool: string, run: Promise<ToolResult>): Promise<void> {
  const result = await run;
  if (result.timedOut) throw new ToolchainError(tool, "did not finish in time");
  if (result.code !== 0) throw new ToolchainError(tool, (result.stderr || result.stdout).trim());
}

function javaFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".java"))
    .sort();
}
