// A user's copy of examples/edge-worker/ with the package installed in its
// node_modules by npm from `npm pack`'s tarball (edge-worker.mjs exampleApp),
// served by the example's own `npm run dev` (`wrangler dev`: wrangler from
// npm, on Node 22 as it requires). wrangler bundles worker.mjs itself,
// resolves the package's "workerd" export by name and uploads its .wasm as a
// compiled module. The worker must answer the conformance vectors as workerd
// does, with the bindings of wrangler.toml's [vars] (a registry naming no
// operator, no allowed origin), then again with a registry given on the
// command line (--var), admitting a signed command. Runs only on 127.0.0.1;
// stopped by its process group.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, readFileSync, rmSync } from "node:fs";
import { dirname } from "node:path";

import { deepEqual } from "../js/conformance.mjs";
import { loadVectors, loadNativeResults } from "../js/vectors.mjs";
import { freePort, repo } from "./processes.mjs";
import { exampleApp, exampleDir, exampleFiles, post, signedBody, testKeys } from "./edge-worker.mjs";

const dir = `${repo}target/wrangler-example`;

/**
 * Runs the copy's `npm run dev` (wrangler dev) with `args`, calls `use(url)`,
 * stops it by its process group. Node 22 comes first on the PATH (wrangler
 * runs on whichever `node` that finds), then the repository's tools.
 */
async function withWranglerDev(args, use) {
  const node22 = process.env.NODE22;
  assert.ok(node22, "the test command sets NODE22 (scripts/tools.sh ensure_node22)");
  const port = await freePort();
  const child = spawn("npm", ["run", "dev", "--silent", "--", "--ip", "127.0.0.1", "--port", String(port), ...args], {
    cwd: dir,
    detached: true, // its own process group: npm starts wrangler, which starts workerd
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PATH: `${dirname(node22)}:${repo}node_modules/.bin:${process.env.PATH}`,
      CI: "true", WRANGLER_SEND_METRICS: "false", WRANGLER_LOG_PATH: `${dir}/logs`, HOME: dir,
    },
  });
  let output = "";
  child.stdout.on("data", (data) => (output += data));
  child.stderr.on("data", (data) => (output += data));
  try {
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (!output.includes("Ready on")) {
      assert.ok(child.exitCode === null, `wrangler exited:\n${output}`);
      assert.ok(Date.now() < deadline, `wrangler did not start in 60 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await use(url);
  } finally {
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    // Waits for it (wrangler's ports free again) for at most 10 s.
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  }
}

test("npm run dev (wrangler dev) serves a copy of the example with the package installed by name", async () => {
  rmSync(dir, { recursive: true, force: true });
  cpSync(await exampleApp(), dir, { recursive: true });
  rmSync(`${dir}/dist`, { recursive: true }); // the esbuild bundle is for plain workerd: wrangler bundles for itself
  // The worker's sources and wrangler.toml are the example's, byte for byte.
  for (const file of exampleFiles().filter((name) => name.endsWith(".mjs") || name === "wrangler.toml")) {
    assert.equal(readFileSync(`${dir}/${file}`, "utf8"), readFileSync(`${exampleDir}/${file}`, "utf8"), file);
  }
  assert.equal(JSON.parse(readFileSync(`${dir}/package.json`, "utf8")).scripts.dev, "wrangler dev");
  await withWranglerDev([], async (url) => {
    const native = loadNativeResults();
    let sent = 0;
    for (const c of loadVectors().transition.cases) {
      const response = await fetch(`${url}/v1/check`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ state: c.state, event: c.event, now: c.now, config: c.config }),
      });
      const verdict = await response.json();
      const expected = native[`transition/${c.name}`];
      assert.equal(response.status, expected.outcome === "rejected" ? 409 : 200, c.name);
      assert.ok(deepEqual(verdict, expected), c.name);
      sent += 1;
    }
    const bad = await fetch(`${url}/v1/check`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"state": {"kind": "Paused"}}' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, "INVALID_STATE");
    console.log(`wrangler dev: ${sent} transition vectors over HTTP agree with the native run`);
    // wrangler.toml's [vars]: a registry naming no one, no allowed origin.
    const request = { state: { kind: "Active" }, event: { type: "EnterMaintenance" }, now: 1 };
    const unsigned = await post(`${url}/v1/admit`, request);
    assert.equal(unsigned.status, 401);
    assert.equal(unsigned.body.error.code, "SIGNATURE_REQUIRED");
    const signed = await post(`${url}/v1/admit`, signedBody(request));
    assert.equal(signed.status, 403);
    assert.equal(signed.body.code, "NOT_AUTHORIZED");
    const preflight = await fetch(`${url}/v1/admit`, { method: "OPTIONS", headers: { origin: "https://console.example", "access-control-request-method": "POST" } });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers.get("vary"), "Origin");
  });
  // The same copy with a registry and an origin given on the command line.
  const registry = JSON.stringify({ 1: testKeys[1].pub });
  await withWranglerDev(["--var", `OPERATORS:${registry}`, "--var", "ALLOWED_ORIGINS:https://console.example"], async (url) => {
    const request = { state: { kind: "Active" }, event: { type: "EnterMaintenance", drainForMs: 60_000 }, now: 1 };
    const admitted = await post(`${url}/v1/admit`, signedBody(request), { origin: "https://console.example" });
    assert.equal(admitted.status, 200, JSON.stringify(admitted.body));
    assert.equal(admitted.body.signature.outcome, "verified");
    assert.equal(admitted.headers.get("access-control-allow-origin"), "https://console.example");
    const tampered = await post(`${url}/v1/admit`, { ...signedBody(request), node: "43" });
    assert.equal(tampered.status, 403);
    assert.equal(tampered.body.code, "INVALID_SIGNATURE");
    console.log("wrangler dev: a signed command admitted, a tampered one refused");
  });
});
