// What the live suite needs to run against a real Google Cloud project, and why it skips
// when something is missing: a project id, application default credentials and terraform.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface LiveConfig {
  project: string;
  region: string | undefined;
  /** The scenarios to judge; all of the problem's when unset. */
  scenarios: string[] | undefined;
  /** Destroy everything terraform made once the test is done. */
  destroy: boolean;
}

/** Where gcloud auth application-default login leaves credentials. */
const ADC_FILE = join(homedir(), ".config", "gcloud", "application_default_credentials.json");

/** The reason the live suite cannot run here, or undefined when it can. */
export function liveSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.GOOGLE_CLOUD_PROJECT) return "GOOGLE_CLOUD_PROJECT is not set";
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (keyFile && !existsSync(keyFile))
    return `GOOGLE_APPLICATION_CREDENTIALS names ${keyFile}, which does not exist`;
  if (!keyFile && !existsSync(ADC_FILE)) {
    return `no credentials: set GOOGLE_APPLICATION_CREDENTIALS or run gcloud auth application-default login (${ADC_FILE})`;
  }
  const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" });
  if (terraform.error || terraform.status !== 0) return "terraform is not on PATH";
  return undefined;
}

export function liveConfig(env: NodeJS.ProcessEnv = process.env): LiveConfig {
  const scenarios = env.CLUSTERJUDGE_LIVE_SCENARIOS?.split(",").filter((s) => s.trim());
  return {
    project: env.GOOGLE_CLOUD_PROJECT ?? "",
    region: env.CLUSTERJUDGE_LIVE_REGION,
    scenarios: scenarios?.length ? scenarios : undefined,
    destroy: env.CLUSTERJUDGE_LIVE_DESTROY === "1",
  };
}
