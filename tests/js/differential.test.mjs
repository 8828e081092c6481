// The wasm half of the cross-build differential test: every case that
// `cargo test --test differential` generated (with its native result) goes
// through the package in Node; there must be no mismatch. Histories go
// through `replay`; admissions through `admit` and `Machine.allowedActions`;
// views through `toView` then `fromView` (and mutated views through
// `fromView`, errors compared); payloads through `adminSigningPayload` and
// `prepareAdminCommit` (bytes compared as hex). Messages are compared through
// a digest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";

import { replay, admit, Machine } from "mesh-maintenance";
import { toView, fromView, adminSigningPayload, prepareAdminCommit } from "mesh-maintenance/gate";
import { deepEqual, hex, unBigInt } from "./conformance.mjs";

const encoder = new TextEncoder();
const count = Number(process.env.DIFF_COUNT ?? 100_000);

/** FNV-1a (32-bit) over the UTF-8 of the messages joined by newlines, as natively. */
function digest(messages) {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(messages.join("\n"))) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** Each line of a file the native half wrote, parsed; streamed, as a long run's file is larger than a string may be. */
async function* cases(name) {
  const file = new URL(`../../target/differential/${name}`, import.meta.url);
  assert.ok(existsSync(file), "run `cargo test --test differential` first (the test command does)");
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line) yield JSON.parse(line);
  }
}

/** Compares each case's `actual(c)` with `expected(c)`; returns the count and the first mismatches. */
async function compare(name, actual, expected = (c) => c.expected) {
  const mismatches = [];
  let i = -1;
  for await (const c of cases(name)) {
    i += 1;
    let got;
    try {
      got = actual(c);
    } catch (error) {
      got = { threw: `${error?.name}: ${error?.message}` };
    }
    const want = expected(c);
    if (!deepEqual(got, want)) {
      mismatches.push(`${name} case ${i}: ${JSON.stringify(c)}\n  wasm: ${JSON.stringify(got)}`);
      if (mismatches.length >= 10) break;
    }
  }
  return { count: i + 1, mismatches };
}

/** A thrown MaintenanceInputError as the native side writes it. */
function errorRecord(error) {
  if (error?.name !== "MaintenanceInputError") throw error;
  return { error: error.code, path: error.path, message: digest([error.message]) };
}

test("the wasm build replays every native history identically", async () => {
  let entries = 0;
  const { count: n, mismatches } = await compare("histories.jsonl", (history) => {
    entries += history.entries.length;
    const outcome = replay(history.entries, { initial: history.initial, config: history.config });
    return {
      state: outcome.state,
      applied: outcome.applied,
      unchanged: outcome.unchanged,
      rejected: outcome.rejected.map((r) => [r.index, r.verdict.code]),
      messages: digest(outcome.rejected.map((r) => r.verdict.message)),
    };
  });
  console.log(`wasm: replayed ${n} histories (${entries} entries), ${mismatches.length} mismatches`);
  assert.deepEqual(mismatches, []);
  assert.ok(n >= count, `${n} histories, expected at least ${count}`);
});

test("the wasm build admits every native admission request identically, and offers the same buttons", async () => {
  const stages = { freeze: 0, freshness: 0, rules: 0 };
  const { count: n, mismatches } = await compare("admissions.jsonl", (c) => {
    const verdict = c.policy === undefined ? admit(c.request, c.now) : admit(c.request, c.now, c.policy);
    stages[verdict.stage] += 1;
    const options = c.request.frozenUntil === undefined ? undefined : { frozenUntil: c.request.frozenUntil };
    const machine = new Machine({ state: c.request.state, config: c.request.config });
    let allowed;
    try {
      allowed = options === undefined ? machine.allowedActions(c.now) : machine.allowedActions(c.now, options);
    } finally {
      machine.free();
    }
    return {
      outcome: verdict.outcome,
      stage: verdict.stage,
      code: verdict.code ?? null,
      to: verdict.to,
      message: digest([verdict.message]),
      allowed,
    };
  });
  console.log(`wasm: ${n} admissions (${JSON.stringify(stages)}), ${mismatches.length} mismatches`);
  assert.deepEqual(mismatches, []);
  assert.ok(n >= count / 2, `${n} admissions, expected at least ${count / 2}`);
});

test("the wasm build writes and reads every native view identically, in each dialect", async () => {
  let malformed = 0;
  const { count: n, mismatches } = await compare("views.jsonl", (c) => {
    const view = toView(c.state, c.now, c.dialect);
    // "sdk" times are bigints, the other dialects' numbers.
    const times = JSON.stringify(view, (key, value) => (typeof value === "bigint" ? "bigint" : typeof value === "number" ? "number" : value));
    const wrongType = c.dialect === "sdk" ? times.includes('"number"') : times.includes('"bigint"');
    const result = { view: unBigInt(view), back: fromView(view, c.observedAt, c.dialect) };
    if (wrongType) result.wrongTimeType = true;
    if (c.malformed) {
      malformed += 1;
      let answer;
      try {
        answer = { ok: fromView(c.malformed.view, c.observedAt, c.dialect) };
      } catch (error) {
        answer = errorRecord(error);
      }
      result.malformed = answer;
    }
    return result;
  }, (c) => (c.malformed ? { ...c.expected, malformed: c.malformed.expected } : c.expected));
  console.log(`wasm: ${n} views through toView and fromView (${malformed} malformed), ${mismatches.length} mismatches`);
  assert.deepEqual(mismatches, []);
  assert.ok(n >= count / 2, `${n} views, expected at least ${count / 2}`);
});

test("the wasm build signs and prepares every native command byte for byte", async () => {
  let commits = 0;
  const { count: n, mismatches } = await compare("payloads.jsonl", (c) => {
    // The node id as the native side wrote it (a decimal string), or as a bigint.
    const asBigInt = (c.issuedAt & 1) === 1;
    const command = asBigInt ? { ...c.command, node: BigInt(c.command.node) } : c.command;
    const payload = hex(adminSigningPayload(command, c.issuedAt));
    if (!c.commit) return payload;
    commits += 1;
    const k = c.commit;
    const commit = { command, issuedAt: c.issuedAt, signature: { operatorId: asBigInt ? k.operatorId : BigInt(k.operatorId), signature: k.signature } };
    const prepared = k.policy === undefined ? prepareAdminCommit(commit, k.now, k.registry) : prepareAdminCommit(commit, k.now, k.registry, k.policy);
    const bytes = Object.fromEntries(Object.entries(prepared).map(([key, value]) => [key, value instanceof Uint8Array ? hex(value) : value]));
    const messages = prepared.verdict ? [prepared.verdict.message] : [prepared.valid.message, prepared.invalid.message];
    return { payload, commit: bytes, messages: digest(messages) };
  }, (c) => (c.commit ? { payload: c.expected, commit: c.commit.expected, messages: c.commit.messages } : c.expected));
  console.log(`wasm: ${n} signing payloads (${commits} signed commits prepared), ${mismatches.length} mismatches`);
  assert.deepEqual(mismatches, []);
  assert.ok(n >= count / 2, `${n} payloads, expected at least ${count / 2}`);
});
