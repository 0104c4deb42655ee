// Go: Debian's Go 1.19 in GOPATH mode, offline, with Debian's grpc and protobuf; stubs generated
// by protoc into the package "clusterjudge/pb" (toolchain/build.ts).
import type { LanguageDefinition } from "../definition.ts";
import { goTemplate } from "./template.ts";

export const go = {
  name: "go",
  entryFile: "main.go",
  debianPackages: [
    "golang-go", // /usr/bin/go, 1.19 on bookworm
    "golang-google-grpc-dev", // google.golang.org/grpc under /usr/share/gocode
    "golang-google-protobuf-dev", // google.golang.org/protobuf
    "golang-goprotobuf-dev", // github.com/golang/protobuf, which the generated messages use
    "protobuf-compiler", // stubs generated from the problem's proto
    "protoc-gen-go-1-3",
    "protoc-gen-go-grpc",
  ],
  stepPackages: [],
  stepModules: {},
  stepFiles: {},
  template: goTemplate,
} as const satisfies LanguageDefinition;
