// Finds every import of a Go submission and refuses those the platform cannot provide: only the
// standard library, grpc, protobuf, the generated stubs and the submission's own packages are
// on the build's GOPATH, and nothing is downloaded. Read from the source text (comments and
// strings blanked, offsets kept) so each refusal has its file, line and column.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { diagnostic, type BuildDiagnostic } from "../../../shared/toolchains/types.ts";
import { availableImports, libraryRoots, nodeImportPath, stubsImportPath } from "../packages.ts";
import { goRootSrc } from "./go-env.ts";

export interface GoImport {
  path: string;
  line: number;
  column: number;
}

/** Blanks comments and the insides of string and rune literals, keeping every offset. */
function blankCommentsAndStrings(source: string): string {
  const out = source.split("");
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== "\n") out[k] = " ";
  };
  while (i < source.length) {
    const c = source[i];
    if (c === "/" && source[i + 1] === "/") {
      const end = source.indexOf("\n", i);
      const stop = end < 0 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end < 0 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'" || c === "`") {
      let k = i + 1;
      while (k < source.length && source[k] !== c) {
        if (c !== "`" && source[k] === "\\") k++;
        if (c !== "`" && source[k] === "\n") break;
        k++;
      }
      // The literal's text is kept (an import path is one); only comment markers inside die.
      const text = source.slice(i, k + 1);
      if (text.includes("//") || text.includes("/*")) blank(i + 1, k);
      i = k + 1;
    } else i++;
  }
  return out.join("");
}

/** Every import path of one Go file with the position of its string literal. */
export function goImports(source: string): GoImport[] {
  const text = blankCommentsAndStrings(source);
  const found: GoImport[] = [];
  const at = (offset: number, path: string) => {
    const before = source.slice(0, offset);
    const line = before.split("\n").length;
    found.push({ path, line, column: offset - before.lastIndexOf("\n") });
  };
  const spec = /(?:[\p{L}_][\p{L}\p{N}_]*\s+|[._]\s*)?("([^"\n]*)"|`([^`]*)`)/uy;
  for (const decl of text.matchAll(/(?<=^|[\s;])import\s*(\()?/gmu)) {
    let i = (decl.index ?? 0) + decl[0].length;
    const grouped = decl[1] === "(";
    for (;;) {
      while (/\s|;/u.test(text[i] ?? "")) i++;
      if (grouped && text[i] === ")") break;
      spec.lastIndex = i;
      const m = spec.exec(text);
      if (!m?.[1]) break;
      const literalAt = i + m[0].length - m[1].length;
      at(literalAt, m[2] ?? m[3] ?? "");
      i = spec.lastIndex;
      if (!grouped) break;
    }
  }
  return found;
}

function allowed(path: string): boolean {
  if (path === stubsImportPath || path.startsWith(`${nodeImportPath}/`)) return true;
  if (libraryRoots.some((root) => path === root || path.startsWith(`${root}/`))) return true;
  const first = path.split("/")[0] ?? "";
  return (
    path !== "C" &&
    !first.includes(".") &&
    !path.split("/").includes("internal") &&
    existsSync(join(goRootSrc, path))
  );
}

/** The refusals of one file's imports, as diagnostics. */
export function refusedImports(file: string, source: string): BuildDiagnostic[] {
  return goImports(source)
    .filter((imp) => !allowed(imp.path))
    .map((imp) => {
      const message =
        imp.path === "C"
          ? `import "C" (cgo) is not available: nodes are built with CGO_ENABLED=0 into a static binary`
          : `import "${imp.path}" cannot be resolved: only ${availableImports} are available`;
      return diagnostic(file, message, imp.line, imp.column);
    });
}
