// Every Cloud Function of the judge: its entry point, the topics whose push subscriptions
// call it, and the roles its own service account needs. The bundler builds from this list
// and the Terraform test checks terraform/ against it, so the two cannot drift apart.
import { TOPICS } from "../../shared/domain/events.ts";

/** Cloud Build publishes every build's status changes here; the name is fixed by Google. */
export const CLOUD_BUILDS_TOPIC = "cloud-builds";

export interface CloudFunctionSpec {
  /** The function's name and its bundle folder (dist/functions/<name>). */
  name: string;
  /** The name it registers with the functions framework (the deploy's entry point). */
  target: string;
  /** The entry point's source, relative to the repository. */
  entry: string;
  /** Topics delivered to it by push subscriptions; empty for a function people call. */
  topics: readonly string[];
  /**
   * Roles of its service account. roles/iam.serviceAccountUser is granted on the service
   * accounts it runs work as (Cloud Build's, the nodes'), every other role on the project.
   */
  roles: readonly string[];
}

const FIRESTORE = "roles/datastore.user";
const PUBLISH = "roles/pubsub.publisher";
const RUN_SERVICES = "roles/run.developer";
const CALL_AGENTS = "roles/run.invoker";
const ACT_AS = "roles/iam.serviceAccountUser";

export const CLOUD_FUNCTIONS: readonly CloudFunctionSpec[] = [
  {
    name: "api",
    target: "api",
    entry: "functions/cloud/api.ts",
    topics: [],
    roles: [FIRESTORE, PUBLISH, "roles/storage.objectViewer"],
  },
  {
    name: "submit",
    target: "submit",
    entry: "functions/cloud/submit.ts",
    topics: [TOPICS.submit],
    roles: [
      FIRESTORE,
      PUBLISH,
      "roles/cloudbuild.builds.editor",
      "roles/storage.objectCreator",
      ACT_AS,
    ],
  },
  {
    name: "build-complete",
    target: "buildComplete",
    entry: "functions/cloud/build-complete.ts",
    topics: [TOPICS.buildComplete, CLOUD_BUILDS_TOPIC],
    roles: [FIRESTORE, PUBLISH, "roles/cloudbuild.builds.viewer", "roles/storage.objectViewer"],
  },
  {
    name: "deploy",
    target: "deploy",
    entry: "functions/cloud/deploy.ts",
    topics: [TOPICS.deploy],
    roles: [FIRESTORE, PUBLISH, RUN_SERVICES, CALL_AGENTS, ACT_AS],
  },
  {
    name: "test-runner",
    target: "testRunner",
    entry: "functions/cloud/test-runner.ts",
    topics: [TOPICS.testRunner],
    roles: [FIRESTORE, PUBLISH, RUN_SERVICES, CALL_AGENTS, ACT_AS, "roles/storage.objectCreator"],
  },
  {
    name: "teardown",
    target: "teardown",
    entry: "functions/cloud/teardown.ts",
    topics: [TOPICS.teardown],
    roles: [FIRESTORE, RUN_SERVICES],
  },
  {
    name: "dead-letter",
    target: "deadLetter",
    entry: "functions/cloud/dead-letter.ts",
    topics: [TOPICS.deadLetter],
    roles: [FIRESTORE, PUBLISH],
  },
];
