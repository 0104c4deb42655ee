// `npx tsx scripts/compose.ts SLUG > docker-compose.yml`: a problem's node image as a cluster
// on one Docker host, wired as on Cloud Run (docs/gcp-build-and-run.md): each container runs
// the chaos agent as its entrypoint with the node as its child, the agent's config (the
// Cloud Run one, from agentConfig) in CLUSTERJUDGE_AGENT_CONFIG, peers reached through their
// agents at node-N:8080, the control API on the same port. The judge's clients and control
// calls reach node-N at 127.0.0.1:1808N. Made from the registry, so every problem has one.
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProblemDefinition } from "../harness/problem.ts";
import { REGISTRY } from "../problems/registry.ts";
import { protoPathOf } from "../problems/paths.ts";
import {
  AGENT_CONFIG_ENV,
  IMAGE_PATHS,
  agentConfig,
} from "../shared/adapters/gcp/cluster/index.ts";

const HOST_PORT_BASE = 18080;
const AGENT_PORT = 8080;
/** Compose fills this from the environment: a node in another language sets its own argv. */
const ARGV_DEFAULT = ["/usr/bin/python3", "-u", "main.py"];
const ARGV_SLOT = "__ARGV__";

export function composeFile(problem: ProblemDefinition): string {
  const spec = {
    clusterId: "compose",
    problem: problem.slug,
    nodeCount: problem.nodeCount,
    command: { argv: [ARGV_SLOT], cwd: "/app" },
    protoPath: protoPathOf(problem),
  };
  const location = { projectId: "p", projectNumber: "1", region: "r" };
  const services = Array.from({ length: problem.nodeCount }, (_, i) => {
    const cloud = agentConfig(spec, i, location);
    const config = {
      ...cloud,
      // Between compose containers: plain h2c to the peer's agent, no front end, no token.
      peers: cloud.peers.map(({ idTokenAudience: _a, ...p }) => ({
        ...p,
        agentAddress: `${p.id}:${AGENT_PORT}`,
        tls: false,
      })),
    };
    // "$$" is compose's literal "$" (the node's sandbox prefix names $DATA_DIR).
    const json = JSON.stringify(config)
      .replaceAll("$", "$$$$")
      .replace(
        JSON.stringify([ARGV_SLOT]),
        `\${CLUSTERJUDGE_NODE_ARGV:-${JSON.stringify(ARGV_DEFAULT)}}`,
      );
    return [
      `  ${cloud.nodeId}:`,
      `    <<: *node`,
      `    hostname: ${cloud.nodeId}`,
      `    ports:`,
      `      - "127.0.0.1:${HOST_PORT_BASE + i}:${AGENT_PORT}"`,
      `    environment:`,
      `      ${AGENT_CONFIG_ENV}: '${json}'`,
    ].join("\n");
  });
  return `# ${problem.title}: its node image as a ${problem.nodeCount}-node cluster on one Docker host,
# made by scripts/compose.ts ${problem.slug} (proto ${basename(problem.protoFile)}).
#
#   CLUSTERJUDGE_IMAGE=<image> docker compose -f <this file> up
#
# The image is the one cloudbuild-distributed.yaml builds, in any language. Set
# CLUSTERJUDGE_NODE_ARGV to the node's argv the build's toolchain step wrote to
# $BUILDER_OUTPUT/output (CLUSTERJUDGE_NODE_ARGV="$(jq -c .argv <that file>)"); Python's is
# the default.
x-node: &node
  image: \${CLUSTERJUDGE_IMAGE:-clusterjudge-node:local}
  entrypoint: ${JSON.stringify(IMAGE_PATHS.agentCommand)}
  # The node contract's limits per node, as on Cloud Run.
  cpus: 1
  mem_limit: 512m
  # DATA_DIR lives here: kept across the agent's kill and start, gone with the container.
  tmpfs:
    - /tmp
  networks:
    - cluster

services:
${services.join("\n")}

networks:
  cluster: {}
`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const slug = process.argv[2];
  const problem = REGISTRY.find((p) => p.slug === slug);
  if (!problem) {
    console.error(
      `usage: tsx scripts/compose.ts SLUG; judged problems: ${REGISTRY.map((p) => p.slug).join(", ")}`,
    );
    process.exit(2);
  }
  process.stdout.write(composeFile(problem));
}
