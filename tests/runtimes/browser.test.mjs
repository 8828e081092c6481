// Chromium: a page built by Vite imports the package by name (the "browser"
// export of mesh-maintenance/full) and runs every conformance vector and
// every signed-commit vector (Chromium's WebCrypto); the results must agree
// with the native run. A second page imports only the default entry and runs
// the rules' vectors, downloading the rules' module and nothing else. The
// first page also runs the README's browser snippets: the signing one makes a key
// pair, keeps it in IndexedDB, and sends a signed command cross-origin to the
// example worker on workerd (CORS preflight included).
import { test } from "node:test";
import assert from "node:assert/strict";

import { disagreements } from "../js/conformance.mjs";
import { loadNativeResults } from "../js/vectors.mjs";
import { launchChromium, collectErrors } from "../e2e/browser.mjs";
import { preview } from "vite";
import { repo } from "./processes.mjs";
import { startEdgeWorker, testKeys } from "./edge-worker.mjs";

test("conformance and signature vectors in Chromium through a Vite build; a signed command sent cross-origin", async () => {
  const native = loadNativeResults();
  const nativeSignatures = loadNativeResults("native-signatures.json");
  const server = await preview({
    configFile: `${repo}tests/runtimes/browser/vite.config.js`,
    logLevel: "warn",
    preview: { host: "127.0.0.1", port: 0 },
  });
  const browser = await launchChromium();
  const workers = [];
  try {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    const wasm = [];
    page.on("request", (request) => request.url().endsWith(".wasm") && wasm.push(request.url().split("/").at(-1).replace(/-[\w-]{8}\.wasm$/, ".wasm")));
    const origin = `http://127.0.0.1:${server.httpServer.address().port}`;
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.vectorResult !== undefined, null, { timeout: 30_000 });
    const result = await page.evaluate(() => window.vectorResult);
    console.log(`chromium: ran ${result.count} conformance vectors`);
    assert.deepEqual(await page.evaluate(() => window.exampleButtons),
      { enterMaintenance: true, exitMaintenance: false, forceExit: false }, "examples/use/browser.mjs");
    assert.deepEqual(result.failures, []);
    assert.equal(result.count, Object.keys(native).length, "every native case ran");
    assert.deepEqual(disagreements(result.details, native), [], "agrees with the native run");

    await page.waitForFunction(() => window.signatureResult !== undefined, null, { timeout: 30_000 });
    const signatures = await page.evaluate(() => window.signatureResult);
    assert.equal(signatures.error, undefined);
    console.log(`chromium: ran ${signatures.count} signature vectors`);
    assert.deepEqual(signatures.failures, []);
    assert.equal(signatures.count, Object.keys(nativeSignatures).length, "every native signature case ran");
    assert.deepEqual(disagreements(signatures.details, nativeSignatures), [], "agrees with the native run");

    await page.waitForFunction(() => window.signExample !== undefined, null, { timeout: 30_000 });
    const example = await page.evaluate(() => window.signExample);
    assert.equal(example.error, undefined);
    assert.match(example.publicKey, /^[0-9a-f]{64}$/);
    assert.equal(example.privateKeyExtractable, false);
    assert.equal(example.storedKeyIsCryptoKey, true);
    assert.equal(example.verdict.outcome, "verified", JSON.stringify(example.verdict));
    assert.deepEqual(errors, []);
    // The full entry's module, and the default entry's (examples/use/browser.mjs imports Machine from it).
    assert.deepEqual(wasm.sort(), ["full.wasm", "rules.wasm"]);

    // The page's key registered, the page's origin allowed: admitted.
    const gate = await startEdgeWorker({ operators: { 7: example.publicKey }, allowedOrigins: origin });
    workers.push(gate);
    const admitted = await page.evaluate((url) => window.admitAt(url), gate.url);
    assert.equal(admitted.status, 200, JSON.stringify(admitted.body));
    assert.equal(admitted.body.outcome, "applied");
    assert.equal(admitted.body.signature.outcome, "verified");
    assert.equal(admitted.body.signature.operatorId, "7");
    // Another operator's key under id 7: the page reads the refusal.
    const other = await startEdgeWorker({ operators: { 7: testKeys[1].pub }, allowedOrigins: origin });
    workers.push(other);
    const refused = await page.evaluate((url) => window.admitAt(url), other.url);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, "INVALID_SIGNATURE");
    const unregistered = await startEdgeWorker({ operators: { 1: testKeys[1].pub }, allowedOrigins: origin });
    workers.push(unregistered);
    const notAuthorized = await page.evaluate((url) => window.admitAt(url), unregistered.url);
    assert.equal(notAuthorized.status, 403);
    assert.equal(notAuthorized.body.code, "NOT_AUTHORIZED");
    // Chromium logs every 4xx answer to fetch as a console error: the two 403s, and nothing else.
    assert.deepEqual(errors.splice(0), Array(2).fill("console: Failed to load resource: the server responded with a status of 403 (Forbidden)"));
    // The page's origin not listed: the browser's preflight fails, nothing is sent.
    const closed = await startEdgeWorker({ operators: { 7: example.publicKey }, allowedOrigins: "https://console.example" });
    workers.push(closed);
    const blocked = await page.evaluate((url) => window.admitAt(url).then(() => "sent", (error) => `${error.name}: ${error.message}`), closed.url);
    assert.equal(blocked, "TypeError: Failed to fetch");
    assert.ok(errors.some((e) => /blocked by CORS policy/.test(e)), errors.join("\n"));

    // The default entry alone: the rules' vectors, and only the rules' module fetched.
    const rulesPage = await browser.newPage();
    const rulesErrors = collectErrors(rulesPage);
    const rulesWasm = [];
    rulesPage.on("request", (request) => request.url().endsWith(".wasm") && rulesWasm.push(request.url().split("/").at(-1).replace(/-[\w-]{8}\.wasm$/, ".wasm")));
    await rulesPage.goto(`${origin}/rules.html`);
    await rulesPage.waitForFunction(() => window.vectorResult !== undefined, null, { timeout: 30_000 });
    const rules = await rulesPage.evaluate(() => window.vectorResult);
    console.log(`chromium (default entry): ran ${rules.count} conformance vectors`);
    const rulesNative = Object.fromEntries(Object.entries(native).filter(([key]) => !/^(views|payload)\//.test(key)));
    assert.deepEqual(rules.failures, []);
    assert.equal(rules.count, Object.keys(rulesNative).length, "every rules case ran");
    assert.deepEqual(disagreements(rules.details, rulesNative), [], "agrees with the native run");
    assert.deepEqual(rulesWasm, ["rules.wasm"]);
    assert.deepEqual(rulesErrors, []);
  } finally {
    await browser.close();
    for (const worker of workers) await worker.stop();
    await new Promise((done) => server.httpServer.close(done));
  }
});
