// The real workerd binary (npm `workerd`), on 127.0.0.1: the example edge
// worker, built as a user builds it (edge-worker.mjs) and served with its own
// config, fed the conformance vectors over HTTP and the error cases; the same
// worker without a registry answering the admission vectors on /v1/admit;
// and the vectors run inside workerd itself, through the default entry (the
// rules' vectors) and the full entry (every vector, the signed-commit ones
// included), each bundled by esbuild from the package by name.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

import * as api from "mesh-maintenance/full";
import { deepEqual, disagreements, errorDetail } from "../js/conformance.mjs";
import { loadVectors, loadNativeResults } from "../js/vectors.mjs";
import { repo, startWorkerd } from "./processes.mjs";
import { signedBody, startEdgeWorker } from "./edge-worker.mjs";
import { RULES_ONLY } from "../js/package.mjs";

const native = loadNativeResults();
const vectors = loadVectors();
/** The example as shipped (registry "{}": a closed gate), and without a registry. */
let worker, open;

before(async () => {
  worker = await startEdgeWorker();
  open = await startEdgeWorker({ operators: undefined, allowedOrigins: undefined });
});
after(async () => {
  await worker?.stop();
  await open?.stop();
});

async function post(path, body, headers = { "content-type": "application/json" }, url = worker.url) {
  const response = await fetch(`${url}${path}`, {
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

const ADMIT_MEMBERS = ["state", "event", "frozenUntil", "issuedAt", "config"];

/** admit(...args) in this process, as the worker would answer it. */
function inProcess(args) {
  try {
    const verdict = api.admit(...args);
    return { status: verdict.outcome === "rejected" ? 409 : 200, body: verdict };
  } catch (error) {
    const { error: code, message } = errorDetail(error);
    return { status: 400, body: { error: { code, message } } };
  }
}

test("the edge worker without a registry answers every admission vector on /v1/admit", async () => {
  const cases = vectors.admission.cases.filter((c) => c.op === "admit" || (c.op === "malformed" && c.call === "admit"));
  const mismatches = [];
  let sent = 0;
  for (const c of cases) {
    const id = `admission/${c.name}`;
    const [request, now, policy] = c.op === "admit" ? [c.request, c.now, c.policy] : c.args;
    const isObject = typeof request === "object" && request !== null && !Array.isArray(request);
    const fits = isObject && Object.keys(request).every((key) => ADMIT_MEMBERS.includes(key));
    // The body is the request's members beside now and policy.
    const body = isObject ? { ...request, now, policy } : request;
    const answer = await post("/v1/admit", JSON.stringify(body), undefined, open.url);
    sent += 1;
    if (fits) {
      const expected = expectedAnswer(native[id]);
      if (!deepEqual(answer, expected)) mismatches.push(`${id}: native ${JSON.stringify(expected).slice(0, 300)}\n  worker ${JSON.stringify(answer).slice(0, 300)}`);
      if (!deepEqual(answer, inProcess([request, now, policy]))) mismatches.push(`${id}: differs from admit() in Node`);
      if (c.op === "admit") {
        const projected = { outcome: answer.body.outcome, to: answer.body.to, stage: answer.body.stage };
        if (answer.body.code !== undefined) projected.code = answer.body.code;
        if (!deepEqual(projected, c.expect)) mismatches.push(`${id}: not the vector's expectation ${JSON.stringify(c.expect)}`);
      } else if (answer.body.error?.code !== c.error || !answer.body.error.message.startsWith(`${c.path}: `)) {
        mismatches.push(`${id}: not the vector's error ${c.error} at ${c.path}: ${JSON.stringify(answer.body)}`);
      }
    } else {
      // A request that is no object, or has a member the body cannot carry:
      // the worker refuses the body itself, with the vector's error code.
      const refused = answer.status === 400 && answer.body.error?.code === c.error && /^body(\.[a-z_]+)?: /i.test(answer.body.error.message);
      if (!refused) mismatches.push(`${id}: ${JSON.stringify(answer)}`);
    }
  }
  console.log(`workerd edge worker: sent ${sent} admission vectors to /v1/admit (${cases.filter((c) => c.op === "admit").length} verdicts, ${cases.filter((c) => c.op === "malformed").length} malformed)`);
  assert.deepEqual(mismatches, []);
  assert.equal(sent, cases.length);
  assert.ok(sent >= 49, `${sent} admission vectors`);
});

test("without a registry, /v1/admit refuses node and signature instead of ignoring them", async () => {
  const request = { state: { kind: "Active" }, event: { type: "EnterMaintenance" }, now: 1 };
  for (const body of [signedBody(request), { ...request, node: "42" }, { ...request, signature: null }]) {
    const answer = await post("/v1/admit", body, undefined, open.url);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, "INVALID_INPUT");
    assert.match(answer.body.error.message, /^body\.(node|signature): this worker has no operator registry/);
  }
  assert.equal((await post("/v1/admit", request, undefined, open.url)).status, 200);
});

test("the example as shipped is a closed gate: no operator registered, nothing admitted", async () => {
  const request = { state: { kind: "Active" }, event: { type: "EnterMaintenance" }, now: 1 };
  const unsigned = await post("/v1/admit", request);
  assert.equal(unsigned.status, 401);
  assert.equal(unsigned.body.error.code, "SIGNATURE_REQUIRED");
  const signed = await post("/v1/admit", signedBody(request));
  assert.equal(signed.status, 403);
  assert.equal(signed.body.code, "NOT_AUTHORIZED");
  // No origin is listed: no preflight passes.
  const preflight = await fetch(`${worker.url}/v1/admit`, { method: "OPTIONS", headers: { origin: "http://127.0.0.1:5173" } });
  assert.equal(preflight.status, 403);
  assert.equal(preflight.headers.get("access-control-allow-origin"), null);
});

/**
 * Bundles a worker that imports `entry` by name and runs the vectors of
 * `stems` (and the signed-commit vectors, with `signatures`), as the example
 * is bundled; serves it on workerd and resolves what GET / and /signatures answer.
 */
async function insideWorkerd(entry, stems, { signatures = false } = {}) {
  const dir = `${repo}target/workerd-vectors/${entry.replace(/\W+/g, "-")}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/entry.mjs`, [
    `import * as api from ${JSON.stringify(entry)};`,
    `import { vectorWorker } from "../../../tests/runtimes/workerd-vectors.mjs";`,
    ...stems.map((stem, i) => `import v${i} from "../../../tests/vectors/${stem}.json";`),
    signatures ? `import commits from "../../../tests/vectors/signatures/commits.json";` : "const commits = undefined;",
    `export default vectorWorker(api, { ${stems.map((stem, i) => `${JSON.stringify(stem)}: v${i}`).join(", ")} }, commits);`,
  ].join("\n"));
  const result = await build({
    entryPoints: [`${dir}/entry.mjs`],
    bundle: true,
    format: "esm",
    conditions: ["workerd"],
    loader: { ".wasm": "copy" },
    assetNames: "[name]",
    outdir: `${dir}/dist`,
    logLevel: "warning",
    metafile: true,
  });
  const wasm = Object.keys(result.metafile.outputs).filter((file) => file.endsWith(".wasm")).map((file) => file.split("/").at(-1));
  assert.deepEqual(wasm, [entry === "mesh-maintenance" ? "rules.wasm" : "full.wasm"], `${entry} bundles its own module only`);
  writeFileSync(`${dir}/config.capnp`, `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "entry.js", esModule = embed "dist/entry.js"),
    (name = "${wasm[0]}", wasm = embed "dist/${wasm[0]}"),
  ],
  compatibilityDate = "2026-05-01",
);
`);
  const inside = await startWorkerd(`${dir}/config.capnp`);
  try {
    const vectorsRun = await (await fetch(inside.url)).json();
    const signaturesRun = signatures ? await (await fetch(`${inside.url}/signatures`)).json() : undefined;
    return { vectorsRun, signaturesRun };
  } finally {
    await inside.stop();
  }
}

const stems = readdirSync(`${repo}tests/vectors`).filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5)).sort();

test("every conformance vector inside workerd, through the full entry, agrees with the native run", async () => {
  const { vectorsRun: result, signaturesRun: signatures } = await insideWorkerd("mesh-maintenance/full", stems, { signatures: true });
  console.log(`workerd (mesh-maintenance/full): ran ${result.count} conformance vectors`);
  assert.deepEqual(result.failures, []);
  assert.equal(result.count, Object.keys(native).length, "every native case ran");
  assert.deepEqual(disagreements(result.details, native), [], "agrees with the native run");
  const nativeSignatures = loadNativeResults("native-signatures.json");
  console.log(`workerd (mesh-maintenance/full): ran ${signatures.count} signature vectors`);
  assert.deepEqual(signatures.failures, []);
  assert.equal(signatures.count, Object.keys(nativeSignatures).length, "every native signature case ran");
  assert.deepEqual(disagreements(signatures.details, nativeSignatures), [], "agrees with the native run");
});

test("the rules' conformance vectors inside workerd, through the default entry, agree with the native run", async () => {
  const rulesStems = Object.keys(RULES_ONLY(Object.fromEntries(stems.map((stem) => [stem, null]))));
  const { vectorsRun: result } = await insideWorkerd("mesh-maintenance", rulesStems);
  console.log(`workerd (mesh-maintenance): ran ${result.count} conformance vectors`);
  assert.deepEqual(result.failures, []);
  const rulesNative = Object.fromEntries(Object.entries(native).filter(([key]) => !/^(views|payload)\//.test(key)));
  assert.equal(result.count, Object.keys(rulesNative).length, "every rules case ran");
  assert.deepEqual(disagreements(result.details, rulesNative), [], "agrees with the native run");
});
