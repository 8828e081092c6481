// The edge worker under abuse, on the real workerd binary on 127.0.0.1:
// oversized and streamed bodies, wrong content types, invalid UTF-8, deep
// JSON, hostile signatures on /v1/admit, and 1000 concurrent requests, plain
// and signed. No 5xx, every answer a well-formed verdict or error, and
// correct verdicts afterwards. Every loop is bounded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";

import { connect } from "node:net";

import { signedBody, startEdgeWorker, testKeys } from "./edge-worker.mjs";

/** The example as shipped (built as a user builds it), and the same worker with operators 1 and 2 registered (the gate). */
let worker, gate;
before(async () => {
  worker = await startEdgeWorker();
  gate = await startEdgeWorker({ operators: { 1: testKeys[1].pub, 2: testKeys[2].pub }, allowedOrigins: "https://console.example" });
});
after(async () => {
  await worker?.stop();
  await gate?.stop();
});

const valid = { state: { kind: "Maintenance", since: 1 }, event: { type: "ExitMaintenance" }, now: 2 };

async function send(body, { headers = { "content-type": "application/json" }, path = "/v1/check", method = "POST", to = worker } = {}) {
  const init = { method, headers, body, signal: AbortSignal.timeout(30_000) };
  if (body instanceof ReadableStream) init.duplex = "half";
  const response = await fetch(`${to.url}${path}`, init);
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    assert.fail(`status ${response.status}: not JSON: ${text.slice(0, 200)}`);
  }
  assert.ok(response.status < 500, `status ${response.status}: ${text.slice(0, 200)}`);
  assert.ok(wellFormed(response.status, json), `status ${response.status}: ${text.slice(0, 200)}`);
  assert.equal(response.headers.get("vary"), "Origin");
  return { status: response.status, json };
}

/**
 * 200: a verdict or a replay result; 409: a rejected verdict (rules,
 * freeze, or a signed envelope's freshness); 403: a rejected signature
 * verdict; any other status: {error: {code, message}}.
 */
function wellFormed(status, json) {
  const verdict = ["applied", "unchanged", "rejected"].includes(json.outcome) && typeof json.message === "string";
  const commitRejected = json.outcome === "rejected" && typeof json.code === "string" && typeof json.operatorId === "string";
  const error = typeof json.error?.code === "string" && typeof json.error?.message === "string";
  if (status === 200) return (verdict && json.outcome !== "rejected") || (typeof json.applied === "number" && json.state !== undefined);
  if (status === 409) return (verdict && json.outcome === "rejected") || commitRejected;
  if (status === 403) return commitRejected && ["NOT_AUTHORIZED", "INVALID_SIGNATURE"].includes(json.code);
  return error;
}

/**
 * Sends a large body as a careful client does (curl does the same): headers
 * with `expect: 100-continue` first, the body only if the server asks for
 * it. The worker answers 413 at once; a client that blasts the body anyway
 * has its connection closed mid-upload, which fetch reports as a failed
 * upload rather than as the answer.
 */
function sendLarge(bytes, chunked, { path = "/v1/check", to = worker } = {}) {
  const { port } = new URL(to.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: Number(port) });
    let received = "";
    socket.setTimeout(30_000, () => socket.destroy(new Error("timeout")));
    socket.on("data", (data) => {
      received += data;
      if (received.startsWith("HTTP/1.1 100")) {
        received = received.slice(received.indexOf("\r\n\r\n") + 4);
        pump();
      }
    });
    socket.on("error", (error) => (["EPIPE", "ECONNRESET"].includes(error.code) ? undefined : reject(error)));
    socket.on("close", () => {
      const [head, body] = received.split("\r\n\r\n");
      if (!head) return reject(new Error(`no answer (${received.length} bytes: ${JSON.stringify(received.slice(0, 80))})`));
      const status = Number(head.split(" ")[1]);
      const json = body.includes("{") ? JSON.parse(body.slice(body.indexOf("{"), body.lastIndexOf("}") + 1)) : null;
      resolve({ status, json });
    });
    const length = chunked ? "transfer-encoding: chunked" : `content-length: ${bytes}`;
    socket.write(`POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n${length}\r\nexpect: 100-continue\r\nconnection: close\r\n\r\n`);
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < bytes && !socket.destroyed) {
        sent += chunk.length;
        const frame = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]) : chunk;
        if (!socket.write(frame)) return socket.once("drain", pump);
      }
      if (!socket.destroyed) socket.end(chunked ? "0\r\n\r\n" : "");
    };
  });
}

function stream(chunks, size) {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= chunks) return controller.close();
      sent += 1;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
}

test("oversized bodies are refused with 413, declared or streamed", async () => {
  assert.equal((await send(JSON.stringify({ ...valid, pad: "x".repeat(64 * 1024) }))).status, 413);
  // Declared: refused before the body is sent. Chunked: read past 64 KiB
  // and dropped, up to 1 MiB, so the answer reaches the client.
  for (const [bytes, chunked] of [[10 * 1024 * 1024, false], [512 * 1024, true]]) {
    const answer = await sendLarge(bytes, chunked);
    assert.equal(answer.status, 413, `chunked: ${chunked}`);
    assert.equal(answer.json.error.code, "BODY_TOO_LARGE");
  }
  assert.equal((await send(stream(8, 16 * 1024))).status, 413);
  // Exactly at the limit is read (and is then not JSON).
  assert.equal((await send(" ".repeat(64 * 1024))).json.error.code, "INVALID_JSON");
});

test("wrong content types, invalid UTF-8 and deep JSON get 4xx errors", async () => {
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"]) {
    assert.equal((await send(JSON.stringify(valid), { headers: { "content-type": type } })).status, 415, type);
  }
  assert.equal((await send(JSON.stringify(valid), { headers: {} })).status, 415);
  assert.equal((await send(JSON.stringify(valid), { headers: { "content-type": "application/json; charset=utf-8" } })).status, 200);
  for (const bytes of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]]) {
    const body = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, ...bytes, 0x22, 0x7d]);
    assert.equal((await send(body)).json.error.message, "the body is not valid UTF-8");
  }
  const deepArrays = "[".repeat(30_000) + "]".repeat(30_000);
  assert.equal((await send(deepArrays)).status, 400);
  let nested = '{"kind": "Active"}';
  for (let i = 0; i < 1200; i++) nested = `{"type": "TransitionObserved", "state": ${nested}}`;
  const deepEvent = await send(`{"state": {"kind": "Active"}, "event": ${nested}, "now": 1}`);
  assert.equal(deepEvent.status, 400);
  assert.equal(deepEvent.json.error.code, "INVALID_STATE");
  assert.equal((await send('{"entries": ' + "[".repeat(20_000) + "]".repeat(20_000) + "}", { path: "/v1/replay" })).status, 400);
});

test("1000 concurrent requests: no 5xx, every answer well formed, then correct verdicts", async () => {
  const bodies = [
    JSON.stringify(valid),
    JSON.stringify({ ...valid, event: { type: "EnterMaintenance" } }),
    JSON.stringify({ ...valid, now: -1 }),
    "{broken",
    JSON.stringify({ entries: Array.from({ length: 200 }, (_, i) => ({ at: i, event: { type: "Reconcile", conditions: {} } })) }),
  ];
  const started = Date.now();
  const answers = await Promise.all(
    Array.from({ length: 1000 }, (_, i) => send(bodies[i % bodies.length], { path: i % 5 === 4 ? "/v1/replay" : "/v1/check" })),
  );
  const statuses = {};
  for (const { status } of answers) statuses[status] = (statuses[status] ?? 0) + 1;
  console.log(`workerd abuse: 1000 concurrent requests in ${Date.now() - started} ms: ${JSON.stringify(statuses)}`);
  assert.deepEqual(statuses, { 200: 400, 400: 400, 409: 200 });
  const after = await send(JSON.stringify(valid));
  assert.equal(after.status, 200);
  assert.deepEqual(after.json.to, { kind: "ExitingMaintenance", since: 2 });
});

const request = { state: { kind: "Active" }, event: { type: "EnterMaintenance", drainForMs: 60_000 }, now: 1_000_000 };

test("/v1/admit: oversized and garbage bodies get 413 and 4xx, with and without a registry", async () => {
  for (const to of [worker, gate]) {
    const path = "/v1/admit";
    assert.equal((await send(JSON.stringify({ ...signedBody(request), pad: "x".repeat(64 * 1024) }), { path, to })).status, 413);
    for (const [bytes, chunked] of [[10 * 1024 * 1024, false], [512 * 1024, true]]) {
      const answer = await sendLarge(bytes, chunked, { path, to });
      assert.equal(answer.status, 413, `chunked: ${chunked}`);
      assert.equal(answer.json.error.code, "BODY_TOO_LARGE");
    }
    assert.equal((await send(stream(8, 16 * 1024), { path, to })).status, 413);
    const garbage = ["", "{broken", "[]", "null", "42", '"Active"', "[".repeat(30_000) + "]".repeat(30_000),
      `${JSON.stringify(request).slice(0, -1)}, "signature": ${"[".repeat(5_000)}${"]".repeat(5_000)}}`,
      JSON.stringify({ ...request, extra: 1 }), JSON.stringify({ ...request, now: "soon" })];
    for (const body of garbage) {
      const answer = await send(body, { path, to });
      assert.ok([400, 401].includes(answer.status), `${answer.status} for ${body.slice(0, 40)}`);
    }
    assert.equal((await send(JSON.stringify(request), { path, to, headers: { "content-type": "text/plain" } })).status, 415);
  }
});

test("/v1/admit: hostile signatures are refused with 400 or 403, never 5xx", async () => {
  const good = signedBody(request);
  const hostile = [
    // Strings far longer than any key or signature are refused before they are decoded.
    ["a 60 KiB hex signature", { ...good, signature: { ...good.signature, signature: "ab".repeat(30_000) } }, 400],
    ["a 65-byte signature", { ...good, signature: { ...good.signature, signature: `${good.signature.signature}00` } }, 403],
    ["an empty signature", { ...good, signature: { ...good.signature, signature: "" } }, 403],
    ["64 zero bytes", { ...good, signature: { ...good.signature, signature: "00".repeat(64) } }, 403],
    ["64 0xff bytes (s out of range)", { ...good, signature: { ...good.signature, signature: "ff".repeat(64) } }, 403],
    ["the signature in base64url", { ...good, signature: { ...good.signature, signature: Buffer.from(good.signature.signature, "hex").toString("base64url") } }, 200],
    ["base64 with padding and +/", { ...good, signature: { ...good.signature, signature: "+/+/".repeat(21) + "==" } }, 400],
    ["an array of numbers", { ...good, signature: { ...good.signature, signature: Array(64).fill(1) } }, 400],
    ["an object", { ...good, signature: { ...good.signature, signature: { 0: 1, length: 64 } } }, 400],
    ["non-ASCII", { ...good, signature: { ...good.signature, signature: "é".repeat(128) } }, 400],
    // A safe-integer number is an exact id; a larger one may be lossy and is refused.
    ["a numeric operator id", { ...good, signature: { ...good.signature, operatorId: 1 } }, 200],
    ["an operator id above 2^53 as a number", { ...good, signature: { ...good.signature, operatorId: 2 ** 60 } }, 400],
    ["an operator id with a sign", { ...good, signature: { ...good.signature, operatorId: "+1" } }, 400],
    ["an exponent operator id", { ...good, signature: { ...good.signature, operatorId: "1e3" } }, 400],
    ["a 10 KB operator id", { ...good, signature: { ...good.signature, operatorId: "9".repeat(10_000) } }, 400],
    ["a huge node id", { ...good, node: "9".repeat(10_000) }, 400],
    ["a numeric node id", { ...good, node: 42 }, 200],
    ["a node id above 2^53 as a number", { ...good, node: 2 ** 60 }, 400],
    ["a fractional node id", { ...good, node: 42.5 }, 400],
    ["__proto__ members", JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(good).slice(1)}`), 400],
    ["a signature with __proto__", { ...good, signature: JSON.parse(`{"__proto__": null, "operatorId": "1", "signature": "${good.signature.signature}"}`) }, 400],
    ["an issuedAt above 2^53", { ...good, issuedAt: 2 ** 60 }, 400],
    ["a negative issuedAt", { ...good, issuedAt: -1 }, 400],
  ];
  for (const [name, body, status] of hostile) {
    const answer = await send(JSON.stringify(body), { path: "/v1/admit", to: gate });
    assert.equal(answer.status, status, `${name}: ${JSON.stringify(answer.json).slice(0, 300)}`);
  }
  // Still admitting correctly afterwards.
  const after = await send(JSON.stringify(signedBody(request)), { path: "/v1/admit", to: gate });
  assert.equal(after.status, 200);
  assert.equal(after.json.signature.outcome, "verified");
});

test("1000 concurrent signed requests: no 5xx, every answer well formed, each the right status", async () => {
  const now = Date.now();
  const kinds = [
    ["valid", 200, (i) => signedBody(request, { node: String(i), key: i % 2 ? "1" : "2" })],
    ["tampered", 403, (i) => ({ ...signedBody(request, { node: String(i) }), node: String(i + 1) })],
    ["unregistered", 403, (i) => signedBody(request, { node: String(i), key: "3" })],
    ["expired", 409, (i) => signedBody(request, { node: String(i), issuedAt: now - 310_000 })],
    ["unsigned", 401, () => request],
    ["frozen", 409, (i) => signedBody({ ...request, frozenUntil: request.now + 1 }, { node: String(i) })],
    ["rules", 409, (i) => signedBody({ ...request, event: { type: "ExitMaintenance" } }, { node: String(i) })],
    ["malformed", 400, (i) => ({ ...signedBody(request, { node: String(i) }), signature: { operatorId: "1", signature: "zz" } })],
  ];
  const plan = Array.from({ length: 1000 }, (_, i) => kinds[i % kinds.length]);
  const bodies = plan.map(([, , make], i) => JSON.stringify(make(i)));
  const answers = await Promise.all(bodies.map((body) => send(body, { path: "/v1/admit", to: gate })));
  const statuses = {};
  const wrong = [];
  for (const [i, { status, json }] of answers.entries()) {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status !== plan[i][1]) wrong.push(`${plan[i][0]} #${i}: ${status} ${JSON.stringify(json).slice(0, 200)}`);
  }
  console.log(`workerd gate: 1000 concurrent signed requests: ${JSON.stringify(statuses)}`);
  assert.deepEqual(wrong, []);
  assert.deepEqual(statuses, { 200: 125, 400: 125, 401: 125, 403: 250, 409: 375 });
});
