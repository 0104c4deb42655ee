// What a Go node may import and under which paths: shared by the build's import check
// (toolchain/imports.ts), the GOPATH it lays out and the template's comment, so they agree.

/** The import path of the generated stubs, and of the learner's own packages' root. */
export const stubsImportPath = "clusterjudge/pb";
export const nodeImportPath = "node";

/** Import path prefixes from Debian's packages that a node may use. */
export const libraryRoots = [
  "google.golang.org/grpc",
  "google.golang.org/protobuf",
  "github.com/golang/protobuf",
];

export const availableImports = `the Go standard library, ${libraryRoots.join(", ")}, the generated stubs "${stubsImportPath}" and your own packages "${nodeImportPath}/<folder>"`;
