# The node image of a Rust submission (see docs/gcp-build-and-run.md). Built by the "image"
# step of cloudbuild-distributed.yaml from the build's workspace: build/ holds the node's
# binary alone (build/node). The toolchain step is the build stage: it compiled the binary
# with the judge's own Rust build (Debian's cargo and rustc on node:20-slim, with the
# diagnostics a learner reads), so no compiler and no crate comes into this image, which is
# the runtime: the binary (glibc and libgcc_s, both in node:20-slim's bookworm), node 20 for
# the agent, faketime. proto/ holds the problem's proto, judge/agent.cjs the bundled chaos
# agent. The agent is the entrypoint and starts the node as its child, reading its config
# from CLUSTERJUDGE_AGENT_CONFIG.
FROM node:20-slim
# faketime: the agent runs the node under it when a scenario skews the node's clock.
RUN apt-get update \
 && apt-get install -y --no-install-recommends faketime \
 && rm -rf /var/lib/apt/lists/*
COPY judge/agent.cjs /agent/agent.cjs
COPY proto/ /proto/
COPY build/ /app/
WORKDIR /app
# No USER: the agent runs as root so that it can start the node as nobody, with no
# capabilities (setpriv, in its config's sandbox prefix): the node cannot read the agent's
# environment, which holds the control token. /app stays read-only to the node.
ENTRYPOINT ["/usr/local/bin/node", "/agent/agent.cjs"]
