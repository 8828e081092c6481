// The edge worker as the admin chain's gate, on the real workerd binary on
// 127.0.0.1: a registry of RFC 8032 test keys (binding OPERATORS), commands
// signed with node:crypto, and every way a node refuses a signed commit
// (freeze → freshness → registry → signature → rules) answered with its
// status; then a bad registry, and CORS (binding ALLOWED_ORIGINS).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";

import { admit, verifyAdminCommit } from "mesh-maintenance/gate";
import { commandOf, post, signedBody, signWithSeed, startEdgeWorker, testKeys } from "./edge-worker.mjs";

const CONSOLE = "http://console.test:5173";
/** Operators 1 (hex) and 2 (base64url); key 3 is registered nowhere. */
const registry = {
  1: testKeys[1].pub,
  2: Buffer.from(testKeys[2].pub, "hex").toString("base64url"),
};

let worker;
let admitUrl;
before(async () => {
  worker = await startEdgeWorker({ operators: registry, allowedOrigins: `${CONSOLE}, https://ops.example` });
  admitUrl = `${worker.url}/v1/admit`;
});
after(async () => {
  await worker?.stop();
});

const enter = { state: { kind: "Active" }, event: { type: "EnterMaintenance", drainForMs: 600_000 } };
const exit = { state: { kind: "Maintenance", since: 1 }, event: { type: "ExitMaintenance" } };
const at = (request, now = 1_000_000) => ({ ...request, now });

/** The verdict a registry-holding node gives this signed body at the worker's clock. */
function verifyHere(body, now = Date.now()) {
  return verifyAdminCommit({ command: commandOf(body.event, body.node), issuedAt: body.issuedAt, signature: body.signature }, now, registry);
}

test("a command signed by a registered operator is admitted with both verdicts", async () => {
  for (const [request, key] of [[enter, "1"], [exit, "2"]]) {
    const body = signedBody(at(request), { key });
    const answer = await post(admitUrl, body);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const { signature, ...admission } = answer.body;
    assert.deepEqual(admission, admit({ state: request.state, event: request.event }, 1_000_000));
    assert.equal(admission.outcome, "applied");
    assert.deepEqual(signature, await verifyHere(body));
    assert.equal(signature.outcome, "verified");
    assert.equal(signature.operatorId, key);
  }
});

test("a valid signature does not make a rule-breaking command admissible", async () => {
  const body = signedBody(at({ state: { kind: "Active" }, event: { type: "ExitMaintenance" } }));
  const answer = await post(admitUrl, body);
  assert.equal(answer.status, 409);
  assert.equal(answer.body.code, "INVALID_TRANSITION");
  assert.equal(answer.body.stage, "rules");
  assert.equal(answer.body.signature.outcome, "verified");
});

test("tampered payload fields are refused 403 INVALID_SIGNATURE", async () => {
  const good = signedBody(at(enter), { node: "42" });
  const tampered = {
    node: { ...good, node: "43" },
    "node (2^64 - 1)": { ...good, node: "18446744073709551615" },
    "window": { ...good, event: { ...good.event, drainForMs: 60_000 } },
    "window dropped": { ...good, event: { type: "EnterMaintenance" } },
    "command type": { ...good, state: { kind: "Maintenance", since: 1 }, event: { type: "ExitMaintenance" } },
    "issuedAt": { ...good, issuedAt: good.issuedAt - 1 },
    "operator id (operator 2 is registered, the key is 1's)": { ...good, signature: { ...good.signature, operatorId: "2" } },
    "one bit of the signature": { ...good, signature: { ...good.signature, signature: (parseInt(good.signature.signature[0], 16) ^ 1).toString(16) + good.signature.signature.slice(1) } },
  };
  for (const [field, body] of Object.entries(tampered)) {
    const answer = await post(admitUrl, body);
    assert.equal(answer.status, 403, `${field}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.code, "INVALID_SIGNATURE", field);
    assert.equal(answer.body.stage, "signature", field);
    assert.deepEqual(answer.body, await verifyHere(body), field);
  }
  // The untampered body is admitted: the refusals above are the tampering's.
  assert.equal((await post(admitUrl, good)).status, 200);
});

test("63- and 65-byte signatures are refused 403 INVALID_SIGNATURE", async () => {
  const good = signedBody(at(enter));
  for (const signature of [good.signature.signature.slice(0, 126), `${good.signature.signature}00`]) {
    const answer = await post(admitUrl, { ...good, signature: { ...good.signature, signature } });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, "INVALID_SIGNATURE");
    assert.match(answer.body.message, new RegExp(`not 64 bytes \\(got ${signature.length / 2}\\)`));
  }
});

test("an operator outside the registry is refused 403 NOT_AUTHORIZED, even with a valid signature", async () => {
  for (const [key, operatorId] of [["3", "3"], ["1", "99"], ["1", "18446744073709551615"]]) {
    const answer = await post(admitUrl, signedBody(at(enter), { key, operatorId }));
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, "NOT_AUTHORIZED");
    assert.equal(answer.body.stage, "registry");
    assert.equal(answer.body.operatorId, operatorId);
    assert.match(answer.body.message, new RegExp(`Operator ${operatorId} is not in the operator registry`));
  }
});

test("freshness is judged by the worker's clock, whatever `now` the caller sends", async () => {
  const issuedAt = Date.now() - 310_000;
  // The caller claims it is still the moment of signing: the worker does not believe it.
  for (const now of [issuedAt, 1_000_000]) {
    const answer = await post(admitUrl, signedBody(at(enter, now), { issuedAt }));
    assert.equal(answer.status, 409);
    assert.equal(answer.body.code, "ENVELOPE_EXPIRED");
    assert.equal(answer.body.stage, "freshness");
    assert.match(answer.body.message, /more than the 300000 ms freshness window/);
  }
  const ahead = await post(admitUrl, signedBody(at(enter), { issuedAt: Date.now() + 120_000 }));
  assert.equal(ahead.status, 409);
  assert.equal(ahead.body.code, "ENVELOPE_FROM_FUTURE");
  // Expired and unregistered: freshness is checked first, as the nodes do.
  const both = await post(admitUrl, signedBody(at(enter), { issuedAt, key: "3" }));
  assert.equal(both.body.code, "ENVELOPE_EXPIRED");
  // A caller cannot widen the window either.
  const widened = await post(admitUrl, { ...signedBody(at(enter), { issuedAt }), policy: { freshnessWindowMs: 10_000_000 } });
  assert.equal(widened.status, 400);
  assert.match(widened.body.error.message, /^body\.policy: /);
});

test("an unsigned command is refused 401; node and issuedAt are required with a signature", async () => {
  const unsigned = await post(admitUrl, at(enter));
  assert.equal(unsigned.status, 401);
  assert.equal(unsigned.body.error.code, "SIGNATURE_REQUIRED");
  // Even one the rules would refuse: the signature is checked before the rules.
  assert.equal((await post(admitUrl, at({ state: { kind: "Active" }, event: { type: "ExitMaintenance" } }))).status, 401);
  assert.equal((await post(admitUrl, { ...at(enter), node: "42", issuedAt: Date.now() })).status, 401);
  const good = signedBody(at(enter));
  for (const member of ["node", "issuedAt"]) {
    const { [member]: _, ...body } = good;
    const answer = await post(admitUrl, body);
    assert.equal(answer.status, 400, member);
    assert.equal(answer.body.error.message, `body.${member}: required with a signature`);
  }
});

test("a freeze refuses first: 409 FREEZE_IN_EFFECT signed, unsigned or badly signed", async () => {
  const frozen = at({ ...enter, frozenUntil: 1_000_001 });
  const good = signedBody(frozen);
  for (const body of [frozen, good, { ...good, node: "43" }, signedBody(frozen, { key: "3" }), { ...good, signature: "garbage" }]) {
    const answer = await post(admitUrl, body);
    assert.equal(answer.status, 409);
    assert.equal(answer.body.code, "FREEZE_IN_EFFECT");
    assert.equal(answer.body.stage, "freeze");
  }
  // At frozenUntil the freeze is over.
  assert.equal((await post(admitUrl, signedBody(at({ ...enter, frozenUntil: 1_000_000 })))).status, 200);
});

test("malformed signatures, node ids and operator ids are 400 with the path", async () => {
  const good = signedBody(at(enter));
  const cases = [
    [{ ...good, signature: "abcd" }, "INVALID_INPUT", "commit.signature"],
    [{ ...good, signature: null }, "INVALID_INPUT", "commit.signature"],
    [{ ...good, signature: { operatorId: "1" } }, "INVALID_INPUT", "commit.signature.signature"],
    [{ ...good, signature: { ...good.signature, extra: 1 } }, "INVALID_INPUT", "commit.signature.extra"],
    [{ ...good, signature: { ...good.signature, signature: "not hex!" } }, "INVALID_INPUT", "commit.signature.signature"],
    [{ ...good, signature: { ...good.signature, operatorId: "18446744073709551616" } }, "INVALID_INPUT", "commit.signature.operatorId"],
    [{ ...good, signature: { ...good.signature, operatorId: "-1" } }, "INVALID_INPUT", "commit.signature.operatorId"],
    [{ ...good, node: "18446744073709551616" }, "INVALID_INPUT", "commit.command.node"],
    [{ ...good, node: 42.5 }, "INVALID_INPUT", "commit.command.node"],
    [{ ...good, issuedAt: -1 }, "INVALID_TIMESTAMP", "commit.issuedAt"],
    [{ ...good, state: { kind: "Paused" } }, "INVALID_STATE", "request.state.kind"],
  ];
  for (const [body, code, path] of cases) {
    const answer = await post(admitUrl, body);
    assert.equal(answer.status, 400, `${path}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.error.code, code, path);
    assert.ok(answer.body.error.message.startsWith(`${path}: `), answer.body.error.message);
  }
});

test("/v1/check and /v1/replay are unchanged by the registry", async () => {
  const answer = await post(`${worker.url}/v1/check`, at(exit, 2));
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body.to, { kind: "ExitingMaintenance", since: 2 });
});

test("an invalid registry makes every request a 500 REGISTRY_INVALID naming the entry", async () => {
  const cases = [
    [{ 1: testKeys[1].pub, 7: "zz" }, /^OPERATORS: registry\["7"\]: expected a raw 32-byte Ed25519 public key/],
    [{ "-1": testKeys[1].pub }, /^OPERATORS: registry\["-1"\]: expected an operator id/],
    [{ 1: testKeys[1].pub.slice(2) }, /^OPERATORS: registry\["1"\]: /],
    [`{"1": "${testKeys[1].pub}"`, /^OPERATORS: not JSON/],
    ["", /^OPERATORS: not JSON/],
    ["[]", /^OPERATORS: registry: expected an object/],
    ["null", /^OPERATORS: registry: /],
  ];
  for (const [operators, message] of cases) {
    const bad = await startEdgeWorker({ operators, allowedOrigins: CONSOLE });
    try {
      const requests = [
        ["/v1/admit", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(signedBody(at(enter))) }],
        ["/v1/admit", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(at(enter)) }],
        ["/v1/check", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(at(exit, 2)) }],
        ["/v1/admit", { method: "OPTIONS", headers: { origin: CONSOLE, "access-control-request-method": "POST" } }],
      ];
      for (const [path, init] of requests) {
        const response = await fetch(`${bad.url}${path}`, init);
        const body = await response.json();
        assert.equal(response.status, 500, `${JSON.stringify(operators)} ${init.method} ${path}`);
        assert.equal(body.error.code, "REGISTRY_INVALID");
        assert.match(body.error.message, message);
      }
    } finally {
      await bad.stop();
    }
  }
});

test("an invalid ALLOWED_ORIGINS entry is a 500 ORIGINS_INVALID naming it", async () => {
  const bad = await startEdgeWorker({ operators: registry, allowedOrigins: `${CONSOLE}, https://ops.example/` });
  try {
    const answer = await post(`${bad.url}/v1/check`, at(exit, 2));
    assert.equal(answer.status, 500);
    assert.equal(answer.body.error.code, "ORIGINS_INVALID");
    assert.match(answer.body.error.message, /"https:\/\/ops\.example\/" is not an origin/);
  } finally {
    await bad.stop();
  }
});

test("CORS: preflight for listed origins only, Vary: Origin on every answer", async () => {
  for (const origin of [CONSOLE, "https://ops.example"]) {
    for (const path of ["/v1/admit", "/v1/check", "/v1/replay"]) {
      const response = await fetch(`${worker.url}${path}`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
      assert.equal(response.status, 204, `${origin} ${path}`);
      assert.equal(response.headers.get("access-control-allow-origin"), origin);
      assert.equal(response.headers.get("access-control-allow-methods"), "POST");
      assert.equal(response.headers.get("access-control-allow-headers"), "content-type");
      assert.ok(Number(response.headers.get("access-control-max-age")) > 0);
      assert.equal(response.headers.get("vary"), "Origin");
    }
  }
  for (const headers of [{ origin: "http://evil.test" }, { origin: "http://console.test" }, { origin: "null" }, {}]) {
    const response = await fetch(`${worker.url}/v1/admit`, { method: "OPTIONS", headers: { ...headers, "access-control-request-method": "POST" } });
    assert.equal(response.status, 403, JSON.stringify(headers));
    assert.equal((await response.json()).error.code, "ORIGIN_NOT_ALLOWED");
    assert.equal(response.headers.get("vary"), "Origin");
    for (const [name] of response.headers) assert.ok(!name.startsWith("access-control-"), `${JSON.stringify(headers)}: ${name}`);
  }
  // Answers of every kind carry Vary, and the allow-origin header only for a listed origin.
  const bodies = [signedBody(at(enter)), at(enter), { ...signedBody(at(enter)), node: "43" }, "{broken"];
  for (const body of bodies) {
    const listed = await post(admitUrl, body, { origin: CONSOLE });
    assert.equal(listed.headers.get("access-control-allow-origin"), CONSOLE, `${listed.status}`);
    assert.equal(listed.headers.get("vary"), "Origin");
    const unlisted = await post(admitUrl, body, { origin: "http://evil.test" });
    assert.equal(unlisted.status, listed.status);
    assert.equal(unlisted.headers.get("access-control-allow-origin"), null);
    assert.equal(unlisted.headers.get("vary"), "Origin");
  }
  const notFound = await fetch(`${worker.url}/nowhere`, { headers: { origin: CONSOLE } });
  assert.equal(notFound.status, 404);
  assert.equal(notFound.headers.get("vary"), "Origin");
});

test("ALLOWED_ORIGINS * allows any origin; none listed allows none", async () => {
  for (const [allowedOrigins, expected] of [["*", "*"], [undefined, null], ["", null]]) {
    const w = await startEdgeWorker({ operators: registry, allowedOrigins });
    try {
      const response = await fetch(`${w.url}/v1/admit`, { method: "OPTIONS", headers: { origin: "http://anywhere.test", "access-control-request-method": "POST" } });
      assert.equal(response.status, expected ? 204 : 403, String(allowedOrigins));
      assert.equal(response.headers.get("access-control-allow-origin"), expected);
    } finally {
      await w.stop();
    }
  }
});

test("the signing helper agrees with the package's own verification", async () => {
  // Guards the tests above: a signature made here verifies in-process.
  const body = signedBody(at(enter));
  assert.equal((await verifyHere(body)).outcome, "verified");
  // RFC 8032 section 7.1, TEST 1: key 1 over the empty message.
  assert.equal(signWithSeed(testKeys[1].seed, new Uint8Array(0)),
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
});
