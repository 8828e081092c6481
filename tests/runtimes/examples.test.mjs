// examples/use/ has one small program per runtime: each runs here in its
// own runtime and prints what its comment says. The README's signing
// walkthrough (keygen, register, run the worker, sign, POST) runs as written,
// its code blocks read from the README, against the example worker on
// workerd; `sign.mjs demo` signs with a throwaway key and must verify its own
// signature. What they print is checked here independently (node:crypto).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { createPublicKey, verify } from "node:crypto";

import { adminSigningPayload } from "mesh-maintenance/gate";
import { bin, repo, run } from "./processes.mjs";
import { exampleApp, post, startEdgeWorker } from "./edge-worker.mjs";

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

/** Whether `signature` (hex) is operator `publicKey`'s (hex) over `payload`, by node:crypto. */
function verifiesWith(publicKey, payload, signature) {
  const key = createPublicKey({ key: Buffer.from(`302a300506032b6570032100${publicKey}`, "hex"), format: "der", type: "spki" });
  return verify(null, payload, key, Buffer.from(signature, "hex"));
}

test("examples/sign/sign.mjs demo signs a command and verifies its own signature", async () => {
  const { code, stdout, stderr } = await run("node", ["examples/sign/sign.mjs", "demo"]);
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
  assert.ok(verifiesWith(publicKey, Buffer.from(payload, "hex"), signature), "node:crypto verifies the printed signature");
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

/** The fenced code blocks of the README's "### Sign an operator command", up to "Sign in a browser": [{lang, lines}]. */
function walkthroughBlocks() {
  const start = readme.indexOf("\n### Sign an operator command\n");
  const end = readme.indexOf("\n**Sign in a browser.**", start);
  assert.ok(start >= 0 && end > start, "README.md has the signing walkthrough");
  return [...readme.slice(start, end).matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```$/gm)].map(([, indent, lang, body]) => ({
    lang,
    lines: body.split("\n").map((line) => line.slice(indent.length)).filter((line) => line.trim() !== ""),
  }));
}

/** Runs a README shell line in `cwd` with bash, as a reader pastes it; resolves {code, stdout, stderr}. */
function shell(line, cwd) {
  return new Promise((resolve) => {
    execFile("bash", ["-c", line], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code ?? 1 : 0, stdout, stderr });
    });
  });
}

test("the README's signing walkthrough, as written: keygen, register, run the worker, sign twice with the saved key, POST", async () => {
  const blocks = walkthroughBlocks();
  const sh = blocks.filter((block) => block.lang === "sh");
  assert.equal(sh.length, 3, "three shell blocks: keygen, the worker, sign and send");
  const [keygenBlock, workerBlock, signBlock] = sh;

  // A scratch folder standing for the repository root: `examples` is the
  // repository's, whatever the commands write (operator.key, the bodies) stays here.
  const scratch = `${repo}target/sign-walkthrough-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  symlinkSync(`${repo}examples`, `${scratch}/examples`);
  let worker;
  try {
    // 1. keygen, once.
    assert.equal(keygenBlock.lines.length, 1);
    const [keygen] = keygenBlock.lines;
    assert.match(keygen, /^node examples\/sign\/sign\.mjs keygen --out (\S+)$/);
    const keyFile = `${scratch}/${keygen.match(/--out (\S+)$/)[1]}`;
    const made = await shell(keygen, scratch);
    assert.equal(made.code, 0, made.stderr);
    const [, operatorId, publicKey] = made.stdout.match(/^operator (\d+) public key: ([0-9a-f]{64})$/m) ?? [];
    assert.ok(operatorId, made.stdout);
    const entry = JSON.parse(made.stdout.match(/^registry entry: (.*)$/m)[1]);
    assert.deepEqual(entry, { [operatorId]: publicKey });
    assert.equal(statSync(keyFile).mode & 0o777, 0o600, "only the owner may read the private key");
    const saved = readFileSync(keyFile, "utf8");
    const again = await shell(keygen, scratch);
    assert.notEqual(again.code, 0, "keygen refuses to overwrite a key");
    assert.match(again.stderr, /exists: keygen never overwrites a key/);
    assert.equal(readFileSync(keyFile, "utf8"), saved, "the saved key is untouched");

    // 2. The entry in OPERATORS, as the README's capnp line shows it.
    const capnp = blocks.filter((block) => block.lang === "capnp");
    assert.equal(capnp.length, 1);
    assert.match(capnp[0].lines.join("\n"), /^\(name = "OPERATORS", text = "\{\\"\d+\\": \\"[0-9a-f]+…\\"\}"\),$/);

    // 3. The worker: these exact steps are what exampleApp and startEdgeWorker
    // do (npm installs the package, packed, then the example's `npm run build`,
    // then workerd serves config.capnp, whose socket is the README's 8787).
    assert.deepEqual(workerBlock.lines, [
      "cd examples/edge-worker",
      "npm install --no-save ../../pkg",
      "npm run build",
      "npx workerd serve config.capnp",
    ]);
    const app = await exampleApp();
    assert.match(readFileSync(`${app}/config.capnp`, "utf8"), /address = "127\.0\.0\.1:8787"/);
    assert.equal(JSON.parse(readFileSync(`${app}/package.json`, "utf8")).scripts.build.split(" ")[0], "esbuild");
    worker = await startEdgeWorker({ operators: entry, allowedOrigins: "" });
    const host = new URL(worker.url).host;

    // 4. Sign and send, twice with the same key file.
    const lines = signBlock.lines;
    assert.equal(lines.filter((line) => line.startsWith("node examples/sign/sign.mjs sign --key ")).length, 2);
    assert.equal(lines.filter((line) => line.startsWith("curl ")).length, 2);
    const answers = [];
    for (const line of lines) {
      const command = line.replaceAll("127.0.0.1:8787", host);
      const result = await shell(command, scratch);
      assert.equal(result.code, 0, `${line}\n${result.stdout}\n${result.stderr}`);
      if (line.startsWith("node ")) {
        // The body it wrote verifies with the registered key, over the package's payload.
        const body = JSON.parse(readFileSync(`${scratch}/${line.match(/> (\S+)$/)[1]}`, "utf8"));
        assert.equal(body.signature.operatorId, operatorId);
        const command = body.event.type === "EnterMaintenance"
          ? { type: body.event.type, node: body.node, drainForMs: body.event.drainForMs ?? null }
          : { type: body.event.type, node: body.node };
        assert.ok(verifiesWith(publicKey, adminSigningPayload(command, body.issuedAt), body.signature.signature), `node:crypto verifies ${line}`);
      } else {
        answers.push(JSON.parse(result.stdout));
      }
    }
    const [enter, exit] = answers;
    assert.equal(enter.outcome, "applied", JSON.stringify(enter));
    assert.equal(enter.to.kind, "EnteringMaintenance");
    assert.equal(exit.outcome, "applied", JSON.stringify(exit));
    assert.equal(exit.to.kind, "ExitingMaintenance");
    for (const answer of answers) {
      assert.equal(answer.signature.outcome, "verified");
      assert.equal(answer.signature.operatorId, operatorId);
    }
    // curl --fail-with-body exits non-zero on a 4xx: the same body to a worker without the key is refused.
    const refused = await startEdgeWorker({ operators: {}, allowedOrigins: "" });
    try {
      const answer = await post(`${refused.url}/v1/admit`, readFileSync(`${scratch}/enter.json`, "utf8"));
      assert.equal(answer.status, 403);
      assert.equal(answer.body.code, "NOT_AUTHORIZED");
    } finally {
      await refused.stop();
    }
  } finally {
    await worker?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});
