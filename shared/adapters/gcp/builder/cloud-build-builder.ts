// The builder port on Cloud Build: packs the submission (its files, the problem's proto and
// the judge's support files) into a .tar.gz in the source bucket and starts a build of
// cloudbuild-distributed.yaml's steps. It does not wait: the build's outcome comes back
// through the `cloud-builds` topic (parseCloudBuildNotification). A submit delivered again
// while its build runs finds that build by its tag and starts no second one.
import { basename } from "node:path";
import { createHash } from "node:crypto";
import { CloudBuildClient, protos as buildProtos } from "@google-cloud/cloudbuild";
import type { Storage } from "@google-cloud/storage";
import type { ClientOptions } from "google-gax";
import { readFileSync } from "node:fs";
import type { BuildStarted } from "../../../domain/build.ts";
import type { Submission } from "../../../domain/submission.ts";
import type { Builder } from "../../../ports/builder.ts";
import { buildTag, cloudBuildRequest } from "./build-request.ts";
import { cloudBuildError } from "./errors.ts";
import { nodeImage } from "./image.ts";
import { CLOUD_BUILD_LIMITS } from "./limits.ts";
import { judgeSupportFiles } from "./support-files.ts";
import { tarGz, type TarEntry } from "./tarball.ts";
import { WORKSPACE } from "./workspace.ts";

export interface CloudBuildBuilderOptions {
  projectId: string;
  /** Bucket (name only) the source archives go to. */
  sourceBucket: string;
  /** Bucket (name only) build logs go to; build-complete reads their tails there. */
  logsBucket: string;
  /** Artifact Registry repository: "REGION-docker.pkg.dev/PROJECT/REPO". */
  imageRepository: string;
  /** The problem's .proto on this machine. */
  protoPath(problem: string): string;
  storage: Storage;
  /** The builds' service account email; default Cloud Build's own. */
  serviceAccount?: string;
  /** Options for the Cloud Build client (tests: a loopback endpoint without TLS). */
  clientOptions?: ClientOptions;
  /** Files every archive carries besides the submission's; default judgeSupportFiles(). */
  supportFiles?: () => Promise<TarEntry[]>;
}

const { Status } = buildProtos.google.devtools.cloudbuild.v1.Build;
/** A build in these states will still notify: a repeated submit waits for it. */
const RUNNING = new Set<unknown>([
  Status.PENDING,
  Status.QUEUED,
  Status.WORKING,
  "PENDING",
  "QUEUED",
  "WORKING",
]);

export class CloudBuildBuilder implements Builder<BuildStarted> {
  readonly builds: CloudBuildClient;

  constructor(private readonly opts: CloudBuildBuilderOptions) {
    this.builds = new CloudBuildClient(opts.clientOptions);
  }

  async build(s: Submission): Promise<BuildStarted> {
    const running = await this.runningBuild(s.id);
    if (running) return { started: true, buildId: running };
    const archive = await this.archive(s);
    const object = `sources/${buildTag(s.id)}-${sha256(archive).slice(0, 16)}.tar.gz`;
    const file = this.opts.storage.bucket(this.opts.sourceBucket).file(object);
    try {
      await file.save(archive, {
        resumable: false,
        contentType: "application/gzip",
        metadata: { metadata: { submissionId: s.id } },
      });
    } catch (err) {
      throw cloudBuildError(
        "upload",
        s.id,
        err,
        "roles/storage.objectCreator on the source bucket",
      );
    }
    const generation = file.metadata.generation;
    const request = cloudBuildRequest({
      projectId: this.opts.projectId,
      submissionId: s.id,
      language: s.language,
      problem: s.problem,
      image: nodeImage(this.opts.imageRepository, s.id),
      source: {
        bucket: this.opts.sourceBucket,
        object,
        generation: generation === undefined ? null : String(generation),
      },
      logsBucket: this.opts.logsBucket,
      ...(this.opts.serviceAccount ? { serviceAccount: this.opts.serviceAccount } : {}),
    });
    try {
      const [operation] = await this.builds.createBuild(request);
      const metadata =
        operation.metadata as buildProtos.google.devtools.cloudbuild.v1.IBuildOperationMetadata | null;
      const buildId = metadata?.build?.id;
      if (!buildId) throw new Error(`the operation ${operation.name} names no build`);
      return { started: true, buildId };
    } catch (err) {
      throw cloudBuildError("create", s.id, err, "roles/cloudbuild.builds.editor");
    }
  }

  async close(): Promise<void> {
    await this.builds.close();
  }

  /** The id of this submission's build that is still running, if any. */
  private async runningBuild(submissionId: string): Promise<string | null> {
    try {
      const [builds] = await this.builds.listBuilds(
        {
          projectId: this.opts.projectId,
          filter: `tags="${buildTag(submissionId)}"`,
          pageSize: CLOUD_BUILD_LIMITS.existingBuildsPageSize,
        },
        { autoPaginate: false },
      );
      return builds.find((b) => RUNNING.has(b.status))?.id ?? null;
    } catch (err) {
      throw cloudBuildError("list", submissionId, err, "roles/cloudbuild.builds.viewer");
    }
  }

  private async archive(s: Submission): Promise<Buffer> {
    const support = await (this.opts.supportFiles ?? judgeSupportFiles)();
    const files: TarEntry[] = Object.entries(s.files)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, text]) => ({ path: `${WORKSPACE.source}/${path}`, data: text }));
    const proto = {
      path: `${WORKSPACE.proto}/${basename(this.opts.protoPath(s.problem))}`,
      data: readFileSync(this.opts.protoPath(s.problem)),
    };
    return tarGz([...files, proto, ...support]);
  }
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
