// The import rule of a TypeScript build, as pure functions: packages by exact name only,
// relative paths inside the folder, found files inside the folder and .ts.
import assert from "node:assert/strict";
import { test } from "vitest";
import { isAllowedPackage } from "../toolchain/node-packages.ts";
import { fileRefusal, importRefusal, isInside } from "../toolchain/imports.ts";

const root = "/runs/abc/src";

test("an allowed package is named exactly: no subpath, no climbing through it", () => {
  assert.equal(isAllowedPackage("@grpc/grpc-js"), true);
  assert.equal(isAllowedPackage("@grpc/proto-loader"), true);
  for (const spec of [
    "@grpc/grpc-js/",
    "@grpc/grpc-js/build/src/index.js",
    "@grpc/grpc-js/../../../../etc/shadow",
    "@grpc/grpc-jsx",
    "left-pad",
  ]) {
    assert.equal(isAllowedPackage(spec), false, spec);
  }
});

test("importRefusal: own files and Node's modules pass; the rest is refused with its reason", () => {
  const dir = `${root}/lib`;
  for (const spec of [
    "./log.ts",
    "../main.ts",
    "./log",
    "./log.service",
    `${root}/x.ts`,
    "fs",
    "node:path",
    "@grpc/grpc-js",
  ]) {
    assert.equal(importRefusal(spec, dir, root), null, spec);
  }
  assert.match(
    importRefusal("../../secret.ts", dir, root) ?? "",
    /^"\.\.\/\.\.\/secret\.ts" is outside your submission's folder/,
  );
  assert.match(
    importRefusal("/etc/shadow", dir, root) ?? "",
    /is outside your submission's folder/,
  );
  assert.match(
    importRefusal("@grpc/grpc-js/../../x", dir, root) ?? "",
    /is a path inside a package/,
  );
  assert.match(importRefusal("data:text/plain,hi", dir, root) ?? "", /is not available/);
  assert.match(importRefusal("file:///etc/shadow", dir, root) ?? "", /is not available/);
  assert.match(importRefusal("#internal", dir, root) ?? "", /is not available/);
});

test("fileRefusal: the found file must really be inside (links followed) and be TypeScript", () => {
  assert.equal(fileRefusal("./a", `${root}/a.ts`, root), null);
  assert.equal(fileRefusal("./t", `${root}/types.d.ts`, root), null);
  assert.equal(fileRefusal("./m", `${root}/m.mts`, root), null);
  assert.match(fileRefusal("./a.ts", "/etc/a.ts", root) ?? "", /through a symbolic link/);
  assert.match(fileRefusal("./n.txt", `${root}/n.txt`, root) ?? "", /is not a \.ts file/);
  assert.match(fileRefusal("./c.json", `${root}/c.json`, root) ?? "", /is not a \.ts file/);
});

test("isInside compares whole path segments", () => {
  assert.equal(isInside(root, root), true);
  assert.equal(isInside(root, `${root}/..foo.ts`), true);
  assert.equal(isInside(root, `${root}x/a.ts`), false);
  assert.equal(isInside(root, "/runs/abc"), false);
});
