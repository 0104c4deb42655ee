// The system call numbers in syscall-tables.ts and in the tests' expectations, checked
// against this machine's kernel headers (Debian: linux-libc-dev): x86_64's asm/unistd_64.h and
// the generic table aarch64 uses, asm-generic/unistd.h read as a 64-bit architecture would.
import { test } from "vitest";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { syscallTable } from "../../../shared/adapters/local/cluster/seccomp.ts";
import type { SyscallTable } from "../../../shared/adapters/local/cluster/syscall-tables.ts";
import { skipIf } from "../../support/skip.ts";
import { EXPECTED, X86_ONLY } from "./support/seccomp-expected.ts";

const HEADERS = {
  x64: ["/usr/include/x86_64-linux-gnu/asm/unistd_64.h", "/usr/include/asm/unistd_64.h"],
  arm64: ["/usr/include/asm-generic/unistd.h"],
};

/**
 * `#define __NR_name value` lines, following one level of `__NR3264_*` aliases (the generic
 * table's 64-bit names: mmap, fcntl, fstat ...). A name defined twice with different values
 * (the 32-bit and 64-bit branches) is left out rather than guessed.
 */
function headerNumbers(text: string): Map<string, number> {
  const raw = new Map<string, string[]>();
  for (const [, alias, bare, value] of text.matchAll(/^#define __NR(3264)?_(\w+)\s+(\S+)/gm)) {
    const name = (alias ? "3264_" : "") + bare;
    raw.set(name, [...(raw.get(name) ?? []), value as string]);
  }
  const resolve = (value: string): number | undefined => {
    if (/^\d+$/.test(value)) return Number(value);
    const alias = /^__NR3264_(\w+)$/.exec(value);
    const target = alias ? raw.get(`3264_${alias[1]}`) : undefined;
    return target?.length === 1 ? resolve(target[0] as string) : undefined;
  };
  const numbers = new Map<string, number>();
  for (const [name, values] of raw) {
    if (name.startsWith("3264_")) continue;
    const resolved = new Set(values.map(resolve));
    const only = [...resolved][0];
    if (resolved.size === 1 && only !== undefined) numbers.set(name, only);
  }
  return numbers;
}

for (const [arch, paths] of Object.entries(HEADERS)) {
  const path = paths.find((p) => existsSync(p));
  test(
    `${arch}: every number matches ${path ?? paths[0]}`,
    skipIf(!path && `no ${paths[0]} (apt-get install linux-libc-dev)`),
    () => {
      const numbers = headerNumbers(readFileSync(path as string, "utf8"));
      assert.ok(numbers.size > 300, `${numbers.size} system calls read from ${path}`);
      const table = syscallTable(arch) as SyscallTable;
      const expected = EXPECTED[arch as keyof typeof EXPECTED];
      const named: [string, Record<string, number>][] = [
        ["refused", table.refused],
        ["unsupported", table.unsupported],
        ["clone", { clone: table.clone }],
        ["expected refused", expected.refused],
        ["expected unsupported", expected.unsupported],
        ["expected common", expected.common],
      ];
      for (const [list, entries] of named) {
        for (const [name, nr] of Object.entries(entries)) {
          assert.equal(nr, numbers.get(name), `${list}: ${name}`);
        }
      }
      if (arch === "arm64") {
        for (const name of X86_ONLY) assert.ok(!numbers.has(name), `${name} is x86-only`);
      }
    },
  );
}
