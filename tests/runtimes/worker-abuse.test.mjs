// The edge worker under abuse, on the real workerd binary on 127.0.0.1:
// oversized and streamed bodies, wrong content types, invalid UTF-8, deep
// JSON, and 1000 concurrent requests. No 5xx, every answer a well-formed
// verdict or error, and correct verdicts afterwards. Every loop is bounded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";

import { connect } from "node:net";

import { startWorkerd } from "./processes.mjs";

let worker;
before(async () => {
  worker = await startWorkerd("examples/edge-worker/config.capnp");
});
after(async () => {
  await worker?.stop();
});

const valid = { state: { kind: "Maintenance", since: 1 }, event: { type: "ExitMaintenance" }, now: 2 };

async function send(body, { headers = { "content-type": "application/json" }, path = "/v1/check", method = "POST" } = {}) {
  const init = { method, headers, body, signal: AbortSignal.timeout(30_000) };
  if (body instanceof ReadableStream) init.duplex = "half";
  const response = await fetch(`${worker.url}${path}`, init);
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    assert.fail(`status ${response.status}: not JSON: ${text.slice(0, 200)}`);
  }
  assert.ok(response.status < 500, `status ${response.status}: ${text.slice(0, 200)}`);
  const wellFormed = response.status >= 400 && response.status !== 409
    ? typeof json.error?.code === "string" && typeof json.error?.message === "string"
    : ["applied", "unchanged", "rejected"].includes(json.outcome) || (typeof json.applied === "number" && json.state);
  assert.ok(wellFormed, `status ${response.status}: ${text.slice(0, 200)}`);
  return { status: response.status, json };
}

/**
 * Sends a large body as a careful client does (curl does the same): headers
 * with `expect: 100-continue` first, the body only if the server asks for
 * it. The worker answers 413 at once; a client that blasts the body anyway
 * has its connection closed mid-upload, which fetch reports as a failed
 * upload rather than as the answer.
 */
function sendLarge(bytes, chunked) {
  const { port } = new URL(worker.url);
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
    socket.write(`POST /v1/check HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n${length}\r\nexpect: 100-continue\r\nconnection: close\r\n\r\n`);
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
