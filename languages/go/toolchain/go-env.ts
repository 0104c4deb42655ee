// Where Go's tools are and the environment every go command of a build runs with: GOPATH mode
// (no modules, so nothing to download), Debian's packages as the second GOPATH entry, the
// network closed, cgo off (a static binary), a build cache that outlives the build, and a
// folder of the build's own for go's work files.
import { join } from "node:path";
import { CACHE_DIR } from "../../../shared/content-cache.ts";

export const goBinary = "/usr/bin/go";
export const protoc = "/usr/bin/protoc";
export const protocGenGo = "/usr/bin/protoc-gen-go";
export const protocGenGoGrpc = "/usr/bin/protoc-gen-go-grpc";
/** Debian's Go library sources: grpc, protobuf and their dependencies. */
export const debianGopath = "/usr/share/gocode";
/** Go's standard library, to tell a standard import from a missing one. */
export const goRootSrc = "/usr/lib/go-1.19/src";

/**
 * Compiled packages, kept across builds beside the judge's other built files
 * (shared/content-cache.ts): grpc compiles once per machine, not once per submission.
 */
export const goCacheDir = join(CACHE_DIR, "go-build");

/**
 * The build's GOPATH is its output folder: src/node (the submission), src/clusterjudge/pb.
 * GOTMPDIR is a folder of the build's: go's work files (every package compiled, the linked
 * binary) outgrow the sandbox's /tmp, a 64 MiB tmpfs.
 */
export const goEnv = (gopath: string, tmp: string): Record<string, string> => ({
  GO111MODULE: "off",
  GOPATH: `${gopath}:${debianGopath}`,
  GOCACHE: goCacheDir,
  GOFLAGS: "",
  GOPROXY: "off",
  GOSUMDB: "off",
  GONOSUMDB: "*",
  GOTOOLCHAIN: "local",
  CGO_ENABLED: "0",
  HOME: gopath,
  GOTMPDIR: tmp,
});
