// The environment Terraform gives every function (terraform/functions.tf, local.function_env),
// read in one place; the Terraform test checks the two name the same variables.
/** Every environment variable the functions read, by what it holds. */
export const CLOUD_ENV = {
  project: "GOOGLE_CLOUD_PROJECT",
  /** Cloud Run's deterministic service URLs use the project's number. */
  projectNumber: "CLUSTERJUDGE_PROJECT_NUMBER",
  region: "CLUSTERJUDGE_REGION",
  /** Submissions' sources for Cloud Build, and the scenarios' evidence. */
  bucket: "CLUSTERJUDGE_BUCKET",
  /** Artifact Registry: "REGION-docker.pkg.dev/PROJECT/REPO". */
  imageRepository: "CLUSTERJUDGE_IMAGE_REPOSITORY",
  nodeServiceAccount: "CLUSTERJUDGE_NODE_SERVICE_ACCOUNT",
  /** Comma-separated: the functions' accounts that call the nodes (roles/run.invoker on each). */
  nodeInvokers: "CLUSTERJUDGE_NODE_INVOKERS",
  buildServiceAccount: "CLUSTERJUDGE_BUILD_SERVICE_ACCOUNT",
  /** The network and subnet of the nodes' Direct VPC egress. */
  vpcNetwork: "CLUSTERJUDGE_VPC_NETWORK",
  vpcSubnetwork: "CLUSTERJUDGE_VPC_SUBNETWORK",
} as const;

export type CloudEnv = Record<keyof typeof CLOUD_ENV, string>;

export class MissingEnvError extends Error {
  constructor(readonly names: string[]) {
    super(`the function's environment lacks ${names.join(", ")} (see terraform/functions.tf)`);
    this.name = "MissingEnvError";
  }
}

/** Reads every variable; throws naming all that are missing. */
export function readCloudEnv(env: NodeJS.ProcessEnv): CloudEnv {
  const entries = Object.entries(CLOUD_ENV).map(([key, name]) => [key, env[name] ?? ""]);
  const missing = Object.entries(CLOUD_ENV)
    .filter(([, name]) => !env[name])
    .map(([, name]) => name);
  if (missing.length) throw new MissingEnvError(missing);
  return Object.fromEntries(entries) as CloudEnv;
}
