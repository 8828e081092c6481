// The real workerd binary (npm `workerd`), on 127.0.0.1: the example edge
// worker with its own config, fed the conformance vectors over HTTP and the
// error cases; and every vector run inside workerd itself.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";

import { deepEqual, disagreements } from "../js/conformance.mjs";
import { loadVectors, loadNativeResults } from "../js/vectors.mjs";
import { repo, startWorkerd } from "./processes.mjs";

const native = loadNativeResults();
const vectors = loadVectors();
let worker;

before(async () => {
  worker = await startWorkerd("examples/edge-worker/config.capnp");
});
after(async () => {
  await worker?.stop();
});

async function post(path, body, headers = { "content-type": "application/json" }) {
  const response = await fetch(`${worker.url}${path}`, {
    method: "POST",
    headers,
    body: typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** What the native run says this call returns, as the worker would answer. */
function expectedAnswer(detail) {
  if (detail.error) return { status: 400, body: { error: { code: detail.error, message: detail.message } } };
  return { status: detail.outcome === "rejected" ? 409 : 200, body: detail };
}

test("the edge worker answers the conformance vectors as the native build does", async () => {
  let sent = 0;
  const mismatches = [];
  const check = async (id, path, body, expected) => {
    sent += 1;
    const answer = await post(path, body);
    if (!deepEqual(answer, expected)) mismatches.push(`${id}: ${JSON.stringify(answer).slice(0, 300)}`);
  };
  for (const c of vectors.transition.cases) {
    const id = `transition/${c.name}`;
    await check(id, "/v1/check", { state: c.state, event: c.event, now: c.now, config: c.config }, expectedAnswer(native[id]));
  }
  for (const c of vectors.malformed.cases.filter((c) => c.call === "transition")) {
    const [state, event, now, config] = c.args;
    const id = `malformed/${c.name}`;
    await check(id, "/v1/check", { state, event, now, config }, expectedAnswer(native[id]));
  }
  for (const c of vectors.machine.cases) {
    // A stateless worker: the caller carries the state from verdict to verdict.
    const id = `machine/${c.name}`;
    let state = c.options?.state ?? { kind: "Active" };
    for (const [i, step] of c.steps.entries()) {
      if (step.allowed) continue;
      const detail = native[id][i];
      await check(`${id} step ${i}`, "/v1/check", { state, event: step.event, now: step.at, config: c.options?.config }, expectedAnswer(detail));
      if (detail.outcome === "applied") state = detail.to;
    }
  }
  for (const c of vectors.replay.cases) {
    const id = `replay/${c.name}`;
    await check(id, "/v1/replay", { entries: c.entries, ...c.options }, { status: 200, body: native[id] });
  }
  for (const c of vectors.malformed.cases.filter((c) => c.call === "replay")) {
    const [entries, options] = c.args;
    if (options !== undefined && (typeof options !== "object" || Object.keys(options).some((k) => !["initial", "config"].includes(k)))) continue;
    const id = `malformed/${c.name}`;
    await check(id, "/v1/replay", { entries, ...options }, expectedAnswer(native[id]));
  }
  console.log(`workerd edge worker: sent ${sent} conformance requests`);
  assert.deepEqual(mismatches, []);
  assert.ok(sent >= 150, `${sent} requests`);
});

test("the edge worker's HTTP errors", async () => {
  assert.deepEqual((await post("/v1/check", "{not json")).status, 400);
  assert.equal((await post("/v1/check", "{not json")).body.error.code, "INVALID_JSON");
  assert.equal((await post("/v1/check", new Uint8Array([0x7b, 0xff, 0x7d]))).body.error.message, "the body is not valid UTF-8");
  const big = JSON.stringify({ state: { kind: "Active" }, event: { type: "EnterMaintenance" }, now: 1, pad: "x".repeat(70_000) });
  const tooLarge = await post("/v1/check", big);
  assert.equal(tooLarge.status, 413);
  assert.equal(tooLarge.body.error.code, "BODY_TOO_LARGE");
  const wrongType = await post("/v1/check", "{}", { "content-type": "text/plain" });
  assert.equal(wrongType.status, 415);
  const unknown = await post("/v1/check", { state: { kind: "Active" }, event: { type: "EnterMaintenance" }, now: 1, node: "n1" });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.error.code, "INVALID_INPUT");
  for (const method of ["GET", "PUT", "DELETE"]) {
    const response = await fetch(`${worker.url}/v1/check`, { method });
    assert.equal(response.status, 405, method);
    assert.equal(response.headers.get("allow"), "POST");
    assert.equal((await response.json()).error.code, "METHOD_NOT_ALLOWED");
  }
  assert.equal((await fetch(`${worker.url}/v2/nothing`, { method: "POST" })).status, 404);
  // Still serving correct verdicts afterwards.
  const after = await post("/v1/check", { state: { kind: "Maintenance", since: 1 }, event: { type: "ExitMaintenance" }, now: 2 });
  assert.equal(after.status, 200);
  assert.deepEqual(after.body.to, { kind: "ExitingMaintenance", since: 2 });
});

test("every conformance vector inside workerd agrees with the native run", async () => {
  const dir = `${repo}target/workerd-vectors`;
  mkdirSync(dir, { recursive: true });
  const stems = readdirSync(`${repo}tests/vectors`).filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5)).sort();
  writeFileSync(`${dir}/vector-files.mjs`, [
    ...stems.map((stem, i) => `import v${i} from "vectors/${stem}.json";`),
    `export default { ${stems.map((stem, i) => `${JSON.stringify(stem)}: v${i}`).join(", ")} };`,
  ].join("\n"));
  writeFileSync(`${dir}/config.capnp`, `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "../../tests/runtimes/workerd-vectors.mjs"),
    (name = "conformance.mjs", esModule = embed "../../tests/js/conformance.mjs"),
    (name = "vector-files.mjs", esModule = embed "vector-files.mjs"),
    (name = "mesh-maintenance", esModule = embed "../../pkg/workerd.mjs"),
    (name = "web/mesh_maintenance.js", esModule = embed "../../pkg/web/mesh_maintenance.js"),
    (name = "web/mesh_maintenance_bg.wasm", wasm = embed "../../pkg/web/mesh_maintenance_bg.wasm"),
    (name = "shapes.js", esModule = embed "../../pkg/shapes.js"),
    (name = "verify.js", esModule = embed "../../pkg/verify.js"),
${stems.map((stem) => `    (name = "vectors/${stem}.json", json = embed "../../tests/vectors/${stem}.json"),`).join("\n")}
  ],
  compatibilityDate = "2026-05-01",
);
`);
  const inside = await startWorkerd(`${dir}/config.capnp`);
  try {
    const result = await (await fetch(inside.url)).json();
    console.log(`workerd: ran ${result.count} conformance vectors`);
    assert.deepEqual(result.failures, []);
    assert.equal(result.count, Object.keys(native).length, "every native case ran");
    assert.deepEqual(disagreements(result.details, native), [], "agrees with the native run");
  } finally {
    await inside.stop();
  }
});
