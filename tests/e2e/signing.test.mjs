// Signed operator actions end to end (issue 12): the console, served by
// Vite's preview of the built www/, makes an Ed25519 key in Chromium; the
// example edge worker on workerd (127.0.0.1) admits the console's signed
// action while the key is in its registry, and refuses the same action
// NOT_AUTHORIZED once the key is removed, which the card shows as a
// disagreement with the console's own verdict.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";

import { openConsole, artifacts } from "./console-page.mjs";
import { startExampleWorker } from "./edge-worker.mjs";

let c;
let worker;
before(async () => {
  c = await openConsole();
  await c.page.waitForSelector('body[data-identity="ready"]');
});
after(async () => {
  await worker?.stop();
  await c?.close();
});

/** An unrelated operator, so the second registry is not empty (RFC 8032 test key 2). */
const OTHER = { 7: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c" };

async function identity() {
  const publicKey = await c.page.textContent("#operator-key");
  const operatorId = await c.page.inputValue("#operator-id");
  return { publicKey, operatorId };
}

async function setWorkerUrl(url) {
  await c.page.fill("#worker-url", url);
  await c.page.locator("#worker-url").dispatchEvent("change");
  await c.page.waitForFunction(() => document.getElementById("identity-status").textContent.startsWith("Saved worker URL"));
}

/** Clicks an action and waits for the worker's answer on the card. */
async function signedClick(node, action) {
  const line = c.card(node).locator('[data-role="worker"]');
  await c.button(node, action).click();
  await c.page.waitForFunction((name) => document.querySelector(`.card[data-node="${name}"] [data-role="worker"]`).dataset.status !== undefined, node);
  return { text: await line.textContent(), status: await line.getAttribute("data-status"), agree: await line.getAttribute("data-agree"), code: await line.getAttribute("data-code") };
}

test("the browser makes a key pair, keeps it across a reload, and derives the operator id from it", async () => {
  const first = await identity();
  assert.match(first.publicKey, /^[0-9a-f]{64}$/);
  const digest = createHash("sha256").update(Buffer.from(first.publicKey, "hex")).digest();
  assert.equal(first.operatorId, digest.readBigUInt64BE(0).toString(), "first 8 bytes of SHA-256(public key), big-endian");
  assert.deepEqual(JSON.parse(await c.page.textContent("#registry-entry")), { [first.operatorId]: first.publicKey });
  await c.page.reload();
  await c.page.waitForSelector('body[data-ready="true"][data-identity="ready"]');
  assert.deepEqual(await identity(), first, "the key pair is kept in IndexedDB");
  // A bad operator id is refused with its value, and the old one kept.
  await c.page.fill("#operator-id", "18446744073709551616");
  await c.page.locator("#operator-id").dispatchEvent("change");
  assert.equal(await c.page.textContent("#identity-status"),
    `operator id: 18446744073709551616 is above 2^64 - 1; keeping "${first.operatorId}"`);
  await c.page.reload();
  await c.page.waitForSelector('body[data-ready="true"][data-identity="ready"]');
  assert.deepEqual(await identity(), first);
});

test("a signed action is admitted by the worker while the key is registered", async () => {
  const { publicKey, operatorId } = await identity();
  worker = await startExampleWorker({ operators: { ...OTHER, [operatorId]: publicKey }, allowedOrigins: [c.origin] });
  await setWorkerUrl(worker.url);
  assert.equal(await c.stateOf("edge-ams-1"), "Active");
  assert.equal(await c.fact("edge-ams-1", "node-id"), "1");
  const answer = await signedClick("edge-ams-1", "enter");
  assert.equal(answer.status, "200", answer.text);
  assert.equal(answer.agree, "true", answer.text);
  assert.match(answer.text, new RegExp(`^Worker agrees: 200 applied: EnterMaintenance moved the node from Active to EnteringMaintenance\\. \\(signature verified, operator ${operatorId}\\)$`));
  assert.equal(await c.stateOf("edge-ams-1"), "EnteringMaintenance", "admitted by both: the simulated node moves");
});

test("with the key removed from the registry the same action is refused NOT_AUTHORIZED, shown as a disagreement", async () => {
  const { operatorId } = await identity();
  await worker.stop();
  worker = await startExampleWorker({ operators: OTHER, allowedOrigins: [c.origin] });
  await setWorkerUrl(worker.url);
  assert.equal(await c.stateOf("edge-lhr-3"), "Active");
  const answer = await signedClick("edge-lhr-3", "enter");
  assert.equal(answer.status, "403", answer.text);
  assert.equal(answer.code, "NOT_AUTHORIZED");
  assert.equal(answer.agree, "false");
  assert.match(answer.text, /^Disagreement: console applied · worker 403 NOT_AUTHORIZED: /);
  assert.match(answer.text, new RegExp(operatorId));
  assert.equal(await c.stateOf("edge-lhr-3"), "Active", "refused at the gate: the node does not move");
  assert.equal(await c.fact("edge-lhr-3", "result"), "Not applied: the worker refused it (NOT_AUTHORIZED)");
  const row = await c.page.locator("#log tbody tr").first().locator("td").allTextContents();
  assert.deepEqual(row.slice(1, 5), ["edge-lhr-3", "EnterMaintenance (drain 600s)", "rejected", "NOT_AUTHORIZED"]);
  assert.ok(await c.phoneOverflow("console-signed") <= 0, "the identity panel and the disagreement fit a phone-width screen");
  mkdirSync(artifacts, { recursive: true });
  await c.card("edge-lhr-3").screenshot({ path: `${artifacts}/console-signed-refused.png` });
});

test("without a worker URL the actions are local again", async () => {
  await c.page.fill("#worker-url", "");
  await c.page.locator("#worker-url").dispatchEvent("change");
  await c.page.waitForFunction(() => document.getElementById("identity-status").textContent.startsWith("No worker"));
  await c.button("edge-lhr-3", "enter").click();
  assert.equal(await c.stateOf("edge-lhr-3"), "EnteringMaintenance");
  assert.equal(await c.fact("edge-lhr-3", "worker"), "");
  // Chromium logs every non-2xx fetch; the 403 above is the only one expected.
  const forbidden = "console: Failed to load resource: the server responded with a status of 403 (Forbidden)";
  assert.deepEqual(c.errors, [forbidden]);
});
