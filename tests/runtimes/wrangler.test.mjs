// A user's copy of examples/edge-worker/, served by `wrangler dev` (wrangler
// from npm, on Node 22 as it requires) with the package installed in its
// node_modules: wrangler resolves the package's "workerd" export and uploads
// its .wasm as a compiled module. The worker must answer the conformance
// vectors as workerd does. Runs only on 127.0.0.1; stopped by its pid.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, symlinkSync } from "node:fs";

import { deepEqual } from "../js/conformance.mjs";
import { loadVectors, loadNativeResults } from "../js/vectors.mjs";
import { freePort, repo } from "./processes.mjs";

test("wrangler dev serves a copy of the example with no change but the package path", async () => {
  const node22 = process.env.NODE22;
  assert.ok(node22, "the test command sets NODE22 (scripts/tools.sh ensure_node22)");
  const dir = `${repo}target/wrangler-example`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(`${dir}/node_modules`, { recursive: true });
  for (const file of ["worker.mjs", "wrangler.toml"]) copyFileSync(`${repo}examples/edge-worker/${file}`, `${dir}/${file}`);
  symlinkSync(`${repo}pkg`, `${dir}/node_modules/mesh-maintenance`);
  const port = await freePort();
  const child = spawn(node22, [`${repo}node_modules/wrangler/bin/wrangler.js`, "dev", "--ip", "127.0.0.1", "--port", String(port)], {
    cwd: dir,
    detached: true, // its own process group: wrangler starts workerd under it
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", WRANGLER_LOG_PATH: `${dir}/logs`, HOME: dir },
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
  } finally {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
});
