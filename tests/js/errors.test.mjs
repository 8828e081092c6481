// Malformed input that JSON cannot express: each call throws a
// MaintenanceInputError with the right code, and the module keeps working.
import { test } from "node:test";
import assert from "node:assert/strict";

import { transition, replay, reconcile, isValidSuccessor, Machine, rank } from "mesh-maintenance";

const active = { kind: "Active" };
const enter = { type: "EnterMaintenance" };

function assertInputError(fn, code, path) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, "MaintenanceInputError");
    assert.equal(error.code, code);
    if (path !== undefined) assert.equal(error.path, path);
    assert.ok(error.message.startsWith(`${error.path}: `), error.message);
    return true;
  });
  // A later valid call on the same module still answers correctly.
  assert.deepEqual(transition(active, { type: "EnterMaintenance", drainForMs: 10 }, 5).to,
    { kind: "EnteringMaintenance", since: 5, deadline: 15 });
}

test("timestamps that are not non-negative safe integers", () => {
  for (const now of [NaN, Infinity, -Infinity, -1, 0.5, 2 ** 53, "5", 5n, null, undefined, {}, [], true, Symbol("t")]) {
    assertInputError(() => transition(active, enter, now), "INVALID_TIMESTAMP", "now");
  }
  assert.equal(transition(active, enter, Number.MAX_SAFE_INTEGER).outcome, "applied");
  assert.equal(transition(active, enter, -0).outcome, "applied");
});

test("durations and fields of the wrong JS type", () => {
  assertInputError(() => transition(active, { type: "EnterMaintenance", drainForMs: NaN }, 1), "INVALID_EVENT", "event.drainForMs");
  assertInputError(() => transition(active, { type: "EnterMaintenance", drainForMs: 1n }, 1), "INVALID_EVENT", "event.drainForMs");
  assertInputError(() => transition({ kind: "Maintenance", since: Infinity }, enter, 1), "INVALID_STATE", "state.since");
  assertInputError(() => transition({ kind: Symbol("Active") }, enter, 1), "INVALID_STATE", "state.kind");
  assertInputError(() => transition(() => active, enter, 1), "INVALID_STATE", "state");
  assertInputError(() => reconcile(active, { daemonsHealthy: 1 }, 1), "INVALID_INPUT", "conditions.daemonsHealthy");
  assertInputError(() => transition(active, enter, 1, { recoveryRampWindowMs: NaN }), "INVALID_CONFIG", "config.recoveryRampWindowMs");
});

test("undefined fields count as omitted", () => {
  assert.equal(transition(active, { type: "EnterMaintenance", drainForMs: undefined }, 1).to.deadline, 600001);
  assert.equal(transition({ kind: "Maintenance", since: 1 }, { type: "ExitMaintenance", force: undefined }, 2).outcome, "applied");
});

test("getters that throw become input errors naming the field", () => {
  const hostile = new Proxy({}, { get() { throw new Error("boom"); } });
  assertInputError(() => transition(hostile, enter, 1), "INVALID_STATE", "state.kind");
  const keysThrow = new Proxy({ kind: "Active" }, { ownKeys() { throw new Error("no keys"); } });
  assertInputError(() => transition(keysThrow, enter, 1), "INVALID_STATE", "state");
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  assertInputError(() => transition(revocable.proxy, enter, 1), "INVALID_STATE");
});

test("a 10 MB string is refused without being copied", () => {
  const reason = "x".repeat(10_000_000);
  assertInputError(() => transition({ kind: "DrainFailed", since: 1, reason }, enter, 1), "INVALID_STATE", "state.reason");
  assertInputError(() => transition({ kind: reason }, enter, 1), "INVALID_STATE", "state.kind");
});

test("a malformed replay entry throws and nothing is returned", () => {
  const entries = [{ at: 1, event: enter }, { at: 2, event: { type: "ExitMaintenance", force: 1 } }];
  assertInputError(() => replay(entries), "INVALID_EVENT", "entries[1].event.force");
  assertInputError(() => replay(entries, null), "INVALID_INPUT", "options");
});

test("a machine is untouched by a malformed event and keeps working", () => {
  const machine = new Machine({ state: { kind: "Maintenance", since: 3 } });
  assertInputError(() => machine.apply({ type: "ExitMaintenance", force: "yes" }, 4), "INVALID_EVENT", "event.force");
  assertInputError(() => machine.apply({ type: "ExitMaintenance" }, -4), "INVALID_TIMESTAMP", "now");
  assertInputError(() => machine.allowedActions("now"), "INVALID_TIMESTAMP", "now");
  assert.deepEqual(machine.state, { kind: "Maintenance", since: 3 });
  assert.equal(machine.apply({ type: "ExitMaintenance" }, 4).outcome, "applied");
  assert.deepEqual(machine.toJSON(), { kind: "ExitingMaintenance", since: 4 });
  assert.equal(JSON.stringify(machine), '{"kind":"ExitingMaintenance","since":4}');
  machine.free();
});

test("a getter that calls back into the same machine sees it consistent", () => {
  const machine = new Machine({ state: { kind: "Maintenance", since: 3 } });
  const event = {
    get type() {
      machine.apply({ type: "ExitMaintenance" }, 5);
      return "ExitMaintenance";
    },
  };
  const verdict = machine.apply(event, 6);
  assert.equal(verdict.outcome, "unchanged");
  assert.deepEqual(machine.state, { kind: "ExitingMaintenance", since: 5 });
  machine.free();
});

test("isValidSuccessor and the predicates validate their arguments", () => {
  assertInputError(() => isValidSuccessor(active), "INVALID_STATE", "to");
  assertInputError(() => rank([]), "INVALID_STATE", "state");
  assert.equal(rank({ kind: "DrainFailed", since: 0, reason: "" }), 3);
});
