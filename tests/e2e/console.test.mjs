// The operator console, end to end in headless Chromium: built with Vite,
// served on 127.0.0.1, driven like an operator would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { launchChromium, serveBuilt, collectErrors } from "./browser.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const artifacts = `${repo}test-results`;
let server, browser, page, errors;
/** The wasm modules the page fetched. */
const wasm = [];

const card = (name) => page.locator(`.card[data-node="${name}"]`);
const stateOf = (name) => card(name).locator('[data-role="state"]').textContent();
const button = (name, action) => card(name).locator(`button[data-action="${action}"]`);

/** Advances the simulated clock with the console's own buttons. */
async function advanceMinutes(minutes) {
  for (let i = 0; i < Math.floor(minutes / 10); i += 1) await page.click("#advance-10m");
  for (let i = 0; i < minutes % 10; i += 1) await page.click("#advance-1m");
}

before(async () => {
  server = await serveBuilt(`${repo}www/vite.config.js`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  errors = collectErrors(page);
  page.on("request", (request) => request.url().endsWith(".wasm") && wasm.push(request.url().split("/").at(-1).replace(/-[\w-]{8}\.wasm$/, ".wasm")));
  await page.goto(`${server.url}?paused`);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the console loads with six nodes and no console errors", async () => {
  assert.equal(await page.locator(".card").count(), 6);
  assert.equal(await page.textContent("#now"), "00:00:00");
  assert.equal(await page.locator(".diagram .arc").count(), 8, "the eight arcs, as the wasm rules define them");
  assert.deepEqual(errors, []);
  // Every import is from mesh-maintenance/full: the one module, fetched once.
  assert.deepEqual(wasm, ["full.wasm"]);
});

test("entering maintenance and advancing the clock reaches Maintenance", async () => {
  assert.equal(await stateOf("edge-ams-1"), "Active");
  assert.equal(await button("edge-ams-1", "exit").isDisabled(), true);
  await card("edge-ams-1").locator('[data-role="drain-window"]').fill("5");
  await button("edge-ams-1", "enter").click();
  assert.equal(await stateOf("edge-ams-1"), "EnteringMaintenance");
  assert.match(await card("edge-ams-1").locator('[data-role="deadline"]').textContent(), /^5m 00s left$/);
  assert.equal(await button("edge-ams-1", "enter").isDisabled(), true, "enter is not offered twice");
  await advanceMinutes(2);
  assert.equal(await stateOf("edge-ams-1"), "Maintenance");
  assert.equal(await button("edge-ams-1", "exit").isEnabled(), true);
  assert.equal(await page.locator('.diagram .state.current').getAttribute("data-kind"), "Maintenance");
  const valid = await page.locator(".diagram .arc.valid").evaluateAll((arcs) => arcs.map((a) => a.dataset.to).sort());
  assert.deepEqual(valid, ["DrainFailed", "ExitingMaintenance"]);
});

test("the stuck node fails its drain at the deadline and needs a forced exit", async () => {
  const stuck = "core-par-4";
  assert.equal(await stateOf(stuck), "EnteringMaintenance");
  await advanceMinutes(8);
  assert.equal(await stateOf(stuck), "DrainFailed");
  assert.equal(await card(stuck).locator('[data-role="reason"]').textContent(), "drain deadline elapsed after 600000ms");
  // Exit without force is refused, in the verdict's words.
  assert.equal(await button(stuck, "exit").isDisabled(), true);
  assert.match(await button(stuck, "exit").getAttribute("title"), /^FORCE_REQUIRED: /);
  assert.match(await card(stuck).locator('[data-role="why"]').textContent(), /FORCE_REQUIRED: .*needs force/);
  await page.selectOption("#raw-node", stuck);
  await page.fill("#raw-event", '{"type": "ExitMaintenance"}');
  await page.click("#raw-apply");
  assert.match(await page.textContent("#raw-result"), /"code": "FORCE_REQUIRED"/);
  assert.equal(await stateOf(stuck), "DrainFailed", "a rejected action is not applied");
  assert.equal(await page.locator("#log tbody tr.rejected").first().locator("td").nth(4).textContent(), "FORCE_REQUIRED");
  // Force exit, then recovery and back to Active as the clock advances.
  await button(stuck, "force").click();
  assert.equal(await stateOf(stuck), "ExitingMaintenance");
  await advanceMinutes(1);
  assert.equal(await stateOf(stuck), "Recovery");
  await advanceMinutes(5);
  assert.equal(await stateOf(stuck), "Active");
});

test("a malformed raw event shows the input error", async () => {
  // An operator action goes through admit(): the path is the request's.
  await page.fill("#raw-event", '{"type": "EnterMaintenance", "drainForMs": -5}');
  await page.click("#raw-check");
  assert.equal(
    await page.textContent("#raw-result"),
    "MaintenanceInputError INVALID_EVENT: request.event.drainForMs: expected a non-negative safe integer, got -5",
  );
  await page.fill("#raw-event", '{"type": "TransitionObserved", "state": {"kind": "Maintenance"}}');
  await page.click("#raw-check");
  assert.match(await page.textContent("#raw-result"), /^MaintenanceInputError INVALID_STATE: event\.state\.since: /);
  await page.fill("#raw-event", "{not json");
  await page.click("#raw-check");
  assert.match(await page.textContent("#raw-result"), /^Not JSON: /);
});

test("a loaded chain file replays with its rejected entries listed", async () => {
  const chain = [
    { at: 0, node: "n1", event: { type: "EnterMaintenance" } },
    { at: 10, node: "n1", event: { type: "ExitMaintenance" } },
    { at: 20, node: "n1", event: { type: "Reconcile", conditions: { replicasDrained: true, daemonsStopped: true } } },
    { at: 30, node: "n2", event: { type: "TransitionObserved", state: { kind: "Maintenance", since: 30 } } },
    { at: 40, node: "n1", event: { type: "ExitMaintenance", force: true } },
  ].map((entry) => JSON.stringify(entry)).join("\n");
  await page.setInputFiles("#chain-file", { name: "chain.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(chain) });
  await page.waitForSelector("#replay-result p");
  assert.equal(await page.textContent('#replay-result p[data-node="n1"]'), "n1: ExitingMaintenance (3 applied, 0 unchanged, 1 rejected)");
  assert.equal(await page.textContent('#replay-result p[data-node="n2"]'), "n2: Active (0 applied, 0 unchanged, 1 rejected)");
  const rejected = await page.locator("#replay-result .rejected li").allTextContents();
  assert.equal(rejected.length, 2);
  assert.match(rejected[0], /^line 2: INVALID_TRANSITION: /);
  assert.match(rejected[1], /^line 4: INVALID_SUCCESSOR: /);
});

test("the exported log replays without surprises", async () => {
  const download = page.waitForEvent("download");
  await page.click("#export");
  const text = await (await (await download).createReadStream()).toArray();
  const lines = Buffer.concat(text).toString("utf8").trim().split("\n").map((line) => JSON.parse(line));
  assert.ok(lines.length >= 6, `${lines.length} lines`);
  for (const line of lines) assert.deepEqual(Object.keys(line).sort(), ["at", "event", "node"]);
  await page.setInputFiles("#chain-file", { name: "export.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.concat(text) });
  await page.waitForSelector('#replay-result p[data-node="core-par-4"]');
  // Replayed from Active, the stuck node's history starts mid-drain, so its
  // first reconcile is refused; the operator's own refused exit is listed too.
  assert.match(await page.textContent('#replay-result p[data-node="edge-ams-1"]'), /^edge-ams-1: Maintenance /);
});

test("readable on a phone-width screen, and a screenshot for the record", async () => {
  mkdirSync(artifacts, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${artifacts}/console-1280x800.png`, fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: `${artifacts}/console-390x844.png`, fullPage: false });
  writeFileSync(`${artifacts}/console-errors.txt`, errors.join("\n"));
  assert.deepEqual(errors, []);
});
