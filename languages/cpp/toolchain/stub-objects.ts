// The generated stubs of a proto, compiled once per content: protoc writes them to a private
// folder (so no learner's file can shadow a header they include), their object files are kept
// under the content cache by a hash of the generated sources and the flags, and every later
// build with the same proto links those. Compiling the grpc stub takes most of a cold build.
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { CACHE_DIR } from "../../../shared/content-cache.ts";
import { runBuildTool } from "../../../shared/toolchains/build-sandbox.ts";
import { ToolchainError } from "../../../shared/toolchains/types.ts";
import { cppStandardFlags, generatedHeaders, generatedSources, gxx } from "../compiler.ts";
import { cppCompileBounds } from "./limits.ts";

const protoc = "/usr/bin/protoc";
const grpcCppPlugin = "/usr/bin/grpc_cpp_plugin";
/** The grpc stub alone needs about 7 s of one idle core; generous for a busy machine. */
const stubCompileTimeoutMs = 300_000;
/** g++ on the grpc stub: 340 MiB peak RSS measured; bounded as a learner's file is (limits.ts). */
const stubCompileMemoryMiB = cppCompileBounds.memoryMiB;

/**
 * Generates the stubs of `protoPath`, copies their headers into `outDir` (where the learner's
 * files include them) and returns their object files, compiled now or by an earlier build.
 */
export async function buildStubs(
  protoPath: string,
  cflags: string[],
  outDir: string,
  log: string[],
): Promise<string[]> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const gen = mkdtempSync(join(CACHE_DIR, "cpp-gen-"));
  try {
    await generate(protoPath, gen);
    const protoFile = basename(protoPath);
    const sources = generatedSources(protoFile);
    const headers = generatedHeaders(protoFile);
    const hash = createHash("sha256").update(JSON.stringify([cppStandardFlags, cflags]));
    for (const f of [...sources, ...headers]) hash.update(f).update(readFileSync(join(gen, f)));
    const cached = join(CACHE_DIR, `cpp-stubs-${hash.digest("hex").slice(0, 16)}`);
    const objects = sources.map((s) => join(cached, `${s}.o`));
    if (objects.every((o) => existsSync(o))) {
      log.push(`reused the compiled stubs of ${protoFile} (${cached})`);
    } else {
      const started = Date.now();
      // Both compiles read the generated files as others (each has a uid of its own).
      chmodSync(gen, 0o755);
      await Promise.all(sources.map((s) => compileStub(gen, s, cflags)));
      // Rename the folder whole: another build may have compiled the same stubs meanwhile.
      mkdirSync(join(gen, "objects"), { recursive: true });
      for (const s of sources)
        renameSync(join(stubOutDir(gen, s), `${s}.o`), join(gen, "objects", `${s}.o`));
      publish(join(gen, "objects"), cached);
      log.push(
        `compiled the stubs of ${protoFile} in ${Date.now() - started} ms, kept for later builds`,
      );
    }
    for (const h of headers) copyFileSync(join(gen, h), join(outDir, h));
    return objects;
  } finally {
    rmSync(gen, { recursive: true, force: true });
  }
}

function publish(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if (!existsSync(to)) throw err;
  }
}

async function generate(protoPath: string, gen: string): Promise<void> {
  const argv = [
    protoc,
    `-I${dirname(protoPath)}`,
    `--cpp_out=${gen}`,
    `--grpc_out=${gen}`,
    `--plugin=protoc-gen-grpc=${grpcCppPlugin}`,
    protoPath,
  ];
  // The private folder (0700) is the tool's; the proto alone is readable.
  const result = await runBuildTool(argv, gen, { writable: [gen], readable: [protoPath] });
  if (result.timedOut) throw new ToolchainError("protoc", "did not finish in time");
  if (result.code !== 0) throw new ToolchainError("protoc", result.stderr.trim());
}

/** Each stub's object is written in a folder of its own: the compiles run at once. */
const stubOutDir = (gen: string, source: string): string => join(gen, `out-${source}`);

/** The platform's own step: the private folder it writes becomes the cache only afterwards. */
async function compileStub(gen: string, source: string, cflags: string[]): Promise<void> {
  const object = join(stubOutDir(gen, source), `${source}.o`);
  const argv = [gxx, ...cppStandardFlags, ...cflags, "-I.", "-c", source, "-o", object];
  const result = await runBuildTool(argv, gen, {
    timeoutMs: stubCompileTimeoutMs,
    memoryMiB: stubCompileMemoryMiB,
    writable: [stubOutDir(gen, source)],
    env: { TMPDIR: stubOutDir(gen, source) }, // the sandbox's /tmp is a small tmpfs
    readable: [gen],
  });
  if (result.timedOut) throw new ToolchainError(gxx, `compiling ${source} did not finish in time`);
  if (result.code !== 0) throw new ToolchainError(gxx, `${source}: ${result.stderr.trim()}`);
}
