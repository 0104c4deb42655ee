// Builds a Java submission: copies it, provides the proto's stubs as a jar (stubs.ts, compiled
// once per proto), compiles every .java file with Debian's javac against the stubs and
// Debian's grpc-java jars, links in the platform's class data sharing archive (cds-archive.ts)
// and checks that Main is in the default package. The node runs as `java <flags>
// -XX:SharedArchiveFile=jvm-classes.jsa -cp <jars>:<stubs>:classes Main` in the output folder:
// Debian's jars come first because the JVM maps the archive only when the classpath it was
// dumped with (the jars) begins the node's.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { copySubmission, openSubmission } from "../../../shared/toolchains/submission-files.ts";
import { runBuildTool } from "../../../shared/toolchains/build-sandbox.ts";
import { diagnosticsMax, type BuildBounds } from "../../../shared/toolchains/limits.ts";
import {
  ToolchainError,
  diagnostic,
  type BuildDiagnostic,
  type BuildOutput,
  type BuildRequest,
} from "../../../shared/toolchains/types.ts";
import { java } from "../language.ts";
import { cdsArchiveName, provideCdsArchive } from "./cds-archive.ts";
import { javacJvmFlags, jvmFlags, runtimeJars } from "./classpath.ts";
import { readJavacReport } from "./javac-diagnostics.ts";
import { javacBounds, javacMemoryMiB } from "./limits.ts";
import { javac, provideStubs, stubsJarName } from "./stubs.ts";

export const javaRuntime = "/usr/bin/java";
const entryPoint = java.entryFile;
const mainClass = "Main";
const classesDir = "classes";
/** Warnings kept in the build log; the count says how many more there were. */
const warningsLogged = 20;

export async function buildJava(
  req: BuildRequest,
  bounds: BuildBounds = javacBounds,
): Promise<BuildOutput> {
  const opened = openSubmission(
    req.srcDir,
    entryPoint,
    `the node starts with \`java ${mainClass}\`, the class of ${entryPoint}`,
  );
  if (!opened.ok) return opened;
  const { files, log } = opened;
  mkdirSync(req.outDir, { recursive: true });
  copySubmission(req.srcDir, req.outDir, files);
  log.push(`copied ${files.length} files`);

  await provideStubs(req.protoPath, req.outDir, log);
  const libraries = [stubsJarName(req.protoPath), ...runtimeJars];
  const sources = files.filter((f) => f.endsWith(".java"));
  const diagnostics = await compile(req.outDir, sources, libraries.join(":"), bounds, log);
  if (diagnostics.length > 0) return { ok: false, diagnostics, log };
  if (!existsSync(join(req.outDir, classesDir, `${mainClass}.class`))) {
    const message = `${entryPoint} must declare the class ${mainClass} in the default package (no package line): the node starts with \`java ${mainClass}\``;
    return { ok: false, diagnostics: [diagnostic(entryPoint, message)], log };
  }
  log.push(`compiled ${sources.length} .java files with ${javac}`);
  await provideCdsArchive(req.outDir, log);
  const classpath = [...runtimeJars, stubsJarName(req.protoPath), classesDir].join(":");
  const archive = `-XX:SharedArchiveFile=${cdsArchiveName}`;
  return {
    ok: true,
    command: {
      argv: [javaRuntime, ...jvmFlags, archive, "-cp", classpath, mainClass],
      cwd: req.outDir,
    },
    outDir: req.outDir,
    log,
  };
}

/** Runs javac within its bounds; what it reports of the learner's code is diagnostics. */
async function compile(
  outDir: string,
  sources: string[],
  classpath: string,
  bounds: BuildBounds,
  log: string[],
): Promise<BuildDiagnostic[]> {
  rmSync(join(outDir, classesDir), { recursive: true, force: true });
  const argv = [
    javac,
    `-J-Xmx${bounds.memoryMiB}m`,
    ...javacJvmFlags,
    "-Xlint",
    "-Xmaxerrs",
    String(diagnosticsMax),
    "-proc:none", // no annotation processor runs: a build runs nothing
    "-implicit:none",
    "-sourcepath",
    "",
    "-encoding",
    "UTF-8",
    "-d",
    classesDir,
    "-cp",
    classpath,
    ...sources,
  ];
  // The output folder holds the copy, the stubs jar and classes/: javac's to read and write.
  const result = await runBuildTool(argv, outDir, {
    timeoutMs: bounds.timeMs,
    memoryMiB: javacMemoryMiB(bounds),
    writable: [outDir],
  });
  if (result.timedOut) return [diagnostic(".", javacMessages.time(bounds.timeMs / 1000))];
  const report = readJavacReport(result.stderr + result.stdout);
  for (const w of report.warnings.slice(0, warningsLogged))
    log.push(`warning: ${w.file}:${w.line ?? "?"}: ${w.message}`);
  if (report.warnings.length > warningsLogged)
    log.push(`and ${report.warnings.length - warningsLogged} more warnings`);
  if (result.code === 0) return [];
  // The heap bound is the learner's diagnostic; the cgroup's kill (signal) is the same bound
  // reached outside the heap.
  if (/OutOfMemoryError/.test(result.stderr) || result.signal === "SIGKILL")
    return [diagnostic(".", javacMessages.memory(bounds.memoryMiB))];
  if (/StackOverflowError/.test(result.stderr)) return [diagnostic(".", javacMessages.tooDeep)];
  if (report.errors.length > 0) return report.errors.slice(0, diagnosticsMax);
  throw new ToolchainError(javac, result.stderr.trim() || `exit ${result.code}`);
}

/** What a bound hit says, for the learner and the tests. */
export const javacMessages = {
  time: (seconds: number) =>
    `javac did not finish within ${seconds} s (the time bound of a Java build): shorten or split your longest expressions and files`,
  memory: (mib: number) =>
    `javac needed more than ${mib} MiB of memory (the memory bound of a Java build): shorten or split your longest expressions and files`,
  tooDeep:
    "too deeply nested for javac (its stack ran out): split your longest or most deeply nested expression",
};
