// The layout of a cloud build's workspace (the unpacked source archive) and of the node
// image, shared by the archive's maker, the toolchain step and the Dockerfiles
// (languages/<name>/node.Dockerfile, docker/node-<name>.Dockerfile in the archive).

export const WORKSPACE = {
  root: "/workspace",
  /** The user's files, as submitted. */
  source: "src",
  /** The problem's proto, under its file name in the problem's folder: proto/raft.proto. */
  proto: "proto",
  /** The toolchain step's product: the runnable node with its generated stubs. */
  build: "build",
  /** The bundled agent and toolchain step, with the npm manifest the step installs. */
  judge: "judge",
  /** Where the node's build lives in the image. */
  imageAppDir: "/app",
} as const;

/** Markers the toolchain step prints, read back from the build log. */
export const BUILD_MARKERS = {
  diagnostic: "CLUSTERJUDGE_DIAGNOSTIC",
  command: "CLUSTERJUDGE_COMMAND",
} as const;
