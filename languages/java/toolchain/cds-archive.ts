// The Class Data Sharing archive every Java node starts with: the classes a gRPC node loads
// before its first answer (grpc-java, Netty, protobuf, Guava), parsed and verified once by the
// platform's own warm-up program (warmup/Warmup.java, never the learner's code) and mapped by
// each node's JVM (-XX:SharedArchiveFile), which halves its time to the first answer on one
// core. The archive is kept in the judge's cache under the hash of the warm-up, its command,
// the JDK's version and the jars' sizes and dates (the JVM refuses an archive whose jars
// changed), and each build links it into its output folder, which a node can read.
import { copyFileSync, existsSync, linkSync, readFileSync, renameSync, rmSync } from "node:fs";
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cachePathByKey } from "../../../shared/content-cache.ts";
import { runTool } from "../../../shared/toolchains/run-tool.ts";
import { ToolchainError } from "../../../shared/toolchains/types.ts";
import { jvmFlags, runtimeJars } from "./classpath.ts";

/** The archive's name in a build's output, which the node's command names. */
export const cdsArchiveName = "jvm-classes.jsa";

const java = "/usr/bin/java";
const warmupSource = fileURLToPath(new URL("warmup/Warmup.java", import.meta.url));
/** The warm-up takes 3 to 5 s; a busy machine may take several times that. */
const warmupTimeMs = 120_000;

/** Links (or copies) the archive into outDir, dumping it first if the cache has none. */
export async function provideCdsArchive(outDir: string, log: string[]): Promise<void> {
  const version = await runTool([java, "-version"], outDir);
  if (version.code !== 0) throw new ToolchainError(java, version.stderr.trim());
  const jars = runtimeJars.map((jar) => {
    const { size, mtimeMs } = statSync(jar);
    return `${jar} ${size} ${mtimeMs}`;
  });
  const identity = JSON.stringify({ jvmFlags, jars, java: version.stderr });
  const key = Buffer.concat([readFileSync(warmupSource), Buffer.from(identity)]);
  const cached = cachePathByKey("java-cds", "jsa", key);
  if (existsSync(cached)) {
    log.push("reused the JVM's class data sharing archive dumped earlier");
  } else {
    await dumpArchive(cached);
    log.push("dumped the JVM's class data sharing archive of grpc-java, Netty and protobuf");
  }
  const archive = join(outDir, cdsArchiveName);
  rmSync(archive, { force: true });
  try {
    linkSync(cached, archive);
  } catch {
    copyFileSync(cached, archive); // the cache is on another file system
  }
}

/** Runs the warm-up (java's source launcher) with the node's flags and classpath. */
async function dumpArchive(cached: string): Promise<void> {
  // Written beside its place, then renamed: another build may dump the same archive.
  const temp = `${cached}.${process.pid}.tmp`;
  const argv = [
    java,
    ...jvmFlags,
    `-XX:ArchiveClassesAtExit=${temp}`,
    "-cp",
    runtimeJars.join(":"),
    warmupSource,
  ];
  try {
    const result = await runTool(argv, dirname(warmupSource), { timeoutMs: warmupTimeMs });
    if (result.timedOut) throw new ToolchainError(java, "the CDS warm-up did not finish in time");
    if (result.code !== 0 || !existsSync(temp))
      throw new ToolchainError(java, (result.stderr || result.stdout).trim());
    renameSync(temp, cached);
  } finally {
    rmSync(temp, { force: true });
  }
}
