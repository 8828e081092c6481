// Loading a fleet snapshot (issue 9): `{observedAt, dialect, nodes: {name:
// view}}` in each dialect replaces the fleet, the states converted by the
// module's fromView and aged by the simulated clock from observedAt; a bad
// file names the node and the field and leaves the fleet as it was.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

import { consoleForFile, repo } from "./console-page.mjs";
import { fleetSnapshot } from "../../examples/fleet-snapshot.mjs";

const c = consoleForFile();

const s = 1000;
const min = 60 * s;

async function load(name, content) {
  const text = typeof content === "string" ? content : JSON.stringify(content);
  const previous = await c.page.textContent("#snapshot-result");
  await c.page.setInputFiles("#snapshot-file", { name, mimeType: "application/json", buffer: Buffer.from(text) });
  await c.page.waitForFunction(([prev]) => document.getElementById("snapshot-result").textContent !== prev, [previous]);
  return c.page.textContent("#snapshot-result");
}

const names = () => c.page.locator(".card").evaluateAll((cards) => cards.map((card) => card.dataset.node));
/** Everything the cards show, to prove a refused file changed nothing. */
const screen = () => c.page.evaluate(() => ({
  now: document.getElementById("now").dataset.ms,
  cards: [...document.querySelectorAll(".card")].map((card) =>
    [...card.querySelectorAll("[data-role]")].map((el) => `${el.dataset.role}=${el.value ?? el.textContent}`).join("|")),
}));

test("an SDK snapshot (numbers, as JSON carries bigints) replaces the fleet and ages from observedAt", async () => {
  const observedAt = 2 * 60 * min;
  const message = await load("sdk.json", {
    observedAt,
    dialect: "sdk",
    nodes: {
      "edge-sdk-1": { kind: "EnteringMaintenance", sinceMs: 2 * min, deadlineRemainingMs: 8 * min },
      "edge-sdk-2": { kind: "DrainFailed", sinceMs: 30 * s, reason: "drain deadline elapsed after 600000ms" },
      "edge-sdk-3": { kind: "Active" },
      "core-sdk-4": { kind: "Maintenance", sinceMs: 60 * min },
    },
  });
  assert.equal(message, "Loaded sdk.json: 4 nodes (sdk views) observed at 02:00:00.");
  assert.deepEqual(await names(), ["edge-sdk-1", "edge-sdk-2", "edge-sdk-3", "core-sdk-4"]);
  assert.equal(await c.nowMs(), observedAt, "the simulated clock is set to observedAt");
  assert.equal(await c.page.textContent("#now"), "02:00:00");
  assert.equal(await c.stateOf("edge-sdk-1"), "EnteringMaintenance");
  assert.equal(await c.fact("edge-sdk-1", "in-state"), "2m 00s");
  assert.equal(await c.fact("edge-sdk-1", "deadline"), "8m 00s left");
  assert.equal(await c.fact("edge-sdk-2", "reason"), "drain deadline elapsed after 600000ms");
  assert.equal(await c.fact("edge-sdk-2", "in-state"), "30s");
  assert.equal(await c.stateOf("edge-sdk-3"), "Active");
  assert.equal(await c.fact("core-sdk-4", "in-state"), "1h 00m");
  assert.deepEqual(await c.card("edge-sdk-1").locator('[data-role="node-id"]').textContent(), "1");
  assert.deepEqual(await c.card("core-sdk-4").locator('[data-role="node-id"]').textContent(), "4");
  // A loaded node drains like a healthy one, timed from the load: 2 min, then 20 s to stop.
  await c.advanceMinutes(2);
  assert.equal(await c.stateOf("edge-sdk-1"), "EnteringMaintenance");
  assert.equal(await c.fact("edge-sdk-1", "deadline"), "6m 00s left");
  await c.advanceMinutes(1);
  assert.equal(await c.stateOf("edge-sdk-1"), "Maintenance");
  assert.equal(await c.fact("core-sdk-4", "in-state"), "1h 03m");
  assert.equal(await c.fact("edge-sdk-2", "in-state"), "3m 30s");
  assert.match(await c.page.locator("#log tbody tr").last().textContent(), /Snapshot.*fleet replaced by sdk\.json/);
});

test("an FFI snapshot from Go: a dropped since_ms is 0, a dropped reason empty", async () => {
  const observedAt = Date.UTC(2026, 10, 29, 9, 30);
  const message = await load("ffi.json", {
    observedAt,
    dialect: "ffi",
    nodes: {
      "go-1": { kind: "entering_maintenance", deadline_remaining_ms: 5 * min },
      "go-2": { kind: "drain_failed", since_ms: 45 * s },
      "go-3": { kind: "active" },
      "go-4": { kind: "recovery", since_ms: 10 * s },
    },
  });
  assert.match(message, /^Loaded ffi\.json: 4 nodes \(ffi views\) observed at 2026-11-29 09:30:00Z\.$/);
  assert.deepEqual(await names(), ["go-1", "go-2", "go-3", "go-4"]);
  assert.equal(await c.nowMs(), observedAt);
  assert.equal(await c.page.textContent("#now"), "2026-11-29 09:30:00Z");
  assert.equal(await c.stateOf("go-1"), "EnteringMaintenance");
  assert.equal(await c.fact("go-1", "in-state"), "0s", "since_ms omitted by Go is 0");
  assert.equal(await c.fact("go-1", "deadline"), "5m 00s left");
  assert.equal(await c.stateOf("go-2"), "DrainFailed");
  assert.equal(await c.fact("go-2", "reason"), "(none given)");
  assert.equal(await c.fact("go-2", "in-state"), "45s");
  assert.equal(await c.stateOf("go-4"), "Recovery");
  assert.ok(await c.phoneOverflow("console-ffi-snapshot") <= 0, "a wall-clock time fits a phone-width screen");
  await c.page.click("#step");
  assert.equal(await c.fact("go-1", "in-state"), "1s");
  assert.equal(await c.fact("go-4", "in-state"), "11s");
});

test("a snapshot of the nodes' own serde JSON", async () => {
  const message = await load("snapshot.json", {
    observedAt: min,
    dialect: "snapshot",
    nodes: {
      "n-a": "Active",
      "n-b": { Maintenance: { since_ms: min } },
      "n-c": { EnteringMaintenance: { since_ms: 5 * s, deadline_remaining_ms: null } },
      "n-d": { ExitingMaintenance: { since_ms: 0 } },
      "n-e": { DrainFailed: { since_ms: s, reason: "operator abort" } },
    },
  });
  assert.equal(message, "Loaded snapshot.json: 5 nodes (snapshot views) observed at 00:01:00.");
  const states = await Promise.all(["n-a", "n-b", "n-c", "n-d", "n-e"].map((n) => c.stateOf(n)));
  assert.deepEqual(states, ["Active", "Maintenance", "EnteringMaintenance", "ExitingMaintenance", "DrainFailed"]);
  assert.equal(await c.fact("n-b", "in-state"), "1m 00s");
  assert.equal(await c.fact("n-c", "deadline"), "no deadline");
  assert.equal(await c.fact("n-e", "reason"), "operator abort");
  // The raw panel follows the new fleet.
  const options = await c.page.locator("#raw-node option").allTextContents();
  assert.deepEqual(options, ["n-a", "n-b", "n-c", "n-d", "n-e"]);
});

test("a bad file names the node and the field, and the fleet on screen is left as it was", async () => {
  await c.page.click("#step");
  const before = await screen();
  const bad = [
    ["bad-view.json", {
      observedAt: 1000, dialect: "sdk",
      nodes: { "edge-ok": { kind: "Active" }, "core-par-4": { kind: "EnteringMaintenance", sinceMs: -5, deadlineRemainingMs: null } },
    }, 'nodes["core-par-4"]: view.sinceMs: expected a bigint or number in 0 ..= 2^53 - 1, got -5'],
    ["bad-snapshot.json", {
      observedAt: 1000, dialect: "snapshot",
      nodes: { a: "Active", b: { Maintenance: { since_ms: 1 } }, "core-par-4": { EnteringMaintenance: { since_ms: "5" } } },
    }, 'nodes["core-par-4"]: view.EnteringMaintenance.since_ms: expected a non-negative safe integer, got "5" (a string: pass the number itself)'],
    ["bad-ffi.json", {
      observedAt: 1000, dialect: "ffi", nodes: { "go-9": { kind: "maintenance", since_ms: 1, deadline_remaining_ms: 5 } },
    }, 'nodes["go-9"]: view.deadline_remaining_ms: unknown field "deadline_remaining_ms"; expected only "kind", "since_ms"'],
    ["big.json", {
      observedAt: 1000, dialect: "sdk", nodes: { huge: { kind: "Maintenance", sinceMs: 2 ** 53 } },
    }, 'nodes["huge"]: view.sinceMs: expected a bigint or number in 0 ..= 2^53 - 1, got 9007199254740992'],
    ["not-json.json", "{observedAt: 1", /^not JSON \(/],
    ["array.json", [], "expected an object {observedAt, dialect, nodes}, got []"],
    ["dialect.json", { observedAt: 1000, dialect: "go", nodes: { a: { kind: "active" } } },
      'dialect: expected one of "sdk", "ffi", "snapshot", got "go"'],
    ["observed.json", { observedAt: -1, dialect: "ffi", nodes: { a: { kind: "active" } } },
      "observedAt: expected a non-negative safe integer, got -1"],
    ["empty.json", { observedAt: 1000, dialect: "sdk", nodes: {} }, "nodes: empty, the file names no node"],
    ["nodes-array.json", { observedAt: 1000, dialect: "sdk", nodes: [{ kind: "Active" }] },
      'nodes: expected an object of node name to view, got [{"kind":"Active"}]'],
    ["missing.json", { dialect: "sdk", nodes: { a: { kind: "Active" } } }, "observedAt: missing"],
    ["extra.json", { observedAt: 1, dialect: "sdk", nodes: { a: { kind: "Active" } }, clock: 5 },
      '"clock": unknown field (expected observedAt, dialect, nodes)'],
  ];
  for (const [name, content, expected] of bad) {
    const message = await load(name, content);
    const detail = typeof expected === "string" ? expected : null;
    if (detail) assert.equal(message, `Could not load ${name}: ${detail}. The fleet on screen is unchanged.`, name);
    else assert.match(message.replace(`Could not load ${name}: `, ""), expected, name);
    assert.equal(await c.page.getAttribute("#snapshot-result", "data-kind"), "error");
    assert.deepEqual(await screen(), before, `${name} left the fleet as it was`);
    // Cleared, so the next refusal is seen arriving even with the same words.
    await c.page.evaluate(() => (document.getElementById("snapshot-result").textContent = ""));
  }
  assert.deepEqual(c.errors, []);
});

test("examples/fleet-snapshot.mjs turns SDK views (bigint times) into a file the console loads", async () => {
  const file = execFileSync("node", [`${repo}examples/fleet-snapshot.mjs`, "7200000"], { cwd: repo, encoding: "utf8" });
  assert.equal(await load("fleet.json", file), "Loaded fleet.json: 5 nodes (sdk views) observed at 02:00:00.");
  const states = await Promise.all(["edge-ams-1", "edge-fra-2", "core-par-4", "core-mad-5", "core-waw-6"].map((n) => c.stateOf(n)));
  assert.deepEqual(states, ["Active", "EnteringMaintenance", "DrainFailed", "Maintenance", "Recovery"]);
  assert.equal(await c.fact("edge-fra-2", "deadline"), "8m 00s left");
  assert.equal(await c.fact("core-waw-6", "in-state"), "45s");
  // A bigint time is written as a number only when it is exact.
  assert.deepEqual(fleetSnapshot({ n: { kind: "Maintenance", sinceMs: 5n } }, 10).nodes.n, { kind: "Maintenance", sinceMs: 5 });
  assert.throws(() => fleetSnapshot({ "core-par-4": { kind: "Maintenance", sinceMs: 2n ** 53n } }, 10),
    { message: 'nodes["core-par-4"]: view.sinceMs: expected a bigint or number in 0 ..= 2^53 - 1, got 9007199254740992' });
});

test("back to the simulated fleet", async () => {
  await c.page.click("#simulated-fleet");
  assert.equal(await c.page.locator(".card").count(), 6);
  assert.equal(await c.nowMs(), 0);
  assert.equal(await c.stateOf("core-par-4"), "EnteringMaintenance", "the scenario runs again from time 0");
  assert.deepEqual(c.errors, []);
});
