# The node image of a Java submission (see docs/gcp-build-and-run.md). Built by the "image"
# step of cloudbuild-distributed.yaml from the build's workspace: build/ holds the classes
# javac compiled in the toolchain step (classes/, the stubs jar, the sources), proto/ the
# problem's proto, judge/agent.cjs the bundled chaos agent. The agent is the entrypoint and
# starts the node as its child, reading its config from CLUSTERJUDGE_AGENT_CONFIG.
#
# One stage: the toolchain step compiled already, so the image needs no JDK, only a JRE and
# the same Debian jars the node was compiled against (the command names /usr/share/java/*.jar),
# and node:20-slim is Debian bookworm with node 20 for the agent.
FROM node:20-slim
# The JRE's postinst links man pages into /usr/share/man/man1, which slim images leave out.
# faketime: the agent runs the node under it when a scenario skews the node's clock.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless libgrpc-java \
      libprotobuf-java libguava-java libnetty-java libperfmark-java faketime \
 && rm -rf /var/lib/apt/lists/*
COPY judge/agent.cjs /agent/agent.cjs
COPY proto/ /proto/
COPY build/ /app/
WORKDIR /app
# No USER: the agent runs as root so that it can start the node as nobody, with no
# capabilities (setpriv, in its config's sandbox prefix): the node cannot read the agent's
# environment, which holds the control token. /app stays read-only to the node.
ENTRYPOINT ["/usr/local/bin/node", "/agent/agent.cjs"]
