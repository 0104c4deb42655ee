# The node image of a C++ submission (see docs/gcp-build-and-run.md). Built by the "image"
# step of cloudbuild-distributed.yaml from the build's workspace: build/ holds the node the
# toolchain step compiled and linked (./main, dynamically linked against Debian bookworm's
# grpc++ 1.51 and protobuf 3.21, beside the learner's sources), proto/ the problem's proto,
# judge/agent.cjs the bundled chaos agent. The agent is the entrypoint and starts the node as
# its child, reading its config from CLUSTERJUDGE_AGENT_CONFIG.
#
# Two stages: node:20-slim only gives the agent's node binary; the runtime is bookworm-slim
# with the shared libraries ./main was linked against (libgrpc++1.51 pulls libgrpc29, libgpr,
# libupb and abseil), never the -dev packages or g++: the program was built by the toolchain
# step on node:20-slim, the same Debian release, and is not compiled again here.
FROM node:20-slim AS node

FROM debian:bookworm-slim
# faketime: the agent runs the node under it when a scenario skews the node's clock.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgrpc++1.51 libprotobuf32 faketime \
 && rm -rf /var/lib/apt/lists/*
# The agent needs node 20 only; the node:20-slim binary runs on the same Debian release.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY judge/agent.cjs /agent/agent.cjs
COPY proto/ /proto/
COPY build/ /app/
WORKDIR /app
# No USER: the agent runs as root so that it can start the node as nobody, with no
# capabilities (setpriv, in its config's sandbox prefix): the node cannot read the agent's
# environment, which holds the control token. /app stays read-only to the node.
ENTRYPOINT ["/usr/local/bin/node", "/agent/agent.cjs"]
