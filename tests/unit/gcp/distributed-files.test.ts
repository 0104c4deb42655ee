// The files that build and run the node image outside the judge's code: cloudbuild-
// distributed.yaml must be what `npm run gen:cloudbuild` makes of the Cloud Build builder's
// request, the Dockerfiles (languages/<name>/node.Dockerfile) must put the agent in front of the node, and scripts/compose.ts must wire each problem's agents as
// the Cloud Run cluster does. No Docker engine here: their structure is checked.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { describe, test } from "vitest";
import { fileURLToPath } from "node:url";
import { agentConfigSchema } from "../../../shared/agent/config.ts";
import {
  BUILD_STEPS,
  SUBSTITUTIONS,
  cloudBuildRequest,
} from "../../../shared/adapters/gcp/builder/index.ts";
import {
  AGENT_CONFIG_ENV,
  IMAGE_PATHS,
  NODE_USER,
  agentConfig,
} from "../../../shared/adapters/gcp/cluster/index.ts";
import { REGISTRY } from "../../../problems/registry.ts";
import { LANGUAGES } from "../../../languages/registry.ts";
import { composeFile } from "../../../scripts/compose.ts";
import { CLOUDBUILD_YAML, cloudBuildYaml } from "../../../scripts/cloudbuild-yaml.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
// js-yaml is in node_modules through eslint (not a dependency of ours); a test may read with it.
const yaml = createRequire(import.meta.url)("js-yaml") as { load(text: string): unknown };

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed YAML documents */
function readYaml(path: string): any {
  return yaml.load(readFileSync(join(repoRoot, path), "utf8"));
}

/** Compose's `${NAME:-default}` with every variable unset: the defaults; `$$` is a `$`. */
function withDefaults(text: string): string {
  return text.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, "$1").replaceAll("$$", "$");
}

describe("cloudbuild-distributed.yaml", () => {
  const file = readYaml("cloudbuild-distributed.yaml");
  const sent = cloudBuildRequest({
    projectId: "p",
    submissionId: "s1",
    language: "python",
    problem: "raft",
    image: "img",
    source: { bucket: "b", object: "o", generation: null },
    logsBucket: "logs",
  }).build!;

  test("it is the generated file: run `npm run gen:cloudbuild` after changing the steps", () => {
    assert.equal(readFileSync(CLOUDBUILD_YAML, "utf8"), cloudBuildYaml());
  });

  test("its steps read back as exactly the ones the builder sends", () => {
    assert.deepEqual(file.steps, JSON.parse(JSON.stringify(BUILD_STEPS)));
    assert.deepEqual(
      file.steps.map((s: { id: string }) => s.id),
      ["toolchain", "image"],
    );
  });

  test("validate and stubs with the toolchain, image from the language's Dockerfile, pushed", () => {
    const [toolchain, image] = file.steps;
    assert.equal(toolchain.name, "node:20-slim");
    assert.match(toolchain.args[1], /python3-grpcio/);
    assert.match(toolchain.args[1], /node judge\/toolchain-step\.mjs "\$\{_LANGUAGE\}"/);
    assert.deepEqual(image.args.slice(0, 3), [
      "build",
      "--file",
      "docker/node-${_LANGUAGE}.Dockerfile",
    ]);
    assert.deepEqual(file.images, ["${_IMAGE}"]);
    assert.deepEqual(sent.images, file.images);
  });

  test("its substitutions are the ones the builder sets, and every one is used (MUST_MATCH)", () => {
    const keys = Object.values(SUBSTITUTIONS).sort();
    assert.deepEqual(Object.keys(file.substitutions).sort(), keys);
    assert.deepEqual(Object.keys(sent.substitutions!).sort(), keys);
    const used = JSON.stringify([file.steps, file.images]);
    for (const key of keys) assert.ok(used.includes(`\${${key}}`), `${key} is used`);
    assert.deepEqual(file.options, sent.options);
    assert.equal(file.timeout, `${sent.timeout!.seconds}s`);
  });
});

describe("Dockerfiles", () => {
  for (const language of LANGUAGES) {
    test(`${language}: the user's build, the proto and the agent, the agent as entrypoint`, () => {
      const text = readFileSync(join(repoRoot, `languages/${language}/node.Dockerfile`), "utf8");
      const lines = text.split("\n").filter((l) => l && !l.startsWith("#"));
      assert.ok(lines.includes("COPY build/ /app/"));
      assert.ok(lines.includes(`COPY proto/ ${IMAGE_PATHS.protoDir}/`));
      assert.ok(lines.includes(`COPY judge/agent.cjs ${IMAGE_PATHS.agentCommand[1]}`));
      const entrypoint = lines.at(-1)?.match(/^ENTRYPOINT (.*)$/)?.[1];
      assert.deepEqual(JSON.parse(entrypoint ?? "null"), IMAGE_PATHS.agentCommand);
      // The agent is root, to start the node as nobody (its sandbox prefix, below).
      assert.ok(!/^USER /m.test(text), "no USER: the agent must be able to drop the node");
      // Every runtime is Debian bookworm's (node:20-slim is bookworm too): the release whose
      // packages the toolchain step built against, and whose util-linux has setpriv.
      const base = lines.filter((l) => l.startsWith("FROM ")).at(-1) ?? "";
      assert.match(base, /^FROM (node:20-slim|debian:bookworm-slim)( |$)/);
      if (language === "python") assert.match(text, /python3-grpcio/);
      if (language === "cpp") assert.match(text, /libgrpc\+\+1\.51 libprotobuf32/);
    });
  }

  test("the node is started as nobody with no capabilities, by setpriv from the base image", () => {
    const spec = {
      clusterId: "c",
      problem: "raft",
      nodeCount: 3,
      command: { argv: ["/usr/bin/python3", "main.py"], cwd: "/app" },
    };
    const { prefix } = agentConfigSchema.parse(
      agentConfig(spec, 0, { projectId: "p", projectNumber: "1", region: "r" }),
    ).sandbox;
    const script = prefix[2] ?? "";
    const { uid, gid } = NODE_USER;
    assert.deepEqual([prefix[0], prefix[1]], ["/bin/sh", "-c"]);
    assert.match(
      script,
      new RegExp(`^chown ${uid}:${gid} "\\$DATA_DIR" && exec /usr/bin/setpriv `),
    );
    for (const flag of [`--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--inh-caps=-all"]) {
      assert.ok(script.includes(` ${flag} `), flag);
    }
    assert.match(script, / --no-new-privs -- "\$@"$/);
  });
});

for (const problem of REGISTRY) {
  describe(`scripts/compose.ts ${problem.slug}`, () => {
    const compose = yaml.load(withDefaults(composeFile(problem))) as any;
    const ids = Array.from({ length: problem.nodeCount }, (_, i) => `node-${i}`);

    test("one service per node of one image, the agent as entrypoint, the node's limits", () => {
      assert.deepEqual(Object.keys(compose.services), ids);
      for (const id of ids) {
        const service = compose.services[id];
        assert.equal(service.image, "clusterjudge-node:local");
        assert.deepEqual(service.entrypoint, IMAGE_PATHS.agentCommand);
        assert.equal(service.cpus, 1);
        assert.equal(service.mem_limit, "512m");
        assert.equal(service.hostname, id);
      }
    });

    test("each agent's config is valid, with the problem's proto, peers at their agents' hosts, one port each", () => {
      const published: string[] = [];
      ids.forEach((id, i) => {
        const service = compose.services[id];
        const config = agentConfigSchema.parse(JSON.parse(service.environment[AGENT_CONFIG_ENV]));
        // The node contract's environment comes from these: NODE_ID, CLUSTER_SIZE, PEERS, ...
        assert.equal(config.nodeId, id);
        assert.equal(config.clusterSize, problem.nodeCount);
        assert.equal(config.protoPath, `${IMAGE_PATHS.protoDir}/${problem.protoFile}`);
        assert.deepEqual(config.command.argv, ["/usr/bin/python3", "-u", "main.py"]);
        // Compose reads "$$" as "$": the node's sandbox prefix arrives as the Cloud Run one.
        const cloud = agentConfig(
          {
            clusterId: "compose",
            problem: problem.slug,
            nodeCount: problem.nodeCount,
            command: { argv: ["main"], cwd: "/app" },
          },
          i,
          { projectId: "p", projectNumber: "1", region: "r" },
        );
        assert.deepEqual(config.sandbox, agentConfigSchema.parse(cloud).sandbox);
        assert.deepEqual(
          config.peers.map((p) => [p.id, p.agentAddress, p.tls]),
          ids.filter((x) => x !== id).map((x) => [x, `${x}:8080`, false]),
        );
        assert.deepEqual(service.ports, [`127.0.0.1:${18080 + i}:8080`]);
        published.push(...service.ports);
      });
      assert.equal(new Set(published).size, ids.length, "each node on its own host port");
    });
  });
}
