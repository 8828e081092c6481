// The cluster freeze (issue 10): declared from the console as an operator's
// ICE surface would, every card's buttons off with the freeze verdict as
// their tooltip, reconcile stopped (the stuck node does not fail its drain
// while frozen) and resumed after a thaw; and a signed envelope's issuedAt in
// the raw-event panel, refused when stale.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

import { consoleForFile, artifacts } from "./console-page.mjs";

const c = consoleForFile();

const stuck = "core-par-4";
/** How many applied Reconcile events the log holds. */
const reconciles = () => c.page.locator("#log tbody tr.applied").evaluateAll((rows) =>
  rows.filter((r) => r.cells[2].textContent === "Reconcile").length);
let reconcilesAtFreeze;
const allButtons = () => c.page.locator(".card button[data-action]").evaluateAll((buttons) =>
  buttons.map((b) => ({ node: b.closest(".card").dataset.node, action: b.dataset.action, disabled: b.disabled, title: b.title })));

async function raw(node, event, issuedAt, apply = false) {
  await c.page.selectOption("#raw-node", node);
  await c.page.fill("#raw-event", JSON.stringify(event));
  await c.page.fill("#raw-issued-at", issuedAt);
  await c.page.click(apply ? "#raw-apply" : "#raw-check");
  const text = await c.page.textContent("#raw-result");
  return text.startsWith("{") ? JSON.parse(text) : text;
}

test("a freeze turns every button off, with the freeze verdict as the tooltip", async () => {
  assert.equal(await c.page.isHidden("#freeze-banner"), true);
  assert.equal(await c.page.isDisabled("#thaw"), true);
  assert.ok((await allButtons()).some((b) => !b.disabled), "some action is offered before the freeze");
  await c.page.fill("#freeze-minutes", "15");
  assert.equal(await c.page.textContent("#freeze"), "Freeze for 15 min");
  await c.page.click("#freeze");
  reconcilesAtFreeze = await reconciles();
  assert.equal(await c.page.textContent("#freeze-banner"),
    "Cluster frozen until 00:15:00 (15m 00s left): the nodes drop operator commands and reconcile moves no node.");
  const buttons = await allButtons();
  assert.equal(buttons.length, 18);
  for (const b of buttons) {
    assert.equal(b.disabled, true, `${b.node} ${b.action}`);
    assert.match(b.title, /^FREEZE_IN_EFFECT: .*: the cluster is frozen until 900000 \(900000 ms from now\)\.$/, `${b.node} ${b.action}`);
  }
  assert.match(await c.page.locator("#log tbody tr").first().textContent(), /Freeze.*cluster frozen until 00:15:00/);
});

test("while frozen, reconcile moves nothing: the stuck node does not fail past its deadline", async () => {
  assert.equal(await c.stateOf(stuck), "EnteringMaintenance");
  assert.equal(await c.fact(stuck, "deadline"), "10m 00s left");
  await c.advanceMinutes(12);
  assert.equal(await c.stateOf(stuck), "EnteringMaintenance");
  assert.equal(await c.fact(stuck, "deadline"), "deadline passed");
  assert.equal(await c.stateOf("edge-fra-2"), "EnteringMaintenance", "a healthy drain does not complete either");
  assert.match(await c.page.textContent("#freeze-banner"), /\(3m 00s left\)/);
  assert.match(await c.button(stuck, "force").getAttribute("title"), /^FREEZE_IN_EFFECT: .*\(180000 ms from now\)\.$/);
  assert.equal(await reconciles(), reconcilesAtFreeze, "no reconcile applied since the freeze");
  // The raw panel's operator actions are refused by the freeze too.
  const verdict = await raw("core-mad-5", { type: "ExitMaintenance", force: true }, "");
  assert.equal(verdict.code, "FREEZE_IN_EFFECT");
  assert.equal(verdict.stage, "freeze");
  assert.ok(await c.phoneOverflow("console-frozen") <= 0, "the frozen console fits a phone-width screen");
  mkdirSync(artifacts, { recursive: true });
  await c.page.screenshot({ path: `${artifacts}/console-frozen.png` });
});

test("after a thaw the stuck node fails at the next reconcile past its deadline", async () => {
  await c.page.click("#thaw");
  assert.equal(await c.page.isHidden("#freeze-banner"), true);
  assert.equal(await c.stateOf(stuck), "EnteringMaintenance", "a thaw is not a reconcile");
  await c.page.click("#step");
  assert.equal(await c.stateOf(stuck), "DrainFailed");
  // Failed at 12m01s (the freeze held it past its 10-minute deadline).
  assert.equal(await c.fact(stuck, "reason"), "drain deadline elapsed after 721000ms");
  assert.ok(await reconciles() > reconcilesAtFreeze);
  assert.equal(await c.button(stuck, "force").isEnabled(), true);
  await c.advanceMinutes(1);
  assert.equal(await c.stateOf("edge-fra-2"), "Maintenance", "the healthy drain completes once thawed");
});

test("a freeze ends by itself at its end time", async () => {
  await c.page.fill("#freeze-minutes", "1");
  await c.page.click("#freeze");
  assert.equal(await c.button(stuck, "force").isDisabled(), true);
  await c.advanceMinutes(1);
  assert.equal(await c.page.isHidden("#freeze-banner"), true, "at frozenUntil the freeze is over");
  assert.equal(await c.button(stuck, "force").isEnabled(), true);
  assert.match(await c.page.locator("#log tbody tr").first().textContent(), /Freeze over/);
});

test("a stale or future issuedAt in the raw panel is refused before the rules", async () => {
  const now = await c.nowMs();
  assert.ok(now > 300_000);
  const enter = { type: "EnterMaintenance", drainForMs: 60_000 };
  const stale = await raw("core-waw-6", enter, "0", true);
  assert.equal(stale.outcome, "rejected");
  assert.equal(stale.code, "ENVELOPE_EXPIRED");
  assert.equal(stale.stage, "freshness");
  assert.match(stale.message, new RegExp(`issued ${now} ms ago, more than the 300000 ms freshness window`));
  assert.equal(await c.stateOf("core-waw-6"), "Active", "a refused envelope is not applied");
  assert.deepEqual(await c.page.locator("#log tbody tr").first().locator("td").allTextContents().then((t) => t.slice(1, 5)),
    ["core-waw-6", "EnterMaintenance (drain 60s)", "rejected", "ENVELOPE_EXPIRED"]);
  const future = await raw("core-waw-6", enter, String(now + 30_001));
  assert.equal(future.code, "ENVELOPE_FROM_FUTURE");
  assert.equal(await raw("core-waw-6", enter, "soon"),
    'MaintenanceInputError INVALID_TIMESTAMP: request.issuedAt: expected a non-negative safe integer, got "soon"');
  const fresh = await raw("core-waw-6", enter, String(now - 300_000), true);
  assert.equal(fresh.outcome, "applied", "exactly 300000 ms old is still fresh");
  assert.equal(await c.stateOf("core-waw-6"), "EnteringMaintenance");
  // The refused envelope never reached the chain: the export leaves it out.
  const download = c.page.waitForEvent("download");
  await c.page.click("#export");
  const text = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString("utf8");
  const lines = text.trim().split("\n").map((line) => JSON.parse(line)).filter((l) => l.node === "core-waw-6");
  assert.deepEqual(lines, [{ at: now, node: "core-waw-6", event: enter }]);
  assert.deepEqual(c.errors, []);
});
