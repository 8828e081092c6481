// The README's "Use it in …" snippets are the files in examples/use/ and the
// edge worker: each runs here in its own runtime and prints what its comment
// says, and the README quotes each file whole. examples/sign/sign.mjs signs a
// command and must verify its own signature; what it prints is checked here
// independently (node:crypto) and sent to the example worker on workerd.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createPublicKey, verify } from "node:crypto";

import { adminSigningPayload } from "mesh-maintenance";
import { bin, repo, run } from "./processes.mjs";
import { post, startEdgeWorker } from "./edge-worker.mjs";

const readme = readFileSync(`${repo}README.md`, "utf8");

const cases = [
  ["node", ["examples/use/node.mjs"], "applied EnteringMaintenance"],
  ["node", ["examples/use/node.cjs"], "ExitingMaintenance"],
  [bin("deno"), ["run", "--quiet", "--allow-read", "--allow-env", "examples/use/deno.ts"], "DrainFailed"],
  [bin("bun"), ["examples/use/bun.ts"], 'EnteringMaintenance [ "INVALID_TRANSITION" ]'],
];

for (const [command, args, expected] of cases) {
  const file = args.at(-1);
  test(`${file} runs and prints what it says`, async () => {
    const { code, stdout, stderr } = await run(command, args);
    assert.equal(code, 0, stderr);
    assert.equal(stdout.trim(), expected);
  });
}

test("deno type-checks its snippet against the package's declarations", async () => {
  const { code, stderr } = await run(bin("deno"), ["check", "--quiet", "examples/use/deno.ts"]);
  assert.equal(code, 0, stderr);
});

test("the README quotes every snippet whole", () => {
  for (const file of ["node.mjs", "node.cjs", "deno.ts", "bun.ts", "browser.mjs"]) {
    const text = readFileSync(`${repo}examples/use/${file}`, "utf8").trim();
    assert.ok(readme.includes(text), `README.md does not quote examples/use/${file}`);
  }
});

test("examples/sign/sign.mjs signs a command and verifies its own signature", async () => {
  const { code, stdout, stderr } = await run("node", ["examples/sign/sign.mjs"]);
  assert.equal(code, 0, stderr);
  const line = (prefix) => {
    const found = stdout.split("\n").find((l) => l.startsWith(prefix));
    assert.ok(found, `no line starting ${JSON.stringify(prefix)} in:\n${stdout}`);
    return found.slice(prefix.length);
  };
  const publicKey = line("operator 1 public key: ");
  assert.match(publicKey, /^[0-9a-f]{64}$/);
  const [, command, issuedAt] = line("command: ").match(/^(\{.*\}) issued at (\d+)$/);
  const payload = line("payload (34 bytes): ");
  const signature = line("signature: ");
  assert.match(signature, /^[0-9a-f]{128}$/);
  // The printed payload is the package's, for the printed command and time.
  assert.equal(payload, Buffer.from(adminSigningPayload(JSON.parse(command), Number(issuedAt))).toString("hex"));
  // The signature verifies with node:crypto, apart from the example's WebCrypto.
  const key = createPublicKey({ key: Buffer.from(`302a300506032b6570032100${publicKey}`, "hex"), format: "der", type: "spki" });
  assert.ok(verify(null, Buffer.from(payload, "hex"), key, Buffer.from(signature, "hex")), "node:crypto verifies the printed signature");
  assert.equal(line("WebCrypto verify with the public key: "), "true");
  assert.match(line("verifyAdminCommit: "), /^verified \(Operator 1's signature over EnterMaintenance of node 42 with a 600000 ms drain verifies\.\)$/);
  assert.equal(line("the same signature for node 43: "), "rejected INVALID_SIGNATURE");
  // The body it prints is admitted by the example worker with that key registered.
  const worker = await startEdgeWorker({ operators: { 1: publicKey }, allowedOrigins: undefined });
  try {
    const answer = await post(`${worker.url}/v1/admit`, line("POST /v1/admit "));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.signature.outcome, "verified");
  } finally {
    await worker.stop();
  }
});
