// The rules selector (issue 9): the same fleet under "strict" and "node",
// every button, tooltip, the one-line disagreement and the diagram following
// the selected profile, and each node keeping its state across a switch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";

import { consoleForFile, artifacts } from "./console-page.mjs";

const c = consoleForFile();

const stuck = "core-par-4";
const facts = (name) => Promise.all(["state", "in-state", "deadline", "reason"].map((role) => c.fact(name, role)));

test("strict by default: the stuck node fails its drain and needs force", async () => {
  assert.equal(await c.page.inputValue("#profile"), "strict");
  assert.equal(await c.page.locator(".diagram .op-arc").count(), 0, "no operator arrow under strict");
  await c.advanceMinutes(10);
  assert.equal(await c.stateOf(stuck), "DrainFailed");
  await c.card(stuck).locator("h3").click();
  assert.equal(await c.button(stuck, "exit").isDisabled(), true);
  assert.match(await c.button(stuck, "exit").getAttribute("title"), /^FORCE_REQUIRED: /);
  assert.equal(await c.button(stuck, "force").isEnabled(), true);
  // One line per action the profiles disagree on; a forced exit is the same under both.
  const lines = await c.card(stuck).locator('[data-role="profiles"] span').allTextContents();
  assert.deepEqual(lines, [
    "Enter — strict: INVALID_TRANSITION · node: would enter (deadline in 600s)",
    "Exit — strict: FORCE_REQUIRED · node: would exit",
  ]);
  // A drain window the module refuses is named in the tooltip; nothing else breaks.
  await c.card(stuck).locator('[data-role="drain-window"]').fill("-1");
  assert.equal(await c.button(stuck, "enter").getAttribute("title"),
    "INVALID_EVENT: request.event.drainForMs: expected a non-negative safe integer, got -60000");
  assert.deepEqual(await c.card(stuck).locator('[data-role="profiles"] span').allTextContents(),
    ["Exit — strict: FORCE_REQUIRED · node: would exit"]);
  await c.card(stuck).locator('[data-role="drain-window"]').fill("10");
  assert.deepEqual(c.errors, []);
  // Only the selected node's card carries the comparison.
  assert.equal(await c.fact("edge-lhr-3", "profiles"), "");
});

test("under node rules the same DrainFailed node exits without force; its state is kept", async () => {
  const before = await facts(stuck);
  await c.page.selectOption("#profile", "node");
  assert.deepEqual(await facts(stuck), before, "switching rules keeps every node's state");
  assert.equal(await c.button(stuck, "exit").isEnabled(), true);
  assert.equal(await c.button(stuck, "force").isDisabled(), true);
  assert.match(await c.button(stuck, "force").getAttribute("title"), /^Not needed: /);
  assert.equal(await c.fact(stuck, "why"), "", "no FORCE_REQUIRED note under node rules");
  assert.match(await c.fact(stuck, "profiles"), /Exit — strict: FORCE_REQUIRED · node: would exit/);
  // The diagram: the successor arcs are unchanged, plus the dashed operator arrow.
  assert.equal(await c.page.locator(".diagram .arc").count(), 8);
  const arrow = c.page.locator(".diagram .op-arc");
  assert.equal(await arrow.count(), 1);
  assert.deepEqual((await arrow.getAttribute("data-from")).split(" ").sort(),
    ["DrainFailed", "EnteringMaintenance", "ExitingMaintenance", "Maintenance", "Recovery"]);
  assert.equal(await arrow.getAttribute("class"), "op-arc valid", "EnterMaintenance is possible from DrainFailed");
  assert.match(await c.page.textContent(".diagram"), /from any state/);
  assert.match(await c.page.textContent("#rules-note"), /^node rules: EnterMaintenance is accepted from any state/);
});

test("node rules elsewhere: an exit from Active is ignored, a second enter restarts the window", async () => {
  const node = "edge-ams-1";
  assert.equal(await c.stateOf(node), "Active");
  assert.equal(await c.button(node, "exit").isDisabled(), true);
  assert.equal(await c.button(node, "exit").getAttribute("title"),
    "unchanged: ExitMaintenance leaves the node in Active: the node ignores ExitMaintenance while in Active.");
  await c.card(node).locator('[data-role="drain-window"]').fill("5");
  await c.button(node, "enter").click();
  assert.equal(await c.stateOf(node), "EnteringMaintenance");
  assert.equal(await c.fact(node, "deadline"), "5m 00s left");
  assert.equal(await c.button(node, "enter").isEnabled(), true, "re-entering is offered under node rules");
  // At the same instant a re-entry would change nothing; a second later it restarts the window.
  assert.doesNotMatch(await c.fact(node, "profiles"), /Enter/);
  await c.page.click("#step");
  assert.equal(await c.fact(node, "in-state"), "1s");
  assert.match(await c.fact(node, "profiles"), /Enter — strict: no change · node: would restart the drain \(deadline in 300s\)/);
  await c.button(node, "enter").click();
  assert.equal(await c.fact(node, "in-state"), "0s", "the window restarted");
  // Back to strict: the same state, and re-entering is not offered.
  await c.page.selectOption("#profile", "strict");
  assert.equal(await c.stateOf(node), "EnteringMaintenance");
  assert.equal(await c.button(node, "enter").isDisabled(), true);
  assert.equal(await c.page.locator(".diagram .op-arc").count(), 0);
});

test("a plain exit from DrainFailed goes through under node rules", async () => {
  await c.page.selectOption("#profile", "node");
  await c.button(stuck, "exit").click();
  assert.equal(await c.stateOf(stuck), "ExitingMaintenance");
  assert.match(await c.fact(stuck, "result"), /^ExitMaintenance moved the node from DrainFailed to ExitingMaintenance/);
  assert.match(await c.page.locator("#log tbody tr").first().textContent(), /core-par-4ExitMaintenanceapplied/);
  assert.ok(await c.phoneOverflow("console-node-profile") <= 0, "fits a phone-width screen under node rules");
  mkdirSync(artifacts, { recursive: true });
  await c.page.screenshot({ path: `${artifacts}/console-node-profile.png` });
  assert.deepEqual(c.errors, []);
});
