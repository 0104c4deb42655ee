# The node image of a Go submission (see docs/gcp-build-and-run.md). Built by the "image" step
# of cloudbuild-distributed.yaml from the build's workspace: build/ holds the toolchain step's
# product (a GOPATH with the user's code and the generated stubs, and main, the node compiled
# from them with CGO_ENABLED=0), proto/ the problem's proto, judge/agent.cjs the bundled chaos
# agent. The agent is the entrypoint and starts the node as its child, reading its config from
# CLUSTERJUDGE_AGENT_CONFIG.
#
# No golang stage: the toolchain step already compiled the binary with the same Go that
# validated the code (a second compile here could only differ). The binary is static, so the
# runtime needs no Go at all: node 20 for the agent and faketime.
FROM node:20-slim
# faketime: the agent runs the node under it when a scenario skews the node's clock (a Go
# binary reads the clock without libc: docs/languages.md says what that means for skew).
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
