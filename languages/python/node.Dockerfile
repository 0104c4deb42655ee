# The node image of a Python submission (see docs/gcp-build-and-run.md). Built by the
# "image" step of cloudbuild-distributed.yaml from the build's workspace: build/ holds the
# user's code with the generated stubs (the toolchain step's product), proto/ the problem's
# proto, judge/agent.cjs the bundled chaos agent. The agent is the entrypoint and starts the
# node as its child, reading its config from CLUSTERJUDGE_AGENT_CONFIG.
FROM node:20-slim AS node

# Debian's python3 with grpc: the interpreter the toolchain validated the code with.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-grpcio python3-protobuf faketime \
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
