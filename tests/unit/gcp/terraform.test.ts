// terraform/ against the code: every topic (TOPICS), function bundle (the build script's
// list), push delivery and role (the function catalog) and environment variable (CLOUD_ENV)
// the code uses is declared, and nothing declared goes unused. Parsed with @cdktf/hcl2json.
// The layout is checked by `terraform fmt -check` itself (skipped, by name, without the
// binary; `terraform validate` would need providers downloaded, which is not done here).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, it } from "vitest";
import { parse } from "@cdktf/hcl2json";
import { CLOUD_BUILDS_TOPIC, CLOUD_FUNCTIONS } from "../../../functions/cloud/catalog.ts";
import { CLOUD_ENV } from "../../../functions/cloud/env.ts";
import { PUSH_ENV } from "../../../functions/cloud/push-auth.ts";
import { SUBMISSION_RATE_ENV } from "../../../functions/api/submission-rate.ts";
import { PIPELINE_LIMITS, RATE_LIMITS } from "../../../shared/domain/limits.ts";
import { FUNCTION_BUNDLES } from "../../../scripts/build-functions.ts";
import { defaultSubscriptionName } from "../../../shared/adapters/gcp/bus/index.ts";
import { TOPICS } from "../../../shared/domain/events.ts";
import { skipIf } from "../../support/skip.ts";

const DIR = new URL("../../../terraform/", import.meta.url).pathname;

interface TfFunction {
  target: string;
  roles: string[];
  publishes: string[];
  bucket_roles: string[];
  act_as: string[];
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("terraform/", () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".tf"));
  const texts = Object.fromEntries(files.map((f) => [f, readFileSync(join(DIR, f), "utf8")]));
  const all = Object.values(texts).join("\n");
  let locals: Json = {};
  const resources: Json = {};
  const data: Json = {};
  let variables: Json = {};
  let outputs: Json = {};

  beforeAll(async () => {
    for (const [file, text] of Object.entries(texts)) {
      const parsed = await parse(file, text);
      for (const block of parsed.locals ?? []) locals = { ...locals, ...block };
      for (const [type, byName] of Object.entries(parsed.resource ?? {})) {
        resources[type] = { ...resources[type], ...(byName as Json) };
      }
      for (const [type, byName] of Object.entries(parsed.data ?? {})) {
        data[type] = { ...data[type], ...(byName as Json) };
      }
      variables = { ...variables, ...(parsed.variable ?? {}) };
      outputs = { ...outputs, ...(parsed.output ?? {}) };
    }
  });

  const resource = (type: string, name: string): Json => {
    const found = resources[type]?.[name]?.[0];
    assert.ok(found, `resource ${type}.${name} is declared`);
    return found;
  };

  it("declares a topic for each pipeline event, and no other", () => {
    assert.deepEqual([...locals.pipeline_topics].sort(), Object.values(TOPICS).sort());
    assert.equal(
      resource("google_pubsub_topic", "pipeline").for_each,
      "${toset(local.pipeline_topics)}",
    );
    assert.equal(resource("google_pubsub_topic", "cloud_builds").name, CLOUD_BUILDS_TOPIC);
  });

  it("pushes each topic to the function the catalog says consumes it, with a dead-letter policy", () => {
    const expected = Object.fromEntries(
      CLOUD_FUNCTIONS.flatMap((f) => f.topics.map((t) => [t, f.name])),
    );
    assert.deepEqual(locals.deliveries, expected);
    const push = resource("google_pubsub_subscription", "push");
    assert.equal(push.for_each, "${local.deliveries}");
    assert.equal(push.name, `\${each.key}${defaultSubscriptionName("")}`, "the bus's names");
    assert.ok(push.dead_letter_policy?.[0]?.dead_letter_topic);
    assert.ok(push.retry_policy?.[0]?.minimum_backoff);
    for (const parked of locals.parked) assert.ok(parked in expected, `${parked} is delivered`);
  });

  it("declares every function bundle with its entry point, roles and service account", () => {
    assert.deepEqual(Object.keys(locals.functions).sort(), [...FUNCTION_BUNDLES].sort());
    for (const spec of CLOUD_FUNCTIONS) {
      const fn = locals.functions[spec.name] as TfFunction;
      assert.equal(fn.target, spec.target, spec.name);
      const same = (tf: string[], code: readonly string[], what: string) =>
        assert.deepEqual([...tf].sort(), [...code].sort(), `${spec.name}'s ${what}`);
      same(fn.roles, spec.roles, "project roles");
      same(fn.publishes, spec.publishes, "topics to publish to");
      same(fn.bucket_roles, spec.bucketRoles, "bucket roles");
      same(fn.act_as, spec.actsAs, "runtime accounts");
      for (const runtime of fn.act_as) assert.ok(runtime in locals.runtime_accounts, runtime);
    }
    assert.equal(data.archive_file.bundle[0].for_each, "${local.functions}");
    assert.match(
      data.archive_file.bundle[0].source_dir,
      /\$\{var\.bundles_dir\}\/\$\{each\.key\}$/,
    );
    const fn = resource("google_cloudfunctions2_function", "function");
    assert.equal(fn.for_each, "${local.functions}");
    assert.equal(fn.build_config[0].entry_point, "${each.value.target}");
    assert.equal(
      fn.service_config[0].service_account_email,
      "${google_service_account.function[each.key].email}",
    );
    assert.equal(resource("google_service_account", "function").for_each, "${local.functions}");
    assert.equal(
      resource("google_project_iam_member", "function").for_each,
      "${local.function_project_roles}",
    );
  });

  it("gives every function exactly the environment the code reads", () => {
    assert.deepEqual(Object.keys(locals.function_env).sort(), Object.values(CLOUD_ENV).sort());
    for (const spec of CLOUD_FUNCTIONS) {
      const own = Object.keys(locals.functions[spec.name].env ?? {}).sort();
      assert.deepEqual(own, [...(spec.env ?? [])].sort(), `${spec.name}'s own variables`);
    }
    const fn = resource("google_cloudfunctions2_function", "function");
    assert.equal(
      fn.service_config[0].environment_variables,
      "${merge(local.function_env, each.value.env, lookup(local.push_env, each.key, {}))}",
    );
    assert.equal(
      locals.functions.api.env[SUBMISSION_RATE_ENV],
      "${var.submissions_per_hour}",
      "the api's submission rate",
    );
    assert.equal(variables.submissions_per_hour[0].default, String(RATE_LIMITS.submissionsPerHour));
  });

  it("gives every step function, and only those, its push identity to check", () => {
    const pushEnv = String(locals.push_env);
    assert.match(
      pushEnv,
      /^\$\{\{\s*for name in distinct\(values\(local\.deliveries\)\) : name => \{/,
    );
    const names = [...pushEnv.matchAll(/^\s*([A-Z_]+)\s*=/gm)].map((m) => m[1]);
    assert.deepEqual(names.sort(), Object.values(PUSH_ENV).sort());
    assert.match(pushEnv, /CLUSTERJUDGE_PUSH_AUDIENCE\s+= local\.function_urls\[name\]/);
    assert.match(
      pushEnv,
      /CLUSTERJUDGE_PUSH_SERVICE_ACCOUNT = google_service_account\.pusher\.email/,
    );
    // Each function's URL is Cloud Run's deterministic one for the function's own name.
    const fn = resource("google_cloudfunctions2_function", "function");
    assert.equal(fn.name, "${var.name}-${each.key}");
    assert.match(
      String(locals.function_urls),
      /for name in keys\(local\.functions\) : name => "https:\/\/\$\{var\.name\}-\$\{name\}-\$\{data\.google_project\.this\.number\}\.\$\{var\.region\}\.run\.app"/,
    );
  });

  it("pushes with an OIDC token of the pusher account, for the function's URL", () => {
    const push = resource("google_pubsub_subscription", "push");
    const config = push.push_config[0];
    assert.equal(config.push_endpoint, "${local.function_urls[each.value]}");
    assert.deepEqual(config.oidc_token, [
      {
        service_account_email: "${google_service_account.pusher.email}",
        audience: "${local.function_urls[each.value]}",
      },
    ]);
    const invoker = resource("google_cloud_run_v2_service_iam_member", "pusher");
    assert.equal(invoker.role, "roles/run.invoker");
    assert.equal(invoker.member, "serviceAccount:${google_service_account.pusher.email}");
    assert.equal(invoker.for_each, "${toset(values(local.deliveries))}");
  });

  it("gives the nodes' account no project role, and no function a project-wide run.invoker", () => {
    for (const [name, decls] of Object.entries(resources.google_project_iam_member ?? {})) {
      const member = String((decls as Json[])[0]?.member);
      assert.doesNotMatch(
        member,
        /google_service_account\.nodes\b/,
        `${name} grants the nodes a role`,
      );
    }
    for (const spec of CLOUD_FUNCTIONS) {
      assert.ok(
        !spec.roles.includes("roles/run.invoker"),
        `${spec.name}: invoker per node service`,
      );
    }
    // Who may call a node's service instead: the nodes and these functions, set per service.
    const callers = CLOUD_FUNCTIONS.filter((f) => f.callsNodes).map((f) => f.name);
    assert.deepEqual([...locals.node_callers].sort(), callers.sort());
    assert.equal(
      locals.function_env.CLUSTERJUDGE_NODE_INVOKERS,
      '${join(",", [for name in local.node_callers : google_service_account.function[name].email])}',
    );
    for (const name of callers) {
      const roles = locals.functions[name].roles as string[];
      assert.ok(roles.includes("roles/run.admin"), `${name} sets the node services' invokers`);
    }
  });

  it("times out each step's function at the bound a local step has (PIPELINE_LIMITS.stepTimeMs)", () => {
    // A build, a deploy or a scenario may take as long in the cloud as locally, no longer:
    // the functions that take a step's message are the cloud's form of that bound.
    const steps = new Set<string>([
      TOPICS.submit,
      TOPICS.buildComplete,
      TOPICS.deploy,
      TOPICS.testRunner,
      TOPICS.teardown,
    ]);
    const stepFunctions = CLOUD_FUNCTIONS.filter((f) => f.topics.some((t) => steps.has(t)));
    assert.equal(stepFunctions.length, steps.size, "one function a step");
    for (const f of stepFunctions) {
      assert.equal(
        locals.functions[f.name]?.timeout_seconds * 1000,
        PIPELINE_LIMITS.stepTimeMs,
        `${f.name}'s timeout`,
      );
    }
  });

  it("sweeps on a schedule, through the sweep topic", () => {
    const job = resource("google_cloud_scheduler_job", "sweep");
    const topic = /google_pubsub_topic\.pipeline\["([^"]+)"\]/.exec(
      job.pubsub_target[0].topic_name,
    )?.[1];
    assert.ok(topic && locals.pipeline_topics.includes(topic), `the scheduler's topic ${topic}`);
  });

  it("uses every variable, local and data source it declares, and reads only files that exist", () => {
    for (const name of Object.keys(variables))
      assert.match(all, new RegExp(`var\\.${name}\\b`), `var.${name}`);
    for (const name of Object.keys(locals))
      assert.match(all, new RegExp(`local\\.${name}\\b`), `local.${name}`);
    for (const [type, byName] of Object.entries(data)) {
      for (const name of Object.keys(byName as Json)) {
        assert.match(all, new RegExp(`data\\.${type}\\.${name}\\b`), `data.${type}.${name}`);
      }
    }
    for (const [variable, decl] of Object.entries(variables)) {
      assert.ok((decl as Json[])[0]?.description, `variable ${variable} is documented`);
    }
    for (const [output, decl] of Object.entries(outputs)) {
      assert.ok((decl as Json[])[0]?.description, `output ${output} is documented`);
    }
    for (const m of all.matchAll(/file\("\$\{path\.module\}\/([^"]+)"\)/g)) {
      assert.ok(existsSync(resolve(DIR, m[1]!)), `${m[1]} exists`);
    }
  });

  it(
    "is laid out as terraform fmt writes it",
    skipIf(terraformOnPath() ? false : "no terraform binary on PATH"),
    () => {
      const run = spawnSync("terraform", ["fmt", "-check", "-diff", "-recursive", DIR], {
        encoding: "utf8",
      });
      assert.equal(run.status, 0, `terraform fmt -check:\n${run.stdout}${run.stderr}`);
    },
  );
});

function terraformOnPath(): boolean {
  return spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;
}
