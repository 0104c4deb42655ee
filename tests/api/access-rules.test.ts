// Which names and token the local server takes, by the address it is bound to.
import assert from "node:assert/strict";
import { test } from "vitest";
import { AccessSetupError, accessRules, isLoopback } from "../../server/access-rules.ts";

test("loopback addresses are told from the others", () => {
  for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) {
    assert.equal(isLoopback(host), true, host);
  }
  for (const host of ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "128.0.0.1", "judge.lan"]) {
    assert.equal(isLoopback(host), false, host);
  }
});

test("on loopback: its names with the port, no token", () => {
  const rules = accessRules({ host: "127.0.0.1", port: 8080 });
  assert.equal(rules.token, null);
  assert.deepEqual([...rules.hosts].sort(), ["127.0.0.1:8080", "[::1]:8080", "localhost:8080"]);
  const v6 = accessRules({ host: "::1", port: 80, extraHosts: "Judge.lan, ,10.1.2.3" });
  for (const name of ["[::1]:80", "[::1]", "judge.lan:80", "judge.lan", "10.1.2.3"]) {
    assert.ok(v6.hosts.has(name), name);
  }
});

test("beyond loopback: a token is made; a given one is used; a short one refused", () => {
  const made = accessRules({ host: "192.168.1.20", port: 9000 });
  assert.ok(made.token && made.token.length >= 40, String(made.token));
  assert.ok(made.hosts.has("192.168.1.20:9000"));
  assert.notEqual(accessRules({ host: "0.0.0.0", port: 9000 }).token, made.token, "fresh");
  const token = "given-token-0123456789";
  assert.equal(accessRules({ host: "0.0.0.0", port: 9000, token }).token, token);
  assert.equal(accessRules({ host: "127.0.0.1", port: 9000, token }).token, token, "on request");
  assert.throws(
    () => accessRules({ host: "0.0.0.0", port: 9000, token: "short" }),
    /CLUSTERJUDGE_TOKEN must be at least 16 characters/,
  );
});

test("beyond loopback, a token that cannot be made stops the start", () => {
  const failing = () => {
    throw new Error("no entropy");
  };
  assert.throws(
    () => accessRules({ host: "0.0.0.0", port: 9000, makeToken: failing }),
    (err: Error) =>
      err instanceof AccessSetupError && /could not make one \(no entropy\)/.test(err.message),
  );
  assert.equal(accessRules({ host: "127.0.0.1", port: 9000, makeToken: failing }).token, null);
});
