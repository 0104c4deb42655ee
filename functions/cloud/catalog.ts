// Every Cloud Function of the judge: its entry point, the topics whose push subscriptions
// call it, and what its own service account may do. The bundler builds from this list and
// the Terraform test checks terraform/ against it, so the two cannot drift apart.
import { TOPICS, type Topic } from "../../shared/domain/events.ts";
import { REGISTRY } from "../../problems/registry.ts";
import { SUBMISSION_RATE_ENV } from "../api/submission-rate.ts";
import { WEB_UI_ENV } from "./web-config.ts";

/** Cloud Build publishes every build's status changes here; the name is fixed by Google. */
export const CLOUD_BUILDS_TOPIC = "cloud-builds";

/** The service accounts work runs as: the Cloud Run nodes', and Cloud Build's. */
export type RuntimeAccount = "nodes" | "builds";

export interface CloudFunctionSpec {
  /** The function's name and its bundle folder (dist/functions/<name>). */
  name: string;
  /** The name it registers with the functions framework (the deploy's entry point). */
  target: string;
  /** The entry point's source, relative to the repository. */
  entry: string;
  /** Topics delivered to it by push subscriptions; empty for a function people call. */
  topics: readonly string[];
  /** Roles on the project. */
  roles: readonly string[];
  /** Topics it publishes to (roles/pubsub.publisher on each). */
  publishes: readonly Topic[];
  /** Roles on the submissions bucket (sources, evidence). */
  bucketRoles: readonly string[];
  /** Accounts it starts work as (roles/iam.serviceAccountUser on each). */
  actsAs: readonly RuntimeAccount[];
  /** Repository files and folders it reads at run time, copied into its bundle as they are. */
  folders?: readonly string[];
  /** Ships the files Cloud Build archives carry (functions/cloud/support-files.ts). */
  buildSupport?: boolean;
  /** Environment variables it reads beyond every function's (CLOUD_ENV in env.ts). */
  env?: readonly string[];
  /** Ships the web UI's built files, which it serves (functions/cloud/web-ui.ts). */
  webUi?: boolean;
  /**
   * Calls the nodes' agents: its account is one of CLUSTERJUDGE_NODE_INVOKERS, given
   * roles/run.invoker on each node's service as the cluster is made (no project-wide role).
   */
  callsNodes?: boolean;
}

const FIRESTORE = "roles/datastore.user";
/** Deletes services (teardown): no IAM. */
const RUN_SERVICES = "roles/run.developer";
/** Makes services and sets who may call them (run.services.setIamPolicy). */
const RUN_CLUSTERS = "roles/run.admin";

export const CLOUD_FUNCTIONS: readonly CloudFunctionSpec[] = [
  {
    name: "api",
    target: "api",
    entry: "functions/cloud/api.ts",
    topics: [],
    roles: [FIRESTORE],
    publishes: [TOPICS.submit],
    bucketRoles: ["roles/storage.objectViewer"],
    actsAs: [],
    // Templates are generated from the protos, which every bundle carries.
    folders: REGISTRY.map((p) => `problems/${p.slug}/statement.md`),
    env: [...Object.values(WEB_UI_ENV), SUBMISSION_RATE_ENV],
    webUi: true,
  },
  {
    name: "submit",
    target: "submit",
    entry: "functions/cloud/submit.ts",
    topics: [TOPICS.submit],
    roles: [FIRESTORE, "roles/cloudbuild.builds.editor"],
    publishes: [TOPICS.buildComplete],
    bucketRoles: ["roles/storage.objectCreator"],
    actsAs: ["builds"],
    buildSupport: true,
  },
  {
    name: "build-complete",
    target: "buildComplete",
    entry: "functions/cloud/build-complete.ts",
    topics: [TOPICS.buildComplete, CLOUD_BUILDS_TOPIC],
    roles: [FIRESTORE],
    publishes: [TOPICS.deploy],
    bucketRoles: ["roles/storage.objectViewer"],
    actsAs: [],
  },
  {
    name: "deploy",
    target: "deploy",
    entry: "functions/cloud/deploy.ts",
    topics: [TOPICS.deploy],
    roles: [FIRESTORE, RUN_CLUSTERS],
    publishes: [TOPICS.testRunner, TOPICS.teardown],
    bucketRoles: [],
    actsAs: ["nodes"],
    callsNodes: true,
  },
  {
    name: "test-runner",
    target: "testRunner",
    entry: "functions/cloud/test-runner.ts",
    topics: [TOPICS.testRunner],
    roles: [FIRESTORE, RUN_CLUSTERS],
    publishes: [TOPICS.testRunner, TOPICS.teardown],
    bucketRoles: ["roles/storage.objectCreator"],
    actsAs: ["nodes"],
    callsNodes: true,
  },
  {
    name: "teardown",
    target: "teardown",
    entry: "functions/cloud/teardown.ts",
    topics: [TOPICS.teardown],
    roles: [FIRESTORE, RUN_SERVICES],
    publishes: [],
    bucketRoles: [],
    actsAs: [],
  },
  {
    name: "sweep",
    target: "sweep",
    entry: "functions/cloud/sweep.ts",
    topics: [TOPICS.sweep],
    roles: [FIRESTORE],
    publishes: [TOPICS.teardown],
    bucketRoles: [],
    actsAs: [],
  },
  {
    name: "dead-letter",
    target: "deadLetter",
    entry: "functions/cloud/dead-letter.ts",
    topics: [TOPICS.deadLetter],
    roles: [FIRESTORE],
    publishes: [TOPICS.teardown],
    bucketRoles: [],
    actsAs: [],
  },
];
