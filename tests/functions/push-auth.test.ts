// The step functions' caller check on its own: tokens made and published as Google does
// (test-pusher.ts), verified by google-auth-library's OAuth2Client.verifyIdToken.
import assert from "node:assert/strict";
import { afterAll, beforeAll, test } from "vitest";
import {
  PUSH_ENV,
  isPushRefusal,
  pubSubPushAuth,
  pushAuthFromEnv,
} from "../../functions/cloud/push-auth.ts";
import { PUSHER, audienceOf, startTestPusher, type TestPusher } from "./test-pusher.ts";

let pusher: TestPusher;
beforeAll(async () => {
  pusher = await startTestPusher();
});
afterAll(() => pusher?.close());

const AUDIENCE = audienceOf("deploy");

test("the push subscription's token passes; Google's keys are fetched once while they hold", async () => {
  const auth = pusher.auth(AUDIENCE);
  const before = pusher.fetches();
  await auth({ authorization: `Bearer ${pusher.token(AUDIENCE)}` });
  await auth({ authorization: [`Bearer ${pusher.token(AUDIENCE)}`] });
  assert.equal(pusher.fetches() - before, 1, "cached as the answer's max-age says");
});

test("a refusal is told apart from a failure to reach Google's keys", async () => {
  const auth = pusher.auth(AUDIENCE);
  await assert.rejects(auth({}), (err: unknown) => isPushRefusal(err) && err.status === 401);
  const nodes = pusher.token(AUDIENCE, { email: "nodes@judge-project.iam.gserviceaccount.com" });
  await assert.rejects(
    auth({ authorization: `Bearer ${nodes}` }),
    (err: unknown) => isPushRefusal(err) && err.status === 403,
  );
  // Keys out of reach: the function answers 500 and Pub/Sub tries again later.
  const unreachable = pubSubPushAuth({
    audience: AUDIENCE,
    serviceAccount: PUSHER,
    certsUrl: "http://127.0.0.1:9/certs",
  });
  await assert.rejects(
    unreachable({ authorization: `Bearer ${pusher.token(AUDIENCE)}` }),
    (err: unknown) => !isPushRefusal(err) && /verification certificates/.test(String(err)),
  );
});

test("the environment must name the audience and the pusher", () => {
  assert.throws(
    () => pushAuthFromEnv({}),
    /lacks CLUSTERJUDGE_PUSH_AUDIENCE, CLUSTERJUDGE_PUSH_SERVICE_ACCOUNT/,
  );
  assert.equal(
    typeof pushAuthFromEnv({ [PUSH_ENV.audience]: AUDIENCE, [PUSH_ENV.serviceAccount]: PUSHER }),
    "function",
  );
});
